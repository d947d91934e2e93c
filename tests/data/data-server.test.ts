import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node.js';
import type { FitResult } from '../../simulator/fit/run-fit.js';
import { startStdioServer, type StdioServer } from '../server/stdio-server.js';
import { CancellationTokenSource } from 'vscode-languageserver/node.js';

/** CPU seconds the server process (main thread and every worker thread) has used so far. */
function cpuSeconds(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

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

    test('osteo/fitEdits: the set lines of the fitted values, computed on the document as it is', async () => {
        const uri = server.uriOf('main.osteo');
        const result = await server.connection.sendRequest('osteo/fitEdits', { uri, scenario: 'S', values: [{ name: 'bmd_goc_lumbar_spine', arm: null, value: 0.8123456 }] }) as
            { edits: { range: { start: { line: number } }; newText: string }[]; written: { text: string }[]; version: number };
        expect(result.written.map(w => w.text)).toEqual(['set bmd_goc_lumbar_spine = 0.8123']);
        expect(result.edits).toHaveLength(1);
        // Before the observe line (line 4 of the scenario, 9 of the file), indented like the scenario's lines.
        expect(result.edits[0].range.start.line).toBe(DATA.split('\n').length - 1 + 4);
        expect(result.edits[0].newText).toBe('    set bmd_goc_lumbar_spine = 0.8123\n');
        expect(result.version).toBe(1);
    }, 60_000);

    test('cancelling osteo/fit answers at once and every worker stops within a second', async () => {
        const many = SCENARIO.replace('starts 2', 'starts 24');
        fs.writeFileSync(path.join(folder, 'many.osteo'), DATA + many);
        server.open('many.osteo');
        const uri = server.uriOf('many.osteo');
        await diagnosticsUntil(uri, d => d.every(x => x.severity !== 1));
        const source = new CancellationTokenSource();
        const pending = server.connection.sendRequest('osteo/fit', { uri, workDoneToken: 'fit-cancel' }, source.token).then(() => 'finished', (e: { code?: number }) => `error ${e.code}`);
        // Wait until the pool is at work: the first start has finished on some worker.
        const deadline = Date.now() + 120_000;
        while (!server.progress.some(p => p.token === 'fit-cancel' && p.value.kind === 'report' && /[1-9]\d* of 24/.test(p.value.message ?? '')) && Date.now() < deadline) {
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        expect(Date.now()).toBeLessThan(deadline);
        const cancelledAt = Date.now();
        source.cancel();
        // -32800: RequestCancelled.
        expect(await pending).toBe('error -32800');
        const answered = Date.now() - cancelledAt;
        expect(answered).toBeLessThan(1000);
        // From one second after the cancel, the server's threads use (almost) no CPU: no worker is still fitting.
        await new Promise(resolve => setTimeout(resolve, Math.max(0, 1000 - answered)));
        const before = cpuSeconds(server.server.pid!);
        await new Promise(resolve => setTimeout(resolve, 1500));
        expect(cpuSeconds(server.server.pid!) - before).toBeLessThan(0.2);
    }, 240_000);
});
