import * as vscode from 'vscode';
import type { RunResult, ScenarioResult } from '../../../simulator/index.js';
import { buildResultsView, type ResultsView } from '../../../report/view-model.js';
import type { HostToWebview, ImageFormat, WebviewToHost } from '../../../protocol/webview-messages.js';
import { contentHash } from '../../../report/content-hash.js';
import { WebviewHost, type RenderedSummary } from './webview-host.js';

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
    private readonly host: WebviewHost;
    private stale = false;
    private current: { runId: number; run: RunResult; scenario: ScenarioResult; view: ResultsView } | undefined;
    private pendingStatus: HostToWebview | undefined;
    readonly onDidDispose: vscode.Event<void>;

    constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri,
        readonly documentUri: string, readonly scenario: string, private readonly actions: PanelActions) {
        panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out', 'webview')] };
        this.host = new WebviewHost(panel, extensionUri, panel.title, {
            viewName: 'results view',
            send: () => this.sendCurrent(),
            receive: m => this.receive(m)
        });
        this.onDidDispose = this.host.onDidDispose;
    }

    /** `uri#scenario`: one panel per document and scenario. */
    get id(): string {
        return panelKey(this.documentUri, this.scenario);
    }

    get result(): { run: RunResult; scenario: ScenarioResult; view: ResultsView } | undefined {
        return this.current;
    }

    get rendered(): RenderedSummary | undefined {
        return this.host.rendered;
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
        this.host.showing();
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
        return this.host.whenRendered(timeoutMs);
    }

    reveal(): void {
        this.panel.reveal(undefined, true);
    }

    dispose(): void {
        this.host.dispose();
    }

    private status(message: HostToWebview): void {
        this.pendingStatus = message;
        if (this.host.isReady) void this.post(message);
    }

    private sendCurrent(): void {
        if (!this.host.isReady) return;
        if (this.current) {
            const { runId, view } = this.current;
            void this.post({ type: 'show', runId, view, state: { uri: this.documentUri, scenario: this.scenario } });
        }
        if (this.pendingStatus) void this.post(this.pendingStatus);
    }

    private post(message: HostToWebview): Thenable<boolean> {
        return this.host.post(message);
    }

    private receive(m: WebviewToHost): void {
        switch (m.type) {
            case 'rerun':
                this.actions.rerun(this);
                break;
            case 'exportImage':
                this.actions.exportImage(this, m.format, m.fileName, m.data);
                break;
            case 'exportData':
                this.actions.exportData(this, m.format);
                break;
        }
    }
}

export function panelKey(uri: string, scenario: string): string {
    return `${uri}#${scenario}`;
}
