import * as vscode from 'vscode';
import type { ResultsViewState } from '../../../protocol/webview-messages.js';
import type { ResultsPanels } from './results-panels.js';
import type { ResultsPanel } from './results-panel.js';

/**
 * Restores results panels after a window reload: the webview saved its document and scenario with
 * `setState`; the panel is re-filled from the cache or by simulating again.
 */
export class ResultsSerializer implements vscode.WebviewPanelSerializer<ResultsViewState> {
    constructor(private readonly panels: ResultsPanels, private readonly refill: (panel: ResultsPanel) => Promise<unknown>) {}

    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: ResultsViewState | undefined): Promise<void> {
        if (!state || typeof state.uri !== 'string' || typeof state.scenario !== 'string') {
            webviewPanel.dispose();
            return;
        }
        const panel = this.panels.adopt(webviewPanel, state.uri, state.scenario);
        await this.refill(panel);
    }
}
