import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, openFixture, rangeOf, waitFor } from './helpers.js';

describe('diagnostics and quick fixes', () => {
    afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

    it('flags a misspelt drug as unresolved-reference on the name, suggests the close match, and the quick fix clears it', async () => {
        const editor = await openFixture('typo.osteo');
        const document = editor.document;
        const nameRange = rangeOf(document, 'adalimumabb');

        const unresolved = await waitFor('an unresolved-reference error on "adalimumabb"', () =>
            vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'unresolved-reference'));
        assert.equal(unresolved.severity, vscode.DiagnosticSeverity.Error);
        assert.deepEqual(
            [unresolved.range.start.line, unresolved.range.start.character, unresolved.range.end.line, unresolved.range.end.character],
            [nameRange.start.line, nameRange.start.character, nameRange.end.line, nameRange.end.character],
            'the squiggle should cover exactly the misspelt name');
        assert.match(unresolved.message, /adalimumabb/);
        assert.match(unresolved.message, /did you mean[^]*\badalimumab\b/i);
        // The fixture has no other mistake: once the name is fixed the file must be clean.
        const others = vscode.languages.getDiagnostics(document.uri)
            .filter(d => d.severity === vscode.DiagnosticSeverity.Error && d !== unresolved);
        assert.equal(others.length, 0, `unexpected errors: ${describeDiagnostics(others)}`);

        // Poll as the light bulb does: while the server is still building the workspace it may answer with nothing yet.
        let offered: Array<vscode.CodeAction | vscode.Command> = [];
        const fix = await waitFor('a quick fix to "adalimumab"', async () => {
            offered = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
                'vscode.executeCodeActionProvider', document.uri, unresolved.range, vscode.CodeActionKind.QuickFix.value) ?? [];
            return offered.find((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && /\badalimumab\b/.test(a.title));
        }).catch(() => undefined);
        assert.ok(fix, `no quick fix to "adalimumab"; offered: ${offered.map(a => a.title).join(' | ') || 'nothing'}`);
        assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${fix.title}" is not a quick fix (${fix.kind?.value})`);
        assert.equal(await vscode.workspace.applyEdit(fix.edit!), true, 'the workspace refused the quick fix edit');

        assert.equal(document.lineAt(nameRange.start.line).text.trim(),
            'arm treated { give adalimumab 40 mg every 2 weeks from 0 months }');
        await waitFor('the errors to disappear after the fix', () =>
            vscode.languages.getDiagnostics(document.uri).every(d => d.severity !== vscode.DiagnosticSeverity.Error));
    });
});
