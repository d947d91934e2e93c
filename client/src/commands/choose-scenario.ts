/**
 * Which scenario of a document a command acts on (run, sensitivity): the one under the cursor, else the only
 * one, else the user's pick — located from the text (scenario-locator.ts), so it answers before the server does.
 */
import * as vscode from 'vscode';
import { baseName } from '../uri-names.js';
import { locateScenarios, scenarioAt } from './scenario-locator.js';

export interface ScenarioChoice {
    /** The chosen scenario's name; undefined when the document has none, or nothing was picked. */
    readonly scenario?: string;
    /** The document declares no scenario (the caller says so in its own way). */
    readonly none?: boolean;
}

/** `title` heads the quick pick; `ask: false` never shows it (a silent run decides from the cursor alone). */
export async function chooseScenario(document: vscode.TextDocument, title: string, ask = true): Promise<ScenarioChoice> {
    const scenarios = locateScenarios(document.getText());
    if (scenarios.length === 0) return { none: true };
    const editor = vscode.window.activeTextEditor;
    if (editor?.document === document) {
        const under = scenarioAt(scenarios, document.offsetAt(editor.selection.active));
        if (under) return { scenario: under.name };
    }
    if (scenarios.length === 1) return { scenario: scenarios[0].name };
    if (!ask) return {};
    const picked = await vscode.window.showQuickPick(
        scenarios.map(s => ({ label: s.name, description: `line ${document.positionAt(s.start).line + 1}` })),
        { title, placeHolder: `Which scenario of ${baseName(document.uri.path)}?` });
    return { scenario: picked?.label };
}
