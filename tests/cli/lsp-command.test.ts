// `osteo lsp`: the command other editors are configured with starts the language server on stdio.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver';
import { startStdioServer, type StdioServer } from '../server/stdio-server.js';
import { ROOT } from './bundle.js';

const CLI = path.join(ROOT, 'out', 'cli.js');

describe('osteo lsp', () => {
    let folder: string;
    let lsp: StdioServer;
    const published: PublishDiagnosticsParams[] = [];

    beforeAll(async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-lsp-'));
        fs.copyFileSync(path.join(__dirname, 'fixtures', 'errors.osteo'), path.join(folder, 'errors.osteo'));
        lsp = await startStdioServer(folder, [CLI, 'lsp']);   // no transport named: stdio is the default
        lsp.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { published.push(p); });
    });

    afterAll(() => {
        lsp?.dispose();
        fs.rmSync(folder, { recursive: true, force: true });
    });

    test('publishes the misspelt-drug diagnostic and answers hover, on stdio by default', async () => {
        lsp.open('errors.osteo');
        const deadline = Date.now() + 60_000;
        let error: PublishDiagnosticsParams['diagnostics'][number] | undefined;
        while (!error && Date.now() < deadline) {
            error = published.flatMap(p => p.diagnostics).find(d => d.message.includes("'adalimumob'"));
            if (!error) await new Promise(resolve => setTimeout(resolve, 100));
        }
        expect(error?.message).toMatch(/Did you mean 'adalimumab'/);
        expect(error?.range.start).toEqual({ line: 2, character: 17 });
        const hover = await lsp.connection.sendRequest<Hover | null>('textDocument/hover',
            { textDocument: { uri: lsp.uriOf('errors.osteo') }, position: { line: 1, character: 15 } });   // on `1 years`
        expect(JSON.stringify(hover?.contents)).toContain('365.25 days');
    });

    test('refuses anything but a transport with a usage message', () => {
        const r = spawnSync(process.execPath, [CLI, 'lsp', '--bogus'], { encoding: 'utf8', timeout: 30_000 });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain("osteo lsp takes only a transport");
    });
});
