import * as vscode from 'vscode';
import type { SensitivityResult } from '../../../simulator/index.js';
import { buildSensitivityView, type SensitivityView } from '../../../report/sensitivity-view.js';
import type { ImageFormat, WebviewToHost } from '../../../protocol/webview-messages.js';
import { WebviewHost, type RenderedSummary } from './webview-host.js';

/** Not restored after a reload (no serializer): an analysis is re-run on demand, not kept. */
export const SENSITIVITY_VIEW_TYPE = 'osteo.sensitivity';

let analysisCounter = 0;

/**
 * The latest sensitivity analysis of a document, in a webview panel drawn by the results view's
 * script (a `showSensitivity` message instead of `show`). One panel, reused for the next analysis.
 */
export class SensitivityPanel implements vscode.Disposable {
    readonly panel: vscode.WebviewPanel;
    private readonly host: WebviewHost;
    private current: { id: number; view: SensitivityView } | undefined;
    readonly onDidDispose: vscode.Event<void>;

    constructor(extensionUri: vscode.Uri, public documentUri: string,
        private readonly exportImage: (panel: SensitivityPanel, format: ImageFormat, fileName: string, data: string) => void) {
        this.panel = vscode.window.createWebviewPanel(SENSITIVITY_VIEW_TYPE, 'Sensitivity',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out', 'webview')] });
        this.host = new WebviewHost(this.panel, extensionUri, 'Sensitivity', {
            viewName: 'sensitivity view',
            send: () => this.send(),
            receive: m => this.receive(m)
        });
        this.onDidDispose = this.host.onDidDispose;
    }

    get view(): SensitivityView | undefined {
        return this.current?.view;
    }

    show(documentUri: string, result: SensitivityResult, durationDays?: number): SensitivityView {
        const view = buildSensitivityView(result, { durationDays });
        this.documentUri = documentUri;
        this.current = { id: ++analysisCounter, view };
        this.host.showing();
        this.panel.title = `Sensitivity: ${view.outputLabel}${view.scenario ? ` · ${view.scenario}` : ''}`;
        this.panel.reveal(undefined, true);
        this.send();
        return view;
    }

    whenRendered(timeoutMs: number): Promise<RenderedSummary | undefined> {
        return this.host.whenRendered(timeoutMs);
    }

    dispose(): void {
        this.host.dispose();
    }

    private send(): void {
        if (this.host.isReady && this.current) void this.host.post({ type: 'showSensitivity', runId: this.current.id, view: this.current.view });
    }

    private receive(m: WebviewToHost): void {
        if (m.type === 'exportImage') this.exportImage(this, m.format, m.fileName, m.data);
    }
}
