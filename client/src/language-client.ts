import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { LANGUAGE_SERVER_NODE_FLAGS } from '../../protocol/server-launch.js';
import { LIBRARY_SCHEME } from './library-scheme.js';

/** The bundled language server (out/server.js) over IPC; `--inspect=6009` when debugging the extension. */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
    const module = context.asAbsolutePath('out/server.js');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: [...LANGUAGE_SERVER_NODE_FLAGS] } },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: [...LANGUAGE_SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        // The standard library is synced too, so hover and go-to-definition work inside it.
        documentSelector: [
            { scheme: 'file', language: 'osteo' },
            { scheme: 'untitled', language: 'osteo' },
            { scheme: LIBRARY_SCHEME, language: 'osteo' }
        ],
        // Data tables read by `data` declarations: a change on disk re-validates the files that read them.
        synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.{csv,tsv}')] }
    };
    // The client id 'osteo' makes the client honour the `osteo.trace.server` setting.
    return new LanguageClient('osteo', 'Osteo Language Server', serverOptions, clientOptions);
}
