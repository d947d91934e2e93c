import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, waitFor, webviewTabs } from './helpers.js';

/** What osteo.fitParameters resolves to (client/src/commands/fit-parameters.ts, FitOutcome), as far as these tests read it. */
interface FitOutcome {
    ok: boolean;
    reason?: string;
    scenario?: string;
    fit?: string;
    estimates?: { name: string; value: number; ci95: [number, number]; identifiable: boolean }[];
    rendered?: { charts: number; summaryRows: number };
}

interface ApplyOutcome {
    ok: boolean;
    reason?: string;
    written?: string[];
}

describe('fitting parameters', () => {
    it('runs a fit from the ▶ Fit code lens, shows the fit panel, and applies the values as one undoable edit', async () => {
        const editor = await openFixture('fit-spine.osteo');
        const document = editor.document;
        const original = document.getText();
        const lenses = await waitFor('the fit code lens', async () => {
            const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
            return found?.some(l => l.command?.command === 'osteo.fitParameters') && found;
        });
        const lens = lenses.find(l => l.command?.command === 'osteo.fitParameters')!;
        assert.equal(lens.command!.title, '▶ Fit Resorption');
        assert.equal(document.lineAt(lens.range.start.line).text.trim().startsWith('fit Resorption'), true, 'the lens is not on the fit line');

        // What clicking the lens does: its command with its arguments.
        const outcome = await vscode.commands.executeCommand<FitOutcome>(lens.command!.command, ...(lens.command!.arguments ?? []));
        assert.ok(outcome?.ok, `the fit failed: ${outcome?.reason}`);
        assert.equal(outcome.fit, 'Resorption');
        const [estimate] = outcome.estimates ?? [];
        assert.equal(estimate?.name, 'bmd_goc_lumbar_spine');
        assert.ok(estimate.ci95[0] < estimate.value && estimate.value < estimate.ci95[1], `interval ${estimate.ci95} around ${estimate.value}`);
        assert.ok(outcome.rendered && outcome.rendered.charts === 3, `the fit panel drew ${JSON.stringify(outcome.rendered)}`);
        await waitFor('the fit panel tab', () => webviewTabs().some(t => t.label.startsWith('Fit: Resorption')));

        await vscode.window.showTextDocument(document, { preview: false });
        const applied = await vscode.commands.executeCommand<ApplyOutcome>('osteo.applyFittedValues');
        assert.ok(applied?.ok, `apply failed: ${applied?.reason}`);
        const line = document.getText().split('\n').find(l => l.includes('set bmd_goc_lumbar_spine'))!;
        assert.match(line, /^ {4}set bmd_goc_lumbar_spine = [0-9.e-]+$/);
        const written = Number(line.split('=')[1]);
        assert.ok(Math.abs(written - estimate.value) <= 5e-4 * estimate.value, `wrote ${written} for ${estimate.value}`);
        // Only that number changed.
        assert.equal(document.getText().replace(line, '    set bmd_goc_lumbar_spine = 0.5'), original);

        // One undo restores the file as it was.
        await vscode.window.showTextDocument(document, { preview: false });
        await vscode.commands.executeCommand('undo');
        await waitFor('the undo', () => document.getText() === original, 5000);
        assert.equal(document.isDirty, false);
    });
});
