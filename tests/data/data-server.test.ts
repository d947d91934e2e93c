import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node.js';
import type { FitResult } from '../../simulator/fit/run-fit.js';
import { startStdioServer, type StdioServer } from '../server/stdio-server.js';

/** The language server side of data and fitting: re-validation when a data file changes on disk, and osteo/fit. */
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-data-server-'));
let server: StdioServer;
const latest = new Map<string, Diagnostic[]>();
const waiters: (() => void)[] = [];

beforeAll(async () => {
    server = await startStdioServer(folder);
    server.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
        latest.set(p.uri, p.diagnostics);
        waiters.splice(0).forEach(w => w());
    });
});
afterAll(() => {
    server?.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
});

async function diagnosticsUntil(uri: string, ok: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        const d = latest.get(uri);
        if (d && ok(d)) return d;
        await new Promise<void>(resolve => { waiters.push(resolve); setTimeout(resolve, 500); });
    }
    throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(latest.get(uri))}`);
}

const DATA = 'data Spine {\n    file "spine.csv"\n    time column "month" in months\n    value column "bmd"\n    error column "sd" as sd\n}\n';
const SCENARIO = 'scenario S {\n    duration 2 years\n    patient { menopause at 50 years }\n    condition postmenopausal_osteoporosis\n    observe bmd at lumbar_spine from Spine\n'
    + '    fit Gain {\n        estimate bmd_goc_lumbar_spine from 0.05 to 2 log\n        starts 2\n    }\n}\n';

describe('language server: data files and osteo/fit', () => {
    test('a data file created on disk clears the diagnostic without editing the .osteo file', async () => {
        fs.writeFileSync(path.join(folder, 'main.osteo'), DATA + SCENARIO);
        server.open('main.osteo');
        const uri = server.uriOf('main.osteo');
        const before = await diagnosticsUntil(uri, d => d.length > 0);
        expect(before.map(d => d.code)).toContain('data-file-missing');
        fs.writeFileSync(path.join(folder, 'spine.csv'), 'month,bmd,sd\n0,0,0.5\n6,-1.1,0.5\n12,-2.0,0.5\n18,-2.6,0.5\n24,-3.1,0.5\n');
        server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uriOf('spine.csv'), type: 1 }] });
        const after = await diagnosticsUntil(uri, d => !d.some(x => x.code === 'data-file-missing'));
        expect(after.filter(d => d.severity === 1)).toEqual([]);
    }, 90_000);

    test('osteo/fit answers with the JSON of osteo fit, with progress per start', async () => {
        const uri = server.uriOf('main.osteo');
        await diagnosticsUntil(uri, d => d.every(x => x.severity !== 1));
        const result = await server.connection.sendRequest('osteo/fit', { uri, intervals: 'fisher', workDoneToken: 'fit-1' }) as FitResult;
        expect(result.scenario).toBe('S');
        expect(result.fit).toBe('Gain');
        expect(result.objective.points).toBe(5);
        expect(result.estimates.map(e => e.name)).toEqual(['bmd_goc_lumbar_spine']);
        expect(result.starts).toHaveLength(2);
        expect(result.interval).toBe('fisher');
        expect(server.progress.filter(p => p.token === 'fit-1').map(p => p.value.kind)).toContain('end');
    }, 180_000);
});
