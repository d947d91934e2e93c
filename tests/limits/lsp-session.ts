import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection
} from 'vscode-languageserver/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';

const ROOT = resolve(__dirname, '../..');

/** The bundled language server (out/server.js) over stdio, in a fresh workspace folder, as an editor starts it. */
export class LspSession {
    readonly diagnostics: PublishDiagnosticsParams[] = [];
    readonly stderr: string[] = [];
    private constructor(readonly workspace: string, readonly server: ChildProcessWithoutNullStreams, readonly connection: MessageConnection) {}

    /** `files` are written into the workspace folder before the server starts, so it loads them as a workspace. */
    static async start(files: Record<string, string> = {}): Promise<LspSession> {
        const workspace = mkdtempSync(join(tmpdir(), 'osteo-limits-'));
        for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
        const server = spawn(process.execPath, [join(ROOT, 'out/server.js'), '--stdio'], { cwd: workspace });
        const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
        const session = new LspSession(workspace, server, connection);
        server.stderr.on('data', chunk => session.stderr.push(String(chunk)));
        connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { session.diagnostics.push(p); });
        connection.onRequest(() => null);
        connection.listen();
        const folder = pathToFileURL(workspace).toString();
        await connection.sendRequest('initialize', {
            processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }],
            capabilities: { textDocument: { publishDiagnostics: {} } }
        });
        await connection.sendNotification('initialized', {});
        return session;
    }

    uriOf(name: string): string {
        return pathToFileURL(join(this.workspace, name)).toString();
    }

    async open(name: string, text: string): Promise<string> {
        const uri = this.uriOf(name);
        await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'osteo', version: 1, text } });
        return uri;
    }

    /** The first diagnostics published for `uri` that satisfy `check`. */
    diagnosticsFor(uri: string, check: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
        return new Promise((done, reject) => {
            const started = Date.now();
            const poll = () => {
                const found = this.diagnostics.find(p => p.uri === uri && check(p));
                if (found) done(found);
                else if (this.server.exitCode !== null) reject(new Error(`the server exited (${this.server.exitCode}): ${this.stderr.join('')}`));
                else if (Date.now() - started > timeoutMs) reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.join('').slice(0, 2000)}`));
                else setTimeout(poll, 50);
            };
            poll();
        });
    }

    get alive(): boolean {
        return this.server.exitCode === null && this.server.signalCode === null;
    }

    dispose(): void {
        this.connection.dispose();
        if (this.alive) this.server.kill();
        rmSync(this.workspace, { recursive: true, force: true });
    }
}
