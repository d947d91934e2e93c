/**
 * **Osteo: Fit Parameters** (palette, and the "▶ Fit" code lens above each fit block): sends `osteo/fit`
 * with progress per start and a Cancel button (cancelling stops every worker of the pool), shows the fit
 * panel, and **Apply fitted values**: the estimates written into the scenario as `set` lines by one
 * WorkspaceEdit (one undo step), which changes only numbers, never units (docs/data-and-fit.md §6).
 */
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { FitResult } from '../../../simulator/index.js';
import { FitEditsRequestMethod, FitRequestMethod, type FitEditsParams, type FitEditsResult, type FitParams } from '../../../protocol/requests.js';
import { FitPanel } from '../results/fit-panel.js';
import type { RenderedSummary } from '../results/webview-host.js';
import { saveImage } from './export-results.js';
import { locateScenarios, scenarioAt } from './scenario-locator.js';
import { targetDocument } from './target-document.js';
import { forwardServerProgress } from './server-progress.js';

/** What the command returns (for tests and other extensions). */
export type FitOutcome =
    | {
        readonly ok: true;
        readonly scenario: string;
        readonly fit: string;
        readonly estimates: { readonly name: string; readonly arm: string | null; readonly value: number; readonly ci95: [number, number]; readonly identifiable: boolean }[];
        readonly rendered?: RenderedSummary;
    }
    | { readonly ok: false; readonly reason: string; readonly cancelled?: boolean };

export type ApplyOutcome =
    | { readonly ok: true; readonly written: string[]; readonly skipped: { name: string; reason: string }[] }
    | { readonly ok: false; readonly reason: string };

const RENDER_WAIT_MS = 15_000;

export class FitCommand implements vscode.Disposable {
    private panel: FitPanel | undefined;

    constructor(private readonly client: LanguageClient, private readonly extensionUri: vscode.Uri) {}

    async run(uriArg?: unknown, scenarioArg?: unknown, fitArg?: unknown): Promise<FitOutcome> {
        const document = await targetDocument(uriArg);
        if (!document) return this.fail('Open an Osteo (.osteo) file with a fit block to fit its parameters.');
        const scenario = typeof scenarioArg === 'string' && scenarioArg ? scenarioArg : this.scenarioUnderCursor(document);
        const params: FitParams = {
            uri: document.uri.toString(),
            ...(scenario ? { scenario } : {}),
            ...(typeof fitArg === 'string' && fitArg ? { fit: fitArg } : {})
        };
        let result: FitResult;
        try {
            result = await this.request(params, typeof fitArg === 'string' && fitArg ? fitArg : scenario ?? 'parameters');
        } catch (error) {
            if (error instanceof vscode.CancellationError || (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)) {
                return { ok: false, reason: 'cancelled', cancelled: true };
            }
            return this.fail((error as Error)?.message ?? String(error));
        }
        const panel = this.panel ??= this.createPanel();
        panel.show(document.uri.toString(), result);
        return {
            ok: true, scenario: result.scenario, fit: result.fit,
            estimates: result.estimates.map(e => ({ name: e.name, arm: e.arm, value: e.value, ci95: e.ci95, identifiable: e.identifiable })),
            rendered: await panel.whenRendered(RENDER_WAIT_MS)
        };
    }

    /** Apply fitted values of the fit on screen (the panel's button, or the palette). */
    async apply(): Promise<ApplyOutcome> {
        const panel = this.panel;
        const shown = panel?.fit;
        if (!panel || !shown) return this.failApply(undefined, 'Run a fit first: there are no fitted values to apply.');
        const params: FitEditsParams = {
            uri: shown.uri, scenario: shown.result.scenario,
            values: shown.result.estimates.map(e => ({ name: e.name, arm: e.arm, value: e.value }))
        };
        let plan: FitEditsResult;
        try {
            plan = await this.client.sendRequest<FitEditsResult>(FitEditsRequestMethod, params);
        } catch (error) {
            return this.failApply(panel, (error as Error)?.message ?? String(error));
        }
        const uri = vscode.Uri.parse(shown.uri);
        const document = await vscode.workspace.openTextDocument(uri);
        // The server computed the edits on the text it has; a keystroke since then would shift them.
        if (document.version !== plan.version) return this.failApply(panel, 'The file changed while the edits were prepared; apply again.');
        if (plan.edits.length === 0) return this.failApply(panel, plan.skipped.length > 0 ? `Nothing to write: ${describeSkipped(plan.skipped)}.` : 'Nothing to write.');
        const edit = new vscode.WorkspaceEdit();
        edit.set(uri, plan.edits.map(e => vscode.TextEdit.replace(
            new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText)));
        if (!await vscode.workspace.applyEdit(edit)) return this.failApply(panel, 'VS Code refused the edit (is the file read-only?).');
        const written = plan.written.map(w => w.text);
        const message = `Wrote ${written.join('; ')} into scenario ${shown.result.scenario} (undo with Ctrl+Z).${plan.skipped.length > 0 ? ` Not written: ${describeSkipped(plan.skipped)}.` : ''}`;
        panel.applied(true, message);
        return { ok: true, written, skipped: plan.skipped };
    }

    dispose(): void {
        this.panel?.dispose();
    }

    private createPanel(): FitPanel {
        const panel = new FitPanel(this.extensionUri, () => void this.apply(), (p, format, fileName, data) => void saveImage(p, format, fileName, data));
        panel.onDidDispose(() => { if (this.panel === panel) this.panel = undefined; });
        return panel;
    }

    private request(params: FitParams, label: string): Thenable<FitResult> {
        return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Osteo: fitting ${label}`, cancellable: true }, async (progress, token) => {
            const { workDoneToken, listener } = forwardServerProgress(this.client, 'osteo-fit', progress);
            try {
                const result = await this.client.sendRequest<FitResult>(FitRequestMethod, { ...params, workDoneToken }, token);
                if (token.isCancellationRequested) throw new vscode.CancellationError();
                return result;
            } finally {
                listener.dispose();
            }
        });
    }

    /** The scenario around the cursor when the command runs from the palette (the server picks when undefined). */
    private scenarioUnderCursor(document: vscode.TextDocument): string | undefined {
        const editor = vscode.window.activeTextEditor;
        if (editor?.document !== document) return undefined;
        return scenarioAt(locateScenarios(document.getText()), document.offsetAt(editor.selection.active))?.name;
    }

    private fail(reason: string): FitOutcome {
        void vscode.window.showErrorMessage(`Osteo: ${reason}`);
        return { ok: false, reason };
    }

    private failApply(panel: FitPanel | undefined, reason: string): ApplyOutcome {
        panel?.applied(false, reason);
        void vscode.window.showWarningMessage(`Osteo: ${reason}`);
        return { ok: false, reason };
    }
}

function describeSkipped(skipped: readonly { name: string; reason: string }[]): string {
    return skipped.map(s => `${s.name} (${s.reason})`).join('; ');
}
