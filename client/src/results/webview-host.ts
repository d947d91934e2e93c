/**
 * The lifecycle every panel drawn by the results view's script shares (results, sensitivity, fit): the page
 * from buildResultsHtml, data sent only once the page says `ready` (and again whenever the panel becomes
 * visible: the webview may have reloaded), what it drew (`rendered`) for whoever waits for it, its errors shown
 * to the user, and one dispose. Each panel keeps only what it shows and the messages of its own buttons.
 */
import * as vscode from 'vscode';
import { isWebviewMessage, type HostToWebview, type WebviewToHost } from '../../../protocol/webview-messages.js';
import { buildResultsHtml } from './results-html.js';

export interface RenderedSummary {
    readonly charts: number;
    readonly summaryRows: number;
}

/** What a panel adds to the shared lifecycle. */
export interface WebviewPanelContent {
    /** Named in error messages: "Osteo results view: …". */
    readonly viewName: string;
    /** Sends what the panel shows; called when the page is ready and whenever the panel becomes visible. */
    send(): void;
    /** The page's messages other than ready, rendered and error. */
    receive(message: WebviewToHost): void;
}

export class WebviewHost implements vscode.Disposable {
    private ready = false;
    private lastRendered: RenderedSummary | undefined;
    private waiters: ((summary: RenderedSummary) => void)[] = [];
    private readonly disposables: vscode.Disposable[] = [];
    private disposed = false;
    private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.onDisposeEmitter.event;

    constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, title: string, private readonly content: WebviewPanelContent) {
        const root = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
        panel.webview.html = buildResultsHtml({
            cspSource: panel.webview.cspSource,
            scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.js')).toString(),
            styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.css')).toString(),
            title
        });
        this.disposables.push(
            panel.webview.onDidReceiveMessage(message => this.receive(message)),
            panel.onDidChangeViewState(e => { if (e.webviewPanel.visible) this.content.send(); }),
            panel.onDidDispose(() => this.dispose())
        );
    }

    /** The page has said `ready`: messages sent now are received. */
    get isReady(): boolean {
        return this.ready;
    }

    /** What the page drew last, since the last `showing()`. */
    get rendered(): RenderedSummary | undefined {
        return this.lastRendered;
    }

    /** Something new is about to be shown: what was drawn before no longer counts. */
    showing(): void {
        this.lastRendered = undefined;
    }

    post(message: HostToWebview): Thenable<boolean> {
        return this.panel.webview.postMessage(message);
    }

    /** Resolves when the page reports what it drew, or with undefined after `timeoutMs`. */
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
        this.disposables.length = 0;
        this.waiters.length = 0;
        this.panel.dispose();
    }

    private receive(message: unknown): void {
        if (!isWebviewMessage(message)) return;
        const m: WebviewToHost = message;
        switch (m.type) {
            case 'ready':
                this.ready = true;
                this.content.send();
                break;
            case 'rendered':
                this.lastRendered = { charts: m.charts, summaryRows: m.summaryRows };
                this.waiters.splice(0).forEach(w => w(this.lastRendered!));
                break;
            case 'error':
                void vscode.window.showErrorMessage(`Osteo ${this.content.viewName}: ${m.message}`);
                break;
            default:
                this.content.receive(m);
        }
    }
}
