import * as vscode from 'vscode';
import { buildReportHtml } from '../../../report/report-html.js';
import { safeFileName } from '../../../report/escape.js';
import type { ResultsPanels } from '../results/results-panels.js';
import type { RunOutcome, ScenarioRunner } from './run-scenario.js';

/**
 * `osteo.openReport`: the active results panel (or the scenario under the cursor, run first) as the
 * same self-contained HTML report `osteo report` writes, opened in the default browser.
 */
export async function openReportCommand(context: vscode.ExtensionContext, panels: ResultsPanels, runner: ScenarioRunner,
    uriArg?: unknown, scenarioArg?: unknown): Promise<vscode.Uri | undefined> {
    let panel = typeof uriArg === 'string' && typeof scenarioArg === 'string' ? panels.get(uriArg, scenarioArg) : panels.active;
    if (!panel?.result) {
        const outcome: RunOutcome = await runner.runScenario(uriArg, scenarioArg);
        if (!outcome.ok) return undefined;
        panel = panels.get(outcome.uri, outcome.scenario);
    }
    const result = panel?.result;
    if (!panel || !result) return undefined;
    const assets = vscode.Uri.joinPath(context.extensionUri, 'out', 'webview');
    const [script, css] = await Promise.all(['results.js', 'results.css'].map(async name =>
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(assets, name)))));
    const html = buildReportHtml({ views: [result.view], script, css });
    const name = `${safeFileName(result.view.header.source ?? 'osteo')}-${safeFileName(result.scenario.name)}.html`;
    if (vscode.env.uiKind === vscode.UIKind.Web) return saveReportInWorkspace(html, name);
    const folder = vscode.Uri.joinPath(context.globalStorageUri, 'reports');
    await vscode.workspace.fs.createDirectory(folder);
    const target = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    const opened = await vscode.env.openExternal(target);
    if (!opened) void vscode.window.showInformationMessage(`Osteo: report written to ${target.fsPath}.`);
    return target;
}

/**
 * On vscode.dev/github.dev no browser can be pointed at a file of the extension's storage: save the report into the
 * workspace through the file system API instead and say how to get it out.
 */
async function saveReportInWorkspace(html: string, name: string): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { 'HTML report': ['html'] }, title: 'Osteo: save the HTML report' });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    void vscode.window.showInformationMessage(`Osteo: report saved as ${target.path.split('/').pop()}. In the browser it cannot be opened from here: `
        + 'download it (right-click it in the Explorer → Download…) and open it locally.');
    return target;
}
