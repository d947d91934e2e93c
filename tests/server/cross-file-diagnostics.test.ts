import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { startStdioServer, type StdioServer } from './stdio-server.js';

/**
 * Over the real protocol, three files: b.osteo imports c.osteo, a.osteo imports nothing. Each step edits one file
 * (or the disk) and then every file's published diagnostics must be what that state gives — including the files
 * that were not touched (a duplicate that disappears in c.osteo clears b.osteo's error).
 */
const REGIMEN = (name: string) => `regimen ${name} { drug adalimumab dose 40 mg every 2 weeks }\n`;
const A_BODY = 'scenario A { duration 1 year condition rheumatoid_arthritis arm a { give AntiTNF } }\n';
const B = `import "./c.osteo"\n${REGIMEN('AntiTNF')}`;

let folder: string;
let stdio: StdioServer;
const versions = new Map<string, number>();

beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-cross-'));
    fs.writeFileSync(path.join(folder, 'a.osteo'), A_BODY);
    fs.writeFileSync(path.join(folder, 'b.osteo'), B);
    fs.writeFileSync(path.join(folder, 'c.osteo'), REGIMEN('Other'));
    stdio = await startStdioServer(folder);
    for (const file of ['a.osteo', 'b.osteo', 'c.osteo']) {
        stdio.open(file);
        versions.set(file, 1);
    }
}, 120000);

afterAll(() => {
    stdio?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

function edit(file: string, text: string): void {
    const version = (versions.get(file) ?? 1) + 1;
    versions.set(file, version);
    stdio.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: stdio.uriOf(file), version }, contentChanges: [{ text }]
    });
}

type Expected = Record<string, string[]>;
const summary = (d: Diagnostic) => `${d.code}`;

/** Waits until every file's latest diagnostics have exactly the expected codes; fails with what was published. */
async function expectDiagnostics(expected: Expected, timeout = 20000): Promise<Record<string, Diagnostic[]>> {
    const started = Date.now();
    const current = () => Object.fromEntries(Object.keys(expected).map(f => [f, stdio.diagnostics.get(stdio.uriOf(f))]));
    const codes = () => Object.fromEntries(Object.entries(current()).map(([f, ds]) => [f, ds ? ds.map(summary).sort() : ['(none published)']]));
    const wanted = Object.fromEntries(Object.entries(expected).map(([f, c]) => [f, [...c].sort()]));
    while (Date.now() - started < timeout) {
        if (JSON.stringify(codes()) === JSON.stringify(wanted)) {
            // Still right a moment later: no late, stale publication overwrites it.
            await new Promise(r => setTimeout(r, 300));
            if (JSON.stringify(codes()) === JSON.stringify(wanted)) return current() as Record<string, Diagnostic[]>;
        }
        await new Promise(r => setTimeout(r, 50));
    }
    expect(codes()).toEqual(wanted);
    return current() as Record<string, Diagnostic[]>;
}

const CLEAN_B = ['unused-import'];

describe('diagnostics of files that depend on a change are republished', () => {
    test('the server asks the client to watch .osteo files', async () => {
        await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': CLEAN_B, 'c.osteo': [] });
        const watchers = stdio.registrations.filter(r => r.method === 'workspace/didChangeWatchedFiles');
        expect(watchers.map(r => r.registerOptions)).toEqual([{ watchers: [{ globPattern: '**/*.osteo' }] }]);
    });

    test('create, rename and delete a duplicate in an imported file', async () => {
        // Create: c.osteo now declares what b.osteo declares; b sees c, so b's declaration is the duplicate.
        edit('c.osteo', REGIMEN('AntiTNF'));
        let d = await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': ['duplicate-name', ...CLEAN_B], 'c.osteo': [] });
        expect(d['b.osteo'].find(x => x.code === 'duplicate-name')?.message).toMatch(/already declared in c.osteo \(line 1\), which this file imports/);
        // a.osteo does not import either: both files are offered.
        expect(d['a.osteo'][0].message).toBe(`'AntiTNF' is declared in "./b.osteo" and "./c.osteo", none of which this file imports: import the one you mean.`);
        // Rename in c: b's error goes although b was not edited.
        edit('c.osteo', REGIMEN('Renamed'));
        d = await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': CLEAN_B, 'c.osteo': [] });
        expect(d['a.osteo'][0].message).toBe(`The regimen 'AntiTNF' is declared in b.osteo, which this file does not import: add \`import "./b.osteo"\`.`);
        // Again, then delete the declaration.
        edit('c.osteo', REGIMEN('AntiTNF'));
        await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': ['duplicate-name', ...CLEAN_B], 'c.osteo': [] });
        edit('c.osteo', '');
        await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': CLEAN_B, 'c.osteo': [] });
    });

    test('add and remove an import', async () => {
        edit('a.osteo', `import "./b.osteo"\n${A_BODY}`);
        await expectDiagnostics({ 'a.osteo': [], 'b.osteo': CLEAN_B, 'c.osteo': [] });
        edit('a.osteo', A_BODY);
        await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': CLEAN_B, 'c.osteo': [] });
    });

    test('an imported file deleted and re-created on disk (workspace/didChangeWatchedFiles)', async () => {
        stdio.connection.sendNotification('textDocument/didClose', { textDocument: { uri: stdio.uriOf('c.osteo') } });
        fs.rmSync(path.join(folder, 'c.osteo'));
        stdio.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: stdio.uriOf('c.osteo'), type: 3 }] });
        await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': ['missing-import'], 'c.osteo': [] });
        fs.writeFileSync(path.join(folder, 'c.osteo'), REGIMEN('AntiTNF'));
        stdio.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: stdio.uriOf('c.osteo'), type: 1 }] });
        await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': ['duplicate-name', ...CLEAN_B], 'c.osteo': [] });
        fs.writeFileSync(path.join(folder, 'c.osteo'), REGIMEN('Other'));
        stdio.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: stdio.uriOf('c.osteo'), type: 2 }] });
        await expectDiagnostics({ 'a.osteo': ['unresolved-reference'], 'b.osteo': CLEAN_B, 'c.osteo': [] });
    });
});
