/** The desktop extension's entry (package.json `main`): the language server runs as a Node process (out/server.js). */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { activateWith } from './activate.js';
import { createLanguageClient } from './language-client.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    client = createLanguageClient(context);
    await activateWith(context, client);
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}
