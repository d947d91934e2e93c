import * as vscode from 'vscode';
import { panelKey, ResultsPanel, type PanelActions } from './results-panel.js';
import { RESULTS_VIEW_TYPE } from './view-type.js';

/** One results panel per document and scenario: reused and refreshed on re-run. */
export class ResultsPanels implements vscode.Disposable {
    private readonly panels = new Map<string, ResultsPanel>();
    private lastActive: ResultsPanel | undefined;

    constructor(private readonly extensionUri: vscode.Uri, private readonly actions: PanelActions) {}

    get(uri: string, scenario: string): ResultsPanel | undefined {
        return this.panels.get(panelKey(uri, scenario));
    }

    /** The existing panel (revealed beside the editor, focus kept in the editor), or a new one. */
    openOrReveal(uri: string, scenario: string, title: string): ResultsPanel {
        const existing = this.get(uri, scenario);
        if (existing) {
            existing.reveal();
            return existing;
        }
        const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, `Results: ${title}`,
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'out', 'webview')] });
        return this.adopt(panel, uri, scenario);
    }

    /** Takes over a panel VS Code restored after a reload (see ResultsSerializer). */
    adopt(webviewPanel: vscode.WebviewPanel, uri: string, scenario: string): ResultsPanel {
        const panel = new ResultsPanel(webviewPanel, this.extensionUri, uri, scenario, this.actions);
        this.panels.get(panel.id)?.dispose();
        this.panels.set(panel.id, panel);
        this.lastActive = panel;
        webviewPanel.onDidChangeViewState(e => {
            if (e.webviewPanel.active) this.lastActive = panel;
        });
        panel.onDidDispose(() => {
            if (this.panels.get(panel.id) === panel) this.panels.delete(panel.id);
            if (this.lastActive === panel) this.lastActive = undefined;
        });
        return panel;
    }

    forDocument(uri: string): ResultsPanel[] {
        return [...this.panels.values()].filter(p => p.documentUri === uri);
    }

    /** The panel the user looked at last: the target of the export and report commands. */
    get active(): ResultsPanel | undefined {
        return [...this.panels.values()].find(p => p.panel.active) ?? this.lastActive;
    }

    dispose(): void {
        [...this.panels.values()].forEach(p => p.dispose());
        this.panels.clear();
    }
}
