import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'osteo-scenarios.osteo-scenarios';

/** Generous: the first request also starts the language server and loads the standard library. */
export const DEFAULT_WAIT_MS = 30000;

/**
 * Polls `probe` until it returns something other than undefined/false, and returns that value. On timeout it throws
 * with `what` and the last value seen, so a failure says what the user would have been left looking at.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
        try {
            const value = await probe();
            if (value !== undefined && value !== false) return value;
            lastError = undefined;
        } catch (error) {
            lastError = error;
        }
        if (Date.now() > deadline) {
            const reason = lastError instanceof Error ? `: last error ${lastError.message}` : '';
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
        }
        await new Promise(resolve => setTimeout(resolve, delay));
    }
}

export function workspaceFile(name: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the end-to-end tests need the fixture workspace open (tests/e2e/fixtures/workspace)');
    return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture in an editor, as a user double-clicking it in the explorer would. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(workspaceFile(name));
    return vscode.window.showTextDocument(document, { preview: false });
}

/** Position of the `occurrence`-th (0-based) `text` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0, occurrence = 0): vscode.Position {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = document.getText().indexOf(text, index + 1);
        if (index < 0) throw new Error(`"${text}" (occurrence ${occurrence}) not found in ${path.basename(document.uri.fsPath)}`);
    }
    return document.positionAt(index + offset);
}

export function rangeOf(document: vscode.TextDocument, text: string, occurrence = 0): vscode.Range {
    const start = positionOf(document, text, 0, occurrence);
    return new vscode.Range(start, start.translate(0, text.length));
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
    const code = diagnostic.code;
    if (code === undefined) return undefined;
    return String(typeof code === 'object' ? code.value : code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d) ?? '-'} ${d.message}`).join('; ') || 'none';
}

/** The text of hover contents, whatever shape the provider used. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
    return hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** The webview tabs open in the workbench (the results panel is one). */
export function webviewTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap(group => group.tabs).filter(tab => tab.input instanceof vscode.TabInputWebview);
}

/**
 * Asks the test shim for a screenshot of the live workbench (it watches the extension host's console) and waits for
 * the file. Used to keep evidence when a test fails.
 */
export async function screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true });
    console.log(`__osteo_e2e_screenshot__ ${file}`);
    await waitFor(`screenshot ${file}`, () => fs.existsSync(file) && fs.statSync(file).size > 0, 10000);
}
