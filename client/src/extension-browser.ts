/**
 * The web extension's entry (package.json `browser`), for vscode.dev, github.dev and other web hosts: the language
 * server (out/web/server.js) runs in a web worker, reads the workspace through the client (file-system-bridge.ts)
 * and simulates in the same worker. Everything else is the desktop extension's code (activate.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser.js';
import { activateWith } from './activate.js';
import { bridgeFileSystem } from './file-system-bridge.js';
import { LIBRARY_SCHEME } from './library-scheme.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const worker = await startServerWorker(context.extensionUri);
    client = new LanguageClient('osteo', 'Osteo Language Server', {
        documentSelector: [{ language: 'osteo' }, { scheme: LIBRARY_SCHEME, language: 'osteo' }],
        // New, changed and deleted .osteo files reach the server's index (imports of files created later).
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.osteo') }
    }, worker);
    context.subscriptions.push(...bridgeFileSystem(client));
    await activateWith(context, client);
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}

/**
 * A plain `new Worker(url)` works where the extension is served over http(s) (vscode.dev, @vscode/test-web); a
 * remote host serves it from a `vscode-remote:` address that workers refuse, so the bundle is read through the
 * file system API and started from a blob: URL instead.
 */
async function startServerWorker(extensionUri: vscode.Uri): Promise<Worker> {
    const main = vscode.Uri.joinPath(extensionUri, 'out', 'web', 'server.js');
    if (main.scheme === 'http' || main.scheme === 'https') return new Worker(main.toString(true));
    const source = await vscode.workspace.fs.readFile(main);
    return new Worker(URL.createObjectURL(new Blob([new Uint8Array(source)], { type: 'application/javascript' })));
}
