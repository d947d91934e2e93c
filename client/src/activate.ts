/**
 * What the desktop (extension.ts) and the web (extension-browser.ts) extensions share: every command, the results
 * view and the status bar, around a language client each entry creates its own way (a Node process over IPC, or a
 * web worker). Whatever needs Node stays in the entries.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { registerLibraryProvider } from './library-provider.js';
import { OsteoStatusBar, SHOW_OUTPUT_COMMAND } from './status-bar.js';
import { ResultsPanels } from './results/results-panels.js';
import { RESULTS_VIEW_TYPE } from './results/view-type.js';
import { ResultsSerializer } from './results/results-serializer.js';
import { ScenarioRunner } from './commands/run-scenario.js';
import { exportResultsCommand, saveData, saveImage } from './commands/export-results.js';
import { openReportCommand } from './commands/open-report.js';
import { SensitivityCommand } from './commands/sensitivity-analysis.js';
import { FitCommand } from './commands/fit-parameters.js';

export async function activateWith(context: vscode.ExtensionContext, languageClient: LanguageClient): Promise<void> {
    const status = new OsteoStatusBar(languageClient);
    let runner: ScenarioRunner | undefined;
    const panels = new ResultsPanels(context.extensionUri, {
        rerun: panel => void runner?.rerun(panel),
        exportImage: (panel, format, fileName, data) => void saveImage(panel, format, fileName, data),
        exportData: (panel, format) => void saveData(panel, format)
    });
    runner = new ScenarioRunner(languageClient, panels, status);
    const scenarios = runner;
    const sensitivity = new SensitivityCommand(languageClient, context.extensionUri);
    const fit = new FitCommand(languageClient, context.extensionUri);

    context.subscriptions.push(
        status,
        panels,
        registerLibraryProvider(),
        // Registered before the client starts, so panels restored with the window are revived at once.
        vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, new ResultsSerializer(panels, panel => scenarios.refill(panel))),
        vscode.commands.registerCommand('osteo.runScenario', (uri?: unknown, scenario?: unknown) => scenarios.runScenario(uri, scenario)),
        vscode.commands.registerCommand('osteo.runAllScenarios', (uri?: unknown) => scenarios.runAll(uri)),
        vscode.commands.registerCommand('osteo.exportResults', (target?: unknown) => exportResultsCommand(panels, target)),
        vscode.commands.registerCommand('osteo.cancelRun', () => scenarios.cancelAll()),
        vscode.commands.registerCommand('osteo.openReport', (uri?: unknown, scenario?: unknown) => openReportCommand(context, panels, scenarios, uri, scenario)),
        vscode.commands.registerCommand('osteo.restartServer', () => restart(languageClient)),
        sensitivity,
        vscode.commands.registerCommand('osteo.sensitivityAnalysis', (uri?: unknown, scenario?: unknown, output?: unknown, at?: unknown, arm?: unknown) =>
            sensitivity.run(uri, scenario, output, at, arm)),
        fit,
        vscode.commands.registerCommand('osteo.fitParameters', (uri?: unknown, scenario?: unknown, fitName?: unknown) => fit.run(uri, scenario, fitName)),
        vscode.commands.registerCommand('osteo.applyFittedValues', () => fit.apply()),
        vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => languageClient.outputChannel.show(true)),
        // Results whose file changed after the run say so, with Re-run (and become current again on undo).
        vscode.workspace.onDidChangeTextDocument(event => {
            if (event.document.languageId !== 'osteo' || event.contentChanges.length === 0) return;
            const open = panels.forDocument(event.document.uri.toString());
            if (open.length > 0) {
                const text = event.document.getText();
                open.forEach(panel => panel.documentChanged(text));
            }
        }),
        vscode.workspace.onDidSaveTextDocument(document => {
            if (document.languageId !== 'osteo' || !vscode.workspace.getConfiguration('osteo', document).get<boolean>('runOnSave')) return;
            const open = panels.forDocument(document.uri.toString());
            // Refresh what is on screen; with nothing open, run the scenario under the cursor.
            if (open.length > 0) open.forEach(panel => void scenarios.rerun(panel));
            else if (vscode.window.activeTextEditor?.document === document) void scenarios.runScenario(document.uri, undefined, { silent: true });
        })
    );

    try {
        await languageClient.start();
    } catch (error) {
        void vscode.window.showErrorMessage(`Osteo: the language server did not start: ${(error as Error)?.message ?? error}`, 'Show Output')
            .then(choice => choice && languageClient.outputChannel.show());
    }
}

async function restart(languageClient: LanguageClient): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Osteo: restarting the language server' }, async () => {
        if (languageClient.isRunning()) await languageClient.stop();
        await languageClient.start();
    });
}
