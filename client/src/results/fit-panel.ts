import * as vscode from 'vscode';
import type { FitResult } from '../../../simulator/index.js';
import { buildFitView, type FitView } from '../../../report/fit-view.js';
import { isWebviewMessage, type ImageFormat, type WebviewToHost } from '../../../protocol/webview-messages.js';
import { buildResultsHtml } from './results-html.js';
import type { RenderedSummary } from './results-panel.js';

/** Not restored after a reload (no serializer): a fit is re-run on demand, not kept. */
export const FIT_VIEW_TYPE = 'osteo.fit';

let fitCounter = 0;

/**
 * The latest fit of a document (docs/data-and-fit.md §6), drawn by the results view's script (a
 * `showFit` message). Its Apply fitted values button comes back as `applyFit`, which the command handles.
 */
export class FitPanel implements vscode.Disposable {
    readonly panel: vscode.WebviewPanel;
    private ready = false;
    private current: { id: number; view: FitView; result: FitResult; uri: string } | undefined;
    private lastRendered: RenderedSummary | undefined;
    private waiters: ((summary: RenderedSummary) => void)[] = [];
    private readonly disposables: vscode.Disposable[] = [];
    private disposed = false;
    private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.onDisposeEmitter.event;

    constructor(extensionUri: vscode.Uri,
        private readonly onApply: (panel: FitPanel) => void,
        private readonly exportImage: (panel: FitPanel, format: ImageFormat, fileName: string, data: string) => void) {
        const root = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
        this.panel = vscode.window.createWebviewPanel(FIT_VIEW_TYPE, 'Fit',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, enableCommandUris: false, localResourceRoots: [root], retainContextWhenHidden: true });
        this.panel.webview.html = buildResultsHtml({
            cspSource: this.panel.webview.cspSource,
            scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.js')).toString(),
            styleUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.css')).toString(),
            title: 'Fit'
        });
        this.disposables.push(
            this.panel.webview.onDidReceiveMessage(message => this.receive(message)),
            this.panel.onDidChangeViewState(e => { if (e.webviewPanel.visible) this.send(); }),
            this.panel.onDidDispose(() => this.dispose())
        );
    }

    /** The document of the fit shown (images are saved next to it). */
    get documentUri(): string {
        return this.current?.uri ?? '';
    }

    /** The fit shown and the document it came from (what Apply writes into). */
    get fit(): { readonly result: FitResult; readonly uri: string } | undefined {
        return this.current;
    }

    show(uri: string, result: FitResult): FitView {
        const view = buildFitView(result);
        this.current = { id: ++fitCounter, view, result, uri };
        this.lastRendered = undefined;
        this.panel.title = `Fit: ${result.fit} · ${result.scenario}`;
        this.panel.reveal(undefined, true);
        this.send();
        return view;
    }

    /** Tells the page what Apply fitted values did. */
    applied(ok: boolean, message: string): void {
        void this.panel.webview.postMessage({ type: 'fitApplied', ok, message });
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
        if (this.ready && this.current) void this.panel.webview.postMessage({ type: 'showFit', runId: this.current.id, view: this.current.view });
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
            case 'applyFit':
                this.onApply(this);
                break;
            case 'exportImage':
                this.exportImage(this, m.format, m.fileName, m.data);
                break;
            case 'error':
                void vscode.window.showErrorMessage(`Osteo fit view: ${m.message}`);
                break;
        }
    }
}
