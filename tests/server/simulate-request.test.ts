import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource, ResponseError, type MessageConnection } from 'vscode-languageserver/node.js';
import { startStdioServer, type StdioServer } from './stdio-server.js';
import type { RunResult } from '../../simulator/results.js';
import { SimulateRequestMethod, type SimulateErrorData } from '../../protocol/requests.js';

const FIXTURES = path.join(__dirname, 'fixtures');
const uriOf = (file: string) => `file://${path.join(FIXTURES, file)}`;

let stdio: StdioServer;
let connection: MessageConnection;
let progress: StdioServer['progress'];

async function errorOf(promise: Promise<unknown>): Promise<ResponseError<SimulateErrorData>> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(ResponseError);
        return error as ResponseError<SimulateErrorData>;
    }
    throw new Error('expected an error response');
}

beforeAll(async () => {
    stdio = await startStdioServer(FIXTURES);
    ({ connection, progress } = stdio);
    for (const file of ['ra.osteo', 'errors.osteo', 'long.osteo']) stdio.open(file);
}, 180_000);

afterAll(() => stdio?.dispose());

describe('osteo/simulate over stdio', () => {
    test('returns the results contract for the document, with $/progress for a work-done token', async () => {
        const result = await connection.sendRequest<RunResult>(SimulateRequestMethod, { uri: uriOf('ra.osteo'), workDoneToken: 'sim-1' });
        expect(result.tool).toBe('osteo');
        expect(result.scenarios.map(s => s.name)).toEqual(['RaTiming', 'Quiet']);
        expect(result.scenarios[0].arms.map(a => a.name)).toEqual(['untreated', 'early', 'late']);
        const arm = result.scenarios[0].arms[1];
        expect(arm.series['drug.adalimumab']).toHaveLength(arm.time.length);
        const kinds = progress.filter(p => p.token === 'sim-1').map(p => p.value.kind);
        expect(kinds[0]).toBe('begin');
        expect(kinds.filter(k => k === 'report')).toHaveLength(4);
        expect(kinds.at(-1)).toBe('end');
    });

    test('scenario selects one scenario; an unknown one is an InvalidParams error naming the choices', async () => {
        const one = await connection.sendRequest<RunResult>(SimulateRequestMethod, { uri: uriOf('ra.osteo'), scenario: 'Quiet' });
        expect(one.scenarios.map(s => s.name)).toEqual(['Quiet']);
        const error = await errorOf(connection.sendRequest(SimulateRequestMethod, { uri: uriOf('ra.osteo'), scenario: 'Nope' }));
        expect(error.code).toBe(-32602);
        expect(error.message).toBe("ra.osteo: no scenario named 'Nope'; the file declares RaTiming, Quiet");
    });

    test('a document with errors is refused with a readable message', async () => {
        const error = await errorOf(connection.sendRequest(SimulateRequestMethod, { uri: uriOf('errors.osteo') }));
        expect(error.code).toBe(-32803);
        expect(error.message).toMatch(/^Cannot simulate errors\.osteo: fix its error first \(errors\.osteo:3:\d+ .*adalimumob/);
        expect(error.data?.kind).toBe('document-errors');
    });

    test('a document the server does not know is refused by name', async () => {
        const error = await errorOf(connection.sendRequest(SimulateRequestMethod, { uri: 'file:///nowhere/ghost.osteo' }));
        expect(error.code).toBe(-32803);
        expect(error.message).toBe('ghost.osteo is not open in the editor or part of the workspace');
        expect(error.data?.kind).toBe('unknown-document');
    });

    test('a scenario the compiler cannot build fails with its location', async () => {
        stdio.open('too-fine.osteo');
        const error = await errorOf(connection.sendRequest(SimulateRequestMethod, { uri: uriOf('too-fine.osteo') }));
        expect(error.code).toBe(-32803);
        expect(error.message).toMatch(/^too-fine\.osteo:2:36: sampling every 0\.04167 days over 36525 days/);
        expect(error.data).toMatchObject({ kind: 'compile-error', location: { line: 2, column: 36 } });
    });

    test('an edit that introduces an error is seen by the next request', async () => {
        const text = fs.readFileSync(path.join(FIXTURES, 'ra.osteo'), 'utf8');
        connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uriOf('ra.osteo'), version: 2 }, contentChanges: [{ text: text.replace('give AntiTNF from 0 months', 'give AntiTNFF from 0 months') }]
        });
        const error = await errorOf(connection.sendRequest(SimulateRequestMethod, { uri: uriOf('ra.osteo') }));
        expect(error.data?.kind).toBe('document-errors');
        connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('ra.osteo'), version: 3 }, contentChanges: [{ text }] });
        const ok = await connection.sendRequest<RunResult>(SimulateRequestMethod, { uri: uriOf('ra.osteo'), scenario: 'Quiet' });
        expect(ok.scenarios).toHaveLength(1);
    });

    test('cancellation stops a long run; the server stays responsive during it and answers afterwards', async () => {
        const source = new CancellationTokenSource();
        const started = Date.now();
        const long = errorOf(connection.sendRequest(SimulateRequestMethod, { uri: uriOf('long.osteo'), workDoneToken: 'long' }, source.token));
        const seen = (kind: string) => progress.some(p => p.token === 'long' && p.value.kind === kind);
        while (!seen('begin')) await new Promise(r => setTimeout(r, 20));
        // The worker is simulating; the main loop still answers other requests.
        const symbols = await connection.sendRequest<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf('ra.osteo') } });
        expect(symbols.map(s => s.name)).toContain('RaTiming');
        expect(seen('end')).toBe(false);
        source.cancel();
        const error = await long;
        expect(error.code).toBe(-32800);
        expect(error.message).toBe('Simulation cancelled');
        expect(seen('end')).toBe(true);
        expect(Date.now() - started).toBeLessThan(10_000);
        const next = await connection.sendRequest<RunResult>(SimulateRequestMethod, { uri: uriOf('ra.osteo'), scenario: 'Quiet' });
        expect(next.scenarios[0].name).toBe('Quiet');
    });
});
