import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ResponseError, type MessageConnection } from 'vscode-languageserver/node.js';
import { startStdioServer, type StdioServer } from '../server/stdio-server.js';
import type { RunResult, SensitivityResult } from '../../simulator/results.js';
import { SensitivityRequestMethod, SimulateRequestMethod, type SimulateErrorData } from '../../protocol/requests.js';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');
const uriOf = (file: string) => `file://${path.join(EXAMPLES, file)}`;

let stdio: StdioServer;
let connection: MessageConnection;
let progress: StdioServer['progress'];

beforeAll(async () => {
    stdio = await startStdioServer(EXAMPLES);
    ({ connection, progress } = stdio);
    for (const file of ['when-to-start-anti-tnf.osteo', 'ra-anchor-assumptions.osteo']) stdio.open(file);
}, 180_000);

afterAll(() => stdio?.dispose());

describe('the language server', () => {
    test('osteo/simulate includes the sweeps, with progress over arms and sweep runs', async () => {
        const result = await connection.sendRequest<RunResult>(SimulateRequestMethod, { uri: uriOf('when-to-start-anti-tnf.osteo'), workDoneToken: 'sweep-1' });
        const sweeps = result.scenarios[0].sweeps!;
        expect(sweeps.map(s => [s.name, s.results.length])).toEqual([['StartTime', 5], ['StartBySeverity', 15]]);
        const messages = progress.filter(p => p.token === 'sweep-1').map(p => p.value.message ?? p.value.kind);
        expect(messages).toContain('20 of 20 sweep and population runs');
        expect(messages.at(-1)).toBe('end');
    });

    test('osteo/sensitivity answers like the CLI; a bad output is an InvalidParams error naming the choices', async () => {
        const result = await connection.sendRequest<SensitivityResult>(SensitivityRequestMethod, { uri: uriOf('ra-anchor-assumptions.osteo'), output: 'rankl_opg_ratio', at: '6 months' });
        expect(result).toMatchObject({ scenario: 'RaAnchor', arm: 'baseline', output: 'rankl_opg_ratio', at: 182.625, form: 'normalised' });
        expect(result.parameters.length).toBeGreaterThan(50);
        try {
            await connection.sendRequest(SensitivityRequestMethod, { uri: uriOf('ra-anchor-assumptions.osteo'), output: 'bone' });
            expect.unreachable();
        } catch (error) {
            expect(error).toBeInstanceOf(ResponseError);
            expect((error as ResponseError<SimulateErrorData>).message).toMatch(/ra-anchor-assumptions\.osteo: arm baseline has no output 'bone'; the outputs are bmd\.lumbar_spine/);
            expect((error as ResponseError<SimulateErrorData>).data?.kind).toBe('unknown-selection');
        }
    });
});
