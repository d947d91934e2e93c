import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node.js';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { ROOT } from '../cli/bundle.js';

export interface StdioServer {
    readonly server: ChildProcess;
    readonly connection: MessageConnection;
    /** Every `$/progress` notification the server sent. */
    readonly progress: { token: unknown; value: { kind: string; message?: string } }[];
    /** The latest diagnostics the server published, per document URI. */
    readonly diagnostics: Map<string, Diagnostic[]>;
    /** Every `client/registerCapability` registration the server asked for. */
    readonly registrations: { method: string; registerOptions?: unknown }[];
    /** Opens `file` (relative to the workspace folder) as the editor would. */
    open(file: string): void;
    uriOf(file: string): string;
    dispose(): void;
}

/**
 * Starts out/server.js over stdio (or another command line of the bundles, e.g. `out/cli.js lsp`) and initializes
 * it on `folder` as a client with work-done progress would.
 */
export async function startStdioServer(folder: string, argv = [path.join(ROOT, 'out', 'server.js'), '--stdio']): Promise<StdioServer> {
    const server = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const progress: StdioServer['progress'] = [];
    connection.onNotification('$/progress', p => progress.push(p));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/configuration', () => []);
    const diagnostics = new Map<string, Diagnostic[]>();
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { diagnostics.set(p.uri, p.diagnostics); });
    const registrations: StdioServer['registrations'] = [];
    connection.onRequest('client/registerCapability', (p: { registrations: StdioServer['registrations'] }) => { registrations.push(...p.registrations); return null; });
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null,
        // A client that watches files for the server when asked (as VS Code does).
        capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
        workspaceFolders: [{ uri: `file://${folder}`, name: path.basename(folder) }]
    });
    connection.sendNotification('initialized', {});
    const uriOf = (file: string) => `file://${path.join(folder, file)}`;
    return {
        server, connection, progress, diagnostics, registrations, uriOf,
        open: file => connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uriOf(file), languageId: 'osteo', version: 1, text: fs.readFileSync(path.join(folder, file), 'utf8') }
        }),
        dispose: () => {
            connection.dispose();
            server.kill();
        }
    };
}
