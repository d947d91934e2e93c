import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FILE_BYTES } from '../../language/src/workspace/document-loader.js';
import { osteo, STACK_FRAME } from './cli-process.js';
import { LspSession } from './lsp-session.js';

/** A file over 10 MB (many copies of a real scenario): refused with a message, by the CLI and by the server. */
let dir: string;
let big: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'osteo-large-'));
    const block = readFileSync(resolve(__dirname, '../../examples/ra-timing.osteo'), 'utf8').replace(/^import .*$/m, '');
    const copies = Math.ceil((MAX_FILE_BYTES + 512 * 1024) / block.length);
    big = Array.from({ length: copies }, (_, i) => block.replace('scenario RaTiming', `scenario RaTiming${i}`)).join('');
    writeFileSync(join(dir, 'big.osteo'), big);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a file over 10 MB', () => {
    test('osteo check and run exit 2 with a one-line reason, without reading it', () => {
        for (const command of ['check', 'run']) {
            const r = osteo(dir, [command, 'big.osteo'], 30_000);
            expect(r.code, command).toBe(2);
            expect(r.stdout).toBe('');
            expect(r.stderr.split('\n')[0]).toMatch(/^osteo: big\.osteo: is 10\.\d MB; Osteo files are limited to 10 MB$/);
            expect(r.stderr).not.toMatch(STACK_FRAME);
            console.log(`osteo ${command} on a ${(big.length / 1048576).toFixed(1)} MB file: exit ${r.code} in ${Math.round(r.ms)} ms`);
        }
    });

    test('the language server answers with one diagnostic and stays responsive', async () => {
        const session = await LspSession.start();
        try {
            const started = performance.now();
            const uri = await session.open('big.osteo', big);
            const published = await session.diagnosticsFor(uri, p => p.diagnostics.length > 0, 30_000);
            const ms = performance.now() - started;
            expect(published.diagnostics.map(d => [d.severity, d.code, d.range.start])).toEqual([[1, 'file-too-large', { line: 0, character: 0 }]]);
            expect(published.diagnostics[0].message).toMatch(/^This file is 10\.\d MB; Osteo files are limited to 10 MB/);
            // Requests on the oversized buffer return at once instead of parsing it.
            const position = { textDocument: { uri }, position: { line: 20, character: 10 } };
            expect(await session.connection.sendRequest('textDocument/completion', position)).toBeNull();
            await session.connection.sendRequest('textDocument/hover', position);
            await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
            // Cutting it down to size brings the normal analysis back.
            session.diagnostics.length = 0;
            await session.connection.sendNotification('textDocument/didChange', {
                textDocument: { uri, version: 2 }, contentChanges: [{ text: 'scenario S { duration 5 mg }' }]
            });
            const small = await session.diagnosticsFor(uri, p => p.diagnostics.length > 0, 30_000);
            expect(small.diagnostics.map(d => d.code)).toContain('wrong-unit');
            expect(session.alive).toBe(true);
            console.log(`server: ${(big.length / 1048576).toFixed(1)} MB file refused with a diagnostic in ${Math.round(ms)} ms`);
        } finally {
            session.dispose();
        }
    }, 90_000);
});
