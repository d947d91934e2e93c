import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { SensitivityResult } from '../../../simulator/index.js';
import { SensitivityRequestMethod, type SensitivityParams } from '../../../protocol/requests.js';
import { seriesLabel } from '../../../report/series-catalog.js';
import { SensitivityPanel } from '../results/sensitivity-panel.js';
import type { RenderedSummary } from '../results/webview-host.js';
import { saveImage } from './export-results.js';
import { baseName } from '../uri-names.js';
import { chooseScenario } from './choose-scenario.js';
import { targetDocument } from './target-document.js';
import { forwardServerProgress } from './server-progress.js';

/** What the command returns (for tests and other extensions). */
export type SensitivityOutcome =
    | {
        readonly ok: true;
        readonly scenario: string;
        readonly arm: string;
        readonly output: string;
        /** Parameter names, largest effect first, with what the chart marks. */
        readonly ranking: { readonly name: string; readonly coefficient: number | null; readonly assumption: boolean }[];
        readonly rendered?: RenderedSummary;
    }
    | { readonly ok: false; readonly reason: string; readonly cancelled?: boolean };

/** Outputs offered first; the server names every output of the arm if the user types another. */
const COMMON_OUTPUTS = ['bmd.lumbar_spine', 'bmd.total_hip', 'bmd.femoral_neck', 'osteoclasts', 'osteoblasts', 'rankl_opg_ratio', 'TNF_alpha', 'IL_6'];
const RENDER_WAIT_MS = 10_000;

/**
 * `osteo.sensitivityAnalysis [uri, scenario, output, at, arm]`: asks for what is missing, sends
 * `osteo/sensitivity` and shows the ranked coefficients as a bar chart beside the editor.
 */
export class SensitivityCommand implements vscode.Disposable {
    private panel: SensitivityPanel | undefined;

    constructor(private readonly client: LanguageClient, private readonly extensionUri: vscode.Uri) {}

    async run(uriArg?: unknown, scenarioArg?: unknown, outputArg?: unknown, atArg?: unknown, armArg?: unknown): Promise<SensitivityOutcome> {
        const interactive = typeof outputArg !== 'string';
        const document = await targetDocument(uriArg);
        if (!document) return this.fail('Open an Osteo (.osteo) file to analyse one of its scenarios.', interactive);
        const scenario = typeof scenarioArg === 'string' && scenarioArg ? scenarioArg : await this.chooseScenario(document);
        if (!scenario) return { ok: false, reason: 'no scenario chosen' };
        const output = typeof outputArg === 'string' && outputArg ? outputArg : await this.chooseOutput();
        if (!output) return { ok: false, reason: 'no output chosen' };
        const at = typeof atArg === 'string' ? atArg : interactive ? await vscode.window.showInputBox({
            title: `Osteo: sensitivity of ${seriesLabel(output)}`, prompt: 'At what time? Leave empty for the end of the horizon.',
            placeHolder: 'e.g. 1 year, 18 months, 90 days'
        }) : undefined;
        if (at === undefined && interactive) return { ok: false, reason: 'cancelled', cancelled: true };
        const params: SensitivityParams = {
            uri: document.uri.toString(), scenario, output,
            ...(at && at.trim() ? { at: at.trim() } : {}),
            ...(typeof armArg === 'string' && armArg ? { arm: armArg } : {})
        };
        let result: SensitivityResult;
        try {
            result = await this.request(params, `${scenario}: ${seriesLabel(output)}`);
        } catch (error) {
            if (error instanceof vscode.CancellationError || (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)) {
                return { ok: false, reason: 'cancelled', cancelled: true };
            }
            return this.fail((error as Error)?.message ?? String(error), true);
        }
        const panel = this.panel ??= this.createPanel(document.uri.toString());
        const view = panel.show(document.uri.toString(), result);
        return {
            ok: true, scenario: result.scenario, arm: result.arm, output: result.output,
            ranking: view.bars.map(b => ({ name: b.name, coefficient: b.coefficient, assumption: b.assumption })),
            rendered: await panel.whenRendered(RENDER_WAIT_MS)
        };
    }

    dispose(): void {
        this.panel?.dispose();
    }

    private createPanel(uri: string): SensitivityPanel {
        const panel = new SensitivityPanel(this.extensionUri, uri, (p, format, fileName, data) => void saveImage(p, format, fileName, data));
        panel.onDidDispose(() => { if (this.panel === panel) this.panel = undefined; });
        return panel;
    }

    private request(params: SensitivityParams, label: string): Thenable<SensitivityResult> {
        return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Osteo: sensitivity of ${label}`, cancellable: true }, async (progress, token) => {
            const { workDoneToken, listener } = forwardServerProgress(this.client, 'osteo-sensitivity', progress);
            try {
                const result = await this.client.sendRequest<SensitivityResult>(SensitivityRequestMethod, { ...params, workDoneToken }, token);
                if (token.isCancellationRequested) throw new vscode.CancellationError();
                return result;
            } finally {
                listener.dispose();
            }
        });
    }

    private async chooseScenario(document: vscode.TextDocument): Promise<string | undefined> {
        const choice = await chooseScenario(document, 'Osteo: Sensitivity Analysis');
        if (choice.none) this.fail(`${baseName(document.uri.path)} declares no scenario.`, true);
        return choice.scenario;
    }

    private async chooseOutput(): Promise<string | undefined> {
        const other = { label: '$(edit) Another output…', description: 'type a series key', key: '' };
        const picked = await vscode.window.showQuickPick([...COMMON_OUTPUTS.map(key => ({ label: seriesLabel(key), description: key, key })), other],
            { title: 'Osteo: Sensitivity Analysis', placeHolder: 'Which output? (the first arm of the scenario is analysed)' });
        if (!picked) return undefined;
        if (picked.key) return picked.key;
        return (await vscode.window.showInputBox({ title: 'Osteo: Sensitivity Analysis', prompt: 'Series key of the output', placeHolder: 'e.g. drug.denosumab, bmd.hand' }))?.trim() || undefined;
    }

    private fail(reason: string, show: boolean): SensitivityOutcome {
        if (show) void vscode.window.showErrorMessage(`Osteo: ${reason}`);
        return { ok: false, reason };
    }
}
