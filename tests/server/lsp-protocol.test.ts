import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection
} from 'vscode-languageserver/node.js';
import type {
    CodeLens, CompletionList, Hover, InitializeResult, LocationLink, PublishDiagnosticsParams, TextEdit
} from 'vscode-languageserver';

/**
 * Speaks LSP to the bundled server over stdio, as an editor does: initialize with a workspace folder,
 * open a file with an error, ask for completion, hover, definition, formatting and code lenses, fix the
 * error and see the diagnostics clear, then shut down.
 */
const root = resolve(__dirname, '../..');
const BROKEN = `scenario S {
    duration 2 years
    condition rheumatoid_arthritis
    arm a { give adalimumabb 40 mg every 2 weeks }
}
`;
const FIXED = BROKEN.replace('adalimumabb', 'adalimumab');

let server: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let workspace: string;
let uri: string;
const diagnostics: PublishDiagnosticsParams[] = [];
const stderr: string[] = [];

/** Resolves with the first diagnostics for the file that satisfy the check (they may come more than once). */
function diagnosticsWhere(check: (p: PublishDiagnosticsParams) => boolean, timeout = 15000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolvePromise, reject) => {
        const started = Date.now();
        const poll = () => {
            const found = diagnostics.find(p => p.uri === uri && check(p));
            if (found) resolvePromise(found);
            else if (Date.now() - started > timeout) reject(new Error(`no matching diagnostics; got ${JSON.stringify(diagnostics)}; stderr: ${stderr.join('')}`));
            else setTimeout(poll, 50);
        };
        poll();
    });
}

const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'osteo-lsp-'));
    const file = join(workspace, 'main.osteo');
    writeFileSync(file, BROKEN);
    uri = pathToFileURL(file).toString();
    server = spawn(process.execPath, [join(root, 'out/server.js'), '--stdio'], { cwd: workspace });
    server.stderr.on('data', chunk => stderr.push(String(chunk)));
    connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { diagnostics.push(p); });
    connection.onRequest(() => null); // registerCapability, workDoneProgress/create …
    connection.listen();
}, 120000);

afterAll(() => {
    connection?.dispose();
    if (server && server.exitCode === null) server.kill();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('language server over stdio', () => {
    test('initializes and announces the features the extension relies on', async () => {
        const result = await connection.sendRequest<InitializeResult>('initialize', {
            processId: process.pid,
            rootUri: pathToFileURL(workspace).toString(),
            workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
            capabilities: { textDocument: { publishDiagnostics: {}, hover: { contentFormat: ['markdown'] } } }
        });
        const caps = result.capabilities;
        expect(caps.completionProvider).toBeDefined();
        expect(caps.hoverProvider).toBeTruthy();
        expect(caps.definitionProvider).toBeTruthy();
        expect(caps.documentFormattingProvider).toBeTruthy();
        expect(caps.codeLensProvider).toBeDefined();
        expect(caps.semanticTokensProvider?.legend.tokenModifiers).toContain('cytokine');
        await connection.sendNotification('initialized', {});
    });

    test('an opened file with an unresolved drug gets an error diagnostic', async () => {
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'osteo', version: 1, text: BROKEN } });
        const published = await diagnosticsWhere(p => p.diagnostics.some(d => d.severity === 1 && d.message.includes('adalimumabb')));
        const error = published.diagnostics.find(d => d.message.includes('adalimumabb'))!;
        expect(error.range.start).toEqual({ line: 3, character: 17 });
    });

    test('completion after `give` proposes drugs', async () => {
        const list = await connection.sendRequest<CompletionList>('textDocument/completion', at(3, 17));
        const labels = list.items.map(i => i.label);
        expect(labels).toContain('adalimumab');
        expect(labels).not.toContain('TNF_alpha');
    });

    test('hover on `2 years` shows it in days', async () => {
        const hover = await connection.sendRequest<Hover>('textDocument/hover', at(1, 15));
        expect(JSON.stringify(hover.contents)).toContain('730.5 days');
    });

    test('go to definition on a library condition opens the standard library', async () => {
        const links = await connection.sendRequest<LocationLink[]>('textDocument/definition', at(2, 20));
        // vscode-uri writes `osteo-builtin:///library.osteo` without the empty authority; both name the same document.
        expect(links.map(l => URI.parse(l.targetUri).toString())).toEqual([URI.parse('osteo-builtin:///library.osteo').toString()]);
        expect(links.map(l => [URI.parse(l.targetUri).scheme, URI.parse(l.targetUri).path])).toEqual([['osteo-builtin', '/library.osteo']]);
    });

    test('formatting returns the edits that lay the arm out on its own lines', async () => {
        const edits = await connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
        expect(edits.length).toBeGreaterThan(0);
        expect(edits.some(e => e.newText === '\n        ')).toBe(true);
    });

    test('a code lens runs the scenario', async () => {
        const lenses = await connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.map(l => [l.command?.command, l.command?.arguments])).toEqual([['osteo.runScenario', [uri, 'S']]]);
    });

    test('fixing the name clears the diagnostics', async () => {
        diagnostics.length = 0;
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FIXED }] });
        const published = await diagnosticsWhere(p => p.diagnostics.every(d => d.severity !== 1));
        expect(published.diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });

    test('garbage text yields diagnostics, not a crash', async () => {
        diagnostics.length = 0;
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: '}}} drug { 12 mg/ "' }] });
        await diagnosticsWhere(p => p.diagnostics.length > 0);
        const hover = await connection.sendRequest<Hover | null>('textDocument/hover', at(0, 12));
        expect(hover === null || typeof hover === 'object').toBe(true);
        expect(server.exitCode).toBeNull();
    });

    test('shuts down and exits cleanly', async () => {
        await connection.sendRequest('shutdown');
        const exited = new Promise<number | null>(done => server.once('exit', code => done(code)));
        await connection.sendNotification('exit');
        expect(await exited).toBe(0);
    });
});
