import * as vscode from 'vscode';

/**
 * The document a command acts on: the URI it was given (a code lens passes a string, a menu a Uri),
 * else the active Osteo editor. Undefined when neither exists or the file cannot be opened.
 */
export async function targetDocument(uriArg: unknown): Promise<vscode.TextDocument | undefined> {
    const uri = uriArg instanceof vscode.Uri ? uriArg : typeof uriArg === 'string' && uriArg ? vscode.Uri.parse(uriArg) : undefined;
    if (uri) {
        try {
            return await vscode.workspace.openTextDocument(uri);
        } catch {
            return undefined;
        }
    }
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'osteo' ? editor.document : undefined;
}
