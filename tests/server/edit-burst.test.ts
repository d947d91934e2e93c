import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { typedArms, typingEdits } from '../../bench/edit-burst.js';
import { startStdioServer, type StdioServer } from './stdio-server.js';

/**
 * A burst of 200 one-character edits (about two seconds of fast typing, sent without waiting), with completion
 * asked throughout: every completion is answered, and the diagnostics published at the end are exactly those
 * the final text gets when opened afresh. (The timing of the same burst is measured by `npm run bench`.)
 */
const ROOT = path.resolve(__dirname, '../..');
let folder: string;
let stdio: StdioServer;

beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-burst-'));
    fs.mkdirSync(path.join(folder, 'fresh'));
    for (const f of ['ra-timing.osteo', 'regimens.osteo']) {
        fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(folder, f));
        fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(folder, 'fresh', f));
    }
    stdio = await startStdioServer(folder);
}, 120000);

afterAll(() => {
    stdio?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

const settle = async (uri: string, check: () => boolean, timeout = 60000) => {
    const started = Date.now();
    while (!check()) {
        if (Date.now() - started > timeout) throw new Error(`no settled diagnostics for ${uri}`);
        await new Promise(r => setTimeout(r, 50));
    }
};

describe('a burst of edits', () => {
    test('ends with exactly the diagnostics of a fresh open, every completion answered on the way', async () => {
        const uri = stdio.uriOf('ra-timing.osteo');
        const source = fs.readFileSync(path.join(folder, 'ra-timing.osteo'), 'utf8');
        const { edits, finalText, completionAt } = typingEdits(source, typedArms(6));
        expect(edits.length).toBeGreaterThanOrEqual(200);
        const burst = edits.slice(0, 200);
        // What a fresh open of the final text gives (a copy of the pair of files in fresh/).
        const freshUri = stdio.uriOf('fresh/ra-timing.osteo');
        stdio.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: 'osteo', version: 1, text: finalText } });
        await settle(freshUri, () => (stdio.diagnostics.get(freshUri)?.length ?? 0) > 0);
        const fresh = stdio.diagnostics.get(freshUri)!;
        expect(fresh.map(d => d.message)).toContain("Unknown regimen or drug 'AntiTFN'. Did you mean 'AntiTNF'?");

        stdio.open('ra-timing.osteo');
        await settle(uri, () => stdio.diagnostics.has(uri));

        const completions: Promise<unknown>[] = [];
        for (let k = 0; k < burst.length; k++) {
            stdio.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: k + 2 }, contentChanges: [burst[k]] });
            if (k % 10 === 0) completions.push(stdio.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completionAt }));
            if (k % 20 === 0) await new Promise(r => setTimeout(r, 10));
        }
        // The rest of the typing, so that the final text is whole.
        for (let k = 200; k < edits.length; k++) {
            stdio.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: k + 2 }, contentChanges: [edits[k]] });
        }
        const answers = await Promise.all(completions);
        expect(answers.every(a => a !== undefined)).toBe(true);
        const items = answers.map(a => (Array.isArray(a) ? a : (a as { items?: unknown[] } | null)?.items ?? []).length);
        expect(items.every(n => n > 0)).toBe(true);

        // However far behind the burst left it, the server ends at exactly the fresh-open diagnostics.
        const same = () => JSON.stringify(stdio.diagnostics.get(uri)) === JSON.stringify(fresh);
        await settle(uri, same, 120000).catch(() => undefined);
        expect(stdio.diagnostics.get(uri)).toEqual(fresh);
        // And stays there.
        await new Promise(r => setTimeout(r, 1000));
        expect(stdio.diagnostics.get(uri)).toEqual(fresh);
        // And the typed arms are really in it: the server saw the final text, not an intermediate one.
        const symbols = await stdio.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Array<{ children?: Array<{ name: string }> }>;
        expect(JSON.stringify(symbols)).toContain('t5');
    });

    test('a request right after an edit answers from the edited text, not from the build before it', async () => {
        // Edits are built once typing pauses (language/src/lsp/osteo-document-update-handler.ts); requests that need
        // a built document wait for that build.
        fs.writeFileSync(path.join(folder, 'solo.osteo'), '/** One regimen. */\nregimen First {\n    drug denosumab\n    dose 60 mg every 6 months\n}\n');
        const uri = stdio.uriOf('solo.osteo');
        stdio.open('solo.osteo');
        await settle(uri, () => stdio.diagnostics.has(uri));
        const rename = { range: { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } }, text: 'Renamed' };
        stdio.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [rename] });
        const [symbols, hover] = await Promise.all([
            stdio.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
            stdio.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 10 } })
        ]);
        expect(JSON.stringify(symbols)).toContain('Renamed');
        expect(JSON.stringify(symbols)).not.toContain('First');
        expect(JSON.stringify(hover)).toContain('Renamed');
    });
});
