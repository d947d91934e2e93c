import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath('out/server.js');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'osteo' }]
    };
    client = new LanguageClient('osteo', 'Osteo Language Server', serverOptions, clientOptions);
    await client.start();
}

export function deactivate(): Thenable<void> | undefined {
    return client?.stop();
}
