import * as vscode from 'vscode';
import type { FitResult } from '../../../simulator/index.js';
import { buildFitView, type FitView } from '../../../report/fit-view.js';
import type { ImageFormat, WebviewToHost } from '../../../protocol/webview-messages.js';
import { WebviewHost, type RenderedSummary } from './webview-host.js';

/** Not restored after a reload (no serializer): a fit is re-run on demand, not kept. */
export const FIT_VIEW_TYPE = 'osteo.fit';

let fitCounter = 0;

/**
 * The latest fit of a document (docs/data-and-fit.md §6), drawn by the results view's script (a
 * `showFit` message). Its Apply fitted values button comes back as `applyFit`, which the command handles.
 */
export class FitPanel implements vscode.Disposable {
    readonly panel: vscode.WebviewPanel;
    private readonly host: WebviewHost;
    private current: { id: number; view: FitView; result: FitResult; uri: string } | undefined;
    readonly onDidDispose: vscode.Event<void>;

    constructor(extensionUri: vscode.Uri,
        private readonly onApply: (panel: FitPanel) => void,
        private readonly exportImage: (panel: FitPanel, format: ImageFormat, fileName: string, data: string) => void) {
        this.panel = vscode.window.createWebviewPanel(FIT_VIEW_TYPE, 'Fit',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out', 'webview')], retainContextWhenHidden: true });
        this.host = new WebviewHost(this.panel, extensionUri, 'Fit', {
            viewName: 'fit view',
            send: () => this.send(),
            receive: m => this.receive(m)
        });
        this.onDidDispose = this.host.onDidDispose;
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
        this.host.showing();
        this.panel.title = `Fit: ${result.fit} · ${result.scenario}`;
        this.panel.reveal(undefined, true);
        this.send();
        return view;
    }

    /** Tells the page what Apply fitted values did. */
    applied(ok: boolean, message: string): void {
        void this.host.post({ type: 'fitApplied', ok, message });
    }

    whenRendered(timeoutMs: number): Promise<RenderedSummary | undefined> {
        return this.host.whenRendered(timeoutMs);
    }

    dispose(): void {
        this.host.dispose();
    }

    private send(): void {
        if (this.host.isReady && this.current) void this.host.post({ type: 'showFit', runId: this.current.id, view: this.current.view });
    }

    private receive(m: WebviewToHost): void {
        if (m.type === 'applyFit') this.onApply(this);
        else if (m.type === 'exportImage') this.exportImage(this, m.format, m.fileName, m.data);
    }
}
