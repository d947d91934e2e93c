import * as vscode from 'vscode';
import type { SensitivityResult } from '../../../simulator/index.js';
import { buildSensitivityView, type SensitivityView } from '../../../report/sensitivity-view.js';
import { isWebviewMessage, type ImageFormat, type WebviewToHost } from '../../../protocol/webview-messages.js';
import { buildResultsHtml } from './results-html.js';
import type { RenderedSummary } from './results-panel.js';

/** Not restored after a reload (no serializer): an analysis is re-run on demand, not kept. */
export const SENSITIVITY_VIEW_TYPE = 'osteo.sensitivity';

let analysisCounter = 0;

/**
 * The latest sensitivity analysis of a document, in a webview panel drawn by the results view's
 * script (a `showSensitivity` message instead of `show`). One panel, reused for the next analysis.
 */
export class SensitivityPanel implements vscode.Disposable {
    readonly panel: vscode.WebviewPanel;
    private ready = false;
    private current: { id: number; view: SensitivityView } | undefined;
    private lastRendered: RenderedSummary | undefined;
    private waiters: ((summary: RenderedSummary) => void)[] = [];
    private readonly disposables: vscode.Disposable[] = [];
    private disposed = false;
    private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.onDisposeEmitter.event;

    constructor(extensionUri: vscode.Uri, public documentUri: string,
        private readonly exportImage: (panel: SensitivityPanel, format: ImageFormat, fileName: string, data: string) => void) {
        const root = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
        this.panel = vscode.window.createWebviewPanel(SENSITIVITY_VIEW_TYPE, 'Sensitivity',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, enableCommandUris: false, localResourceRoots: [root] });
        this.panel.webview.html = buildResultsHtml({
            cspSource: this.panel.webview.cspSource,
            scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.js')).toString(),
            styleUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.css')).toString(),
            title: 'Sensitivity'
        });
        this.disposables.push(
            this.panel.webview.onDidReceiveMessage(message => this.receive(message)),
            this.panel.onDidChangeViewState(e => { if (e.webviewPanel.visible) this.send(); }),
            this.panel.onDidDispose(() => this.dispose())
        );
    }

    get view(): SensitivityView | undefined {
        return this.current?.view;
    }

    show(documentUri: string, result: SensitivityResult, durationDays?: number): SensitivityView {
        const view = buildSensitivityView(result, { durationDays });
        this.documentUri = documentUri;
        this.current = { id: ++analysisCounter, view };
        this.lastRendered = undefined;
        this.panel.title = `Sensitivity: ${view.outputLabel}${view.scenario ? ` · ${view.scenario}` : ''}`;
        this.panel.reveal(undefined, true);
        this.send();
        return view;
    }

    whenRendered(timeoutMs: number): Promise<RenderedSummary | undefined> {
        if (this.lastRendered) return Promise.resolve(this.lastRendered);
        return new Promise(resolve => {
            const timer = setTimeout(() => resolve(undefined), timeoutMs);
            this.waiters.push(summary => {
                clearTimeout(timer);
                resolve(summary);
            });
        });
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.onDisposeEmitter.fire();
        this.onDisposeEmitter.dispose();
        this.disposables.forEach(d => d.dispose());
        this.waiters.length = 0;
        this.panel.dispose();
    }

    private send(): void {
        if (this.ready && this.current) void this.panel.webview.postMessage({ type: 'showSensitivity', runId: this.current.id, view: this.current.view });
    }

    private receive(message: unknown): void {
        if (!isWebviewMessage(message)) return;
        const m: WebviewToHost = message;
        switch (m.type) {
            case 'ready':
                this.ready = true;
                this.send();
                break;
            case 'rendered':
                this.lastRendered = { charts: m.charts, summaryRows: m.summaryRows };
                this.waiters.splice(0).forEach(w => w(this.lastRendered!));
                break;
            case 'exportImage':
                this.exportImage(this, m.format, m.fileName, m.data);
                break;
            case 'error':
                void vscode.window.showErrorMessage(`Osteo sensitivity view: ${m.message}`);
                break;
        }
    }
}
