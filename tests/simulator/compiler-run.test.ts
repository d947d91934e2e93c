import { describe, expect, test } from 'vitest';
import type { Model } from '../../language/src/generated/ast.js';
import { ArmFailedError, buildRunResult, SelectionError } from '../../simulator/run-scenarios.js';
import { compileDocument, simulateDocument } from '../../language/src/compiler/compile-document.js';
import { CancelledError } from '../../simulator/solver/index.js';
import { MODEL_INFO } from '../../simulator/simulate.js';
import { createTestServices } from '../language/test-services.js';

const { parse } = await createTestServices();
async function modelOf(text: string): Promise<Model> {
    const document = await parse(text);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return document.parseResult.value as Model;
}

const TWO = `
scenario A { duration 8 weeks arm p { } arm q { give msc_therapy 10 mg once } report osteoclasts, T_cells }
scenario B { duration 4 weeks arm q { } }`;

describe('choosing scenarios and arms', () => {
    test('unknown scenario or arm names the choices', async () => {
        const model = await modelOf(TWO);
        expect(() => compileDocument(model, { scenario: 'C' })).toThrow(new SelectionError("no scenario named 'C'; the file declares A, B"));
        expect(() => compileDocument(model, { scenario: 'B', arms: ['p'] })).toThrow(new SelectionError("no arm named 'p' in scenario B; the arms are q"));
        expect(() => compileDocument(model, { arms: ['z'] })).toThrow(new SelectionError("no arm named 'z' in any scenario of the file; the arms are p, q"));
        const noScenario = await modelOf('regimen R { drug adalimumab dose 40 mg once }');
        expect(() => compileDocument(noScenario)).toThrow(new SelectionError('the file declares no scenario'));
    });

    test('an arm name selects it in every scenario that has it', async () => {
        const model = await modelOf(TWO);
        expect(compileDocument(model, { arms: ['q'] }).map(s => [s.name, s.arms.map(a => a.arm)])).toEqual([['A', ['q']], ['B', ['q']]]);
        expect(compileDocument(model, { arms: ['p'] }).map(s => s.name)).toEqual(['A']);
    });
});

describe('simulating a document', () => {
    test('results carry the reported series the model computes, and the exploratory assumptions', async () => {
        const progress: string[] = [];
        const [a, b] = simulateDocument(await modelOf(TWO), { onProgress: (d, t, label) => progress.push(`${d}/${t} ${label}`) });
        expect(progress).toEqual(['1/3 A / p', '2/3 A / q', '3/3 B / q']);
        expect(a.arms.map(arm => arm.name)).toEqual(['p', 'q']);
        expect(a.reported).toEqual(['osteoclasts']);
        expect(a.assumptions).toContain('Not computed by the model, so not reported: T_cells.');
        expect(a.assumptions.some(s => s.startsWith('msc_therapy (supplies osteoblast_precursors): Exploratory'))).toBe(true);
        expect(b.assumptions).toEqual([]);
        const run = buildRunResult([a, b], '9.9.9');
        expect(run).toMatchObject({ tool: 'osteo', version: '9.9.9', model: { name: MODEL_INFO.name, version: MODEL_INFO.version } });
    });

    test('a solver failure names the arm, the scenario and the day', async () => {
        const model = await modelOf('scenario S { duration 30 days arm flood { give adalimumab 1e300 mg once from 10 days } }');
        try {
            simulateDocument(model);
            throw new Error('expected a failure');
        } catch (error) {
            expect(error).toBeInstanceOf(ArmFailedError);
            expect((error as ArmFailedError).message).toMatch(/^arm flood of scenario S failed at day 10: /);
        }
    });

    test('cancellation stops the run', async () => {
        const model = await modelOf(TWO);
        expect(() => simulateDocument(model, { isCancelled: () => true })).toThrow(CancelledError);
    });
});
