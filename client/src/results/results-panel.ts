import * as vscode from 'vscode';
import type { RunResult, ScenarioResult } from '../../../simulator/index.js';
import { buildResultsView, type ResultsView } from '../../../report/view-model.js';
import { isWebviewMessage, type HostToWebview, type ImageFormat, type WebviewToHost } from '../../../protocol/webview-messages.js';
import { buildResultsHtml } from './results-html.js';
import { contentHash } from '../../../report/content-hash.js';

export interface RenderedSummary {
    readonly charts: number;
    readonly summaryRows: number;
}

/** What the panel asks of its owner: re-running, saving exports. */
export interface PanelActions {
    rerun(panel: ResultsPanel): void;
    exportImage(panel: ResultsPanel, format: ImageFormat, fileName: string, data: string): void;
    exportData(panel: ResultsPanel, format: 'csv' | 'json'): void;
}

let runCounter = 0;

/**
 * The results of one scenario of one document, in a webview panel. Data goes to the webview only
 * after it says `ready`, and again whenever the panel becomes visible (the webview may have reloaded).
 */
export class ResultsPanel implements vscode.Disposable {
    private ready = false;
    private stale = false;
    private current: { runId: number; run: RunResult; scenario: ScenarioResult; view: ResultsView } | undefined;
    private pendingStatus: HostToWebview | undefined;
    private renderedWaiters: ((summary: RenderedSummary) => void)[] = [];
    private lastRendered: RenderedSummary | undefined;
    private readonly disposables: vscode.Disposable[] = [];
    private disposed = false;
    private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.onDisposeEmitter.event;

    constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri,
        readonly documentUri: string, readonly scenario: string, private readonly actions: PanelActions) {
        const root = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
        panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [root] };
        panel.webview.html = buildResultsHtml({
            cspSource: panel.webview.cspSource,
            scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.js')).toString(),
            styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.css')).toString(),
            title: panel.title
        });
        this.disposables.push(
            panel.webview.onDidReceiveMessage(message => this.receive(message)),
            panel.onDidChangeViewState(e => {
                if (e.webviewPanel.visible) this.sendCurrent();
            }),
            panel.onDidDispose(() => this.dispose())
        );
    }

    /** `uri#scenario`: one panel per document and scenario. */
    get id(): string {
        return panelKey(this.documentUri, this.scenario);
    }

    get result(): { run: RunResult; scenario: ScenarioResult; view: ResultsView } | undefined {
        return this.current;
    }

    get rendered(): RenderedSummary | undefined {
        return this.lastRendered;
    }

    /**
     * Shows a run of the document whose text had the SHA-256 `sourceHash` (content-hash.ts) when simulated; the
     * panel is marked stale while the document's text differs from it.
     */
    show(run: RunResult, scenario: ScenarioResult, source: string, sourceHash?: string): ResultsView {
        const view = buildResultsView(run, scenario, { source, sourceHash });
        this.stale = false;
        this.current = { runId: ++runCounter, run: { ...run, scenarios: [scenario] }, scenario, view };
        this.pendingStatus = undefined;
        this.panel.title = `Results: ${scenario.title || scenario.name}`;
        this.lastRendered = undefined;
        this.sendCurrent();
        return view;
    }

    /** The document's text now, after an edit or a save: stale when it is not the text of the run shown. */
    documentChanged(text: string): void {
        const runHash = this.current?.view.header.sourceHash;
        if (!runHash) return;
        const stale = contentHash(text) !== runHash;
        if (stale === this.stale) return;
        this.stale = stale;
        this.status({ type: 'stale', stale });
        if (!stale) this.pendingStatus = undefined;
    }

    get isStale(): boolean {
        return this.stale;
    }

    running(message: string): void {
        this.status({ type: 'running', message });
    }

    failed(message: string): void {
        this.status({ type: 'failed', message });
    }

    exportChart(format: ImageFormat, chartId?: string): void {
        void this.post({ type: 'exportChart', format, chartId });
    }

    /** Resolves when the webview reports what it drew, or with undefined after `timeoutMs`. */
    whenRendered(timeoutMs: number): Promise<RenderedSummary | undefined> {
        if (this.lastRendered) return Promise.resolve(this.lastRendered);
        return new Promise(resolve => {
            const timer = setTimeout(() => resolve(undefined), timeoutMs);
            this.renderedWaiters.push(summary => {
                clearTimeout(timer);
                resolve(summary);
            });
        });
    }

    reveal(): void {
        this.panel.reveal(undefined, true);
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.onDisposeEmitter.fire();
        this.onDisposeEmitter.dispose();
        this.disposables.forEach(d => d.dispose());
        this.disposables.length = 0;
        this.renderedWaiters.length = 0;
        this.panel.dispose();
    }

    private status(message: HostToWebview): void {
        this.pendingStatus = message;
        if (this.ready) void this.post(message);
    }

    private sendCurrent(): void {
        if (!this.ready) return;
        if (this.current) {
            const { runId, view } = this.current;
            void this.post({ type: 'show', runId, view, state: { uri: this.documentUri, scenario: this.scenario } });
        }
        if (this.pendingStatus) void this.post(this.pendingStatus);
    }

    private post(message: HostToWebview): Thenable<boolean> {
        return this.panel.webview.postMessage(message);
    }

    private receive(message: unknown): void {
        if (!isWebviewMessage(message)) return;
        const m: WebviewToHost = message;
        switch (m.type) {
            case 'ready':
                this.ready = true;
                this.sendCurrent();
                break;
            case 'rendered':
                this.lastRendered = { charts: m.charts, summaryRows: m.summaryRows };
                this.renderedWaiters.splice(0).forEach(w => w(this.lastRendered!));
                break;
            case 'rerun':
                this.actions.rerun(this);
                break;
            case 'exportImage':
                this.actions.exportImage(this, m.format, m.fileName, m.data);
                break;
            case 'exportData':
                this.actions.exportData(this, m.format);
                break;
            case 'error':
                void vscode.window.showErrorMessage(`Osteo results view: ${m.message}`);
                break;
        }
    }
}

export function panelKey(uri: string, scenario: string): string {
    return `${uri}#${scenario}`;
}
