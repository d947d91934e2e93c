import * as path from 'node:path';
import { clearDocuments } from 'langium/test';
import { afterAll, describe, expect, test } from 'vitest';
import type { Model } from '../../language/src/generated/ast.js';
import { drawMember, populationResult, populationTasks } from '../../simulator/analysis/population.js';
import { planSensitivity, sensitivityResult, sensitivityTasks } from '../../simulator/analysis/sensitivity.js';
import { runTask } from '../../simulator/analysis/sim-task.js';
import { sweepTasks } from '../../simulator/analysis/sweep.js';
import { serialRunner } from '../../simulator/analysis/task-runner.js';
import { PARAMETERS } from '../../simulator/model/parameters.js';
import { armsOnly, runAnalyses, simulateCompiled } from '../../simulator/run-scenarios.js';
import { compileDocument, simulateDocument } from '../../language/src/compiler/compile-document.js';
import { simulateArm, valueAt } from '../../simulator/simulate.js';
import { WorkerPool, WorkerPoolError } from '../../runtime/worker-pool.js';
import { createTestServices } from '../language/test-services.js';

const services = await createTestServices();
const WORKER = path.resolve(__dirname, '../../out/simulation-worker.js');

async function modelOf(text: string): Promise<Model> {
    const document = await services.parse(text);
    await clearDocuments(services.shared, [document]);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return document.parseResult.value as Model;
}

/** A one-year RA scenario; `arm` and `extra` vary per test. Short and coarse so that each run takes milliseconds. */
const scenario = (arm: string, extra = '', severity = 'high', set = '') => `
regimen Anti { drug adalimumab dose 40 mg every 2 weeks }
scenario S {
    duration 1 year
    sample every 2 weeks
    condition rheumatoid_arthritis { severity ${severity} }
    ${arm}
    ${set}
    ${extra}
}`;

async function analysed(text: string) {
    const compiled = compileDocument(await modelOf(text));
    const arms = simulateCompiled(armsOnly(compiled));
    return (await runAnalyses(compiled, arms, serialRunner))[0];
}

/** The value a user gets by writing the scenario out by hand and running it. */
async function individual(text: string, arm: string, key: string, atDays: number): Promise<{ value: number; series: number[] }> {
    const result = simulateDocument(await modelOf(text))[0].arms.find(a => a.name === arm)!;
    return { value: valueAt(result.time, result.series[key], atDays)!, series: result.series[key] };
}

describe('sweeps', () => {
    test('each sweep value gives exactly the run written out by hand, with its curve', async () => {
        const result = await analysed(scenario('arm treated { give Anti from 0 months }',
            'sweep Start { vary start of Anti in treated values 0 months, 3 months, 6 months measure bmd at lumbar_spine at 9 months }'));
        const sweep = result.sweeps![0];
        expect(sweep).toMatchObject({ name: 'Start', arm: 'treated', parameter: 'start of Anti in treated', values: [0, 3, 6], unit: 'months', measure: 'bmd.lumbar_spine', measureUnit: '% change' });
        expect(sweep.at).toBeCloseTo(9 * 30.4375, 10);
        for (const [i, months] of [0, 3, 6].entries()) {
            const by = await individual(scenario(`arm treated { give Anti from ${months} months }`), 'treated', 'bmd.lumbar_spine', sweep.at);
            expect(sweep.results[i]).toBe(by.value);
            expect(sweep.curves!.series[i]).toEqual(by.series);
        }
        // Starting later loses more bone: the sweep answers the question it was written for.
        expect(sweep.results[0]).toBeGreaterThan(sweep.results[2]);
    });

    test('dose and interval sweeps equal the hand-written regimens', async () => {
        const result = await analysed(scenario('arm treated { give Anti }',
            'sweep Dose { vary dose of Anti in treated values 20 mg, 80 mg measure osteoclasts at 6 months }\n' +
            'sweep Every { vary interval of Anti in treated from 1 week to 3 weeks step 2 weeks measure adalimumab }'));
        const [dose, every] = result.sweeps!;
        for (const [i, mg] of [20, 80].entries()) {
            const text = scenario(`arm treated { give adalimumab ${mg} mg every 2 weeks }`).replace('regimen Anti { drug adalimumab dose 40 mg every 2 weeks }', '');
            expect(dose.results[i]).toBe((await individual(text, 'treated', 'osteoclasts', dose.at)).value);
        }
        expect(every.values).toEqual([1, 3]);
        expect(every.measure).toBe('drug.adalimumab');
        for (const [i, weeks] of [1, 3].entries()) {
            const text = scenario(`arm treated { give adalimumab 40 mg every ${weeks} weeks }`).replace('regimen Anti { drug adalimumab dose 40 mg every 2 weeks }', '');
            expect(every.results[i]).toBe((await individual(text, 'treated', 'drug.adalimumab', every.at)).value);
        }
    });

    test('a 2-D sweep is row-major: results[i × values2.length + j] belongs to values[i] and values2[j]', async () => {
        const result = await analysed(scenario('arm untreated { }',
            'sweep Grid { vary rankl_per_tnf values 0.5, 2 vary severity of rheumatoid_arthritis values mild, high measure osteoclasts at 6 months }'));
        const grid = result.sweeps![0];
        expect(grid).toMatchObject({ parameter: 'rankl_per_tnf', values: [0.5, 2], parameter2: 'severity of rheumatoid_arthritis', values2: ['mild', 'high'], unit2: '' });
        expect(grid.curves).toBeUndefined();
        expect(grid.results).toHaveLength(4);
        for (const [i, tnf] of [0.5, 2].entries()) {
            for (const [j, severity] of ['mild', 'high'].entries()) {
                const by = await individual(scenario('arm untreated { }', '', severity, `set rankl_per_tnf = ${tnf}`), 'untreated', 'osteoclasts', grid.at);
                expect(grid.results[i * 2 + j]).toBe(by.value);
            }
        }
        expect(new Set(grid.results).size).toBe(4);
    });
});

describe('populations', () => {
    const text = (seed: number) => scenario('arm untreated { }\narm treated { give Anti }',
        `population P { size 6 seed ${seed} vary rankl_per_tnf lognormal 40 % vary ob_suppression_by_tnf uniform 0.2 to 0.8 }`);

    test('deterministic for a seed, different for another; percentiles bracket the median', async () => {
        const a = (await analysed(text(42))).populations![0];
        const b = (await analysed(text(42))).populations![0];
        const c = (await analysed(text(7))).populations![0];
        expect(a).toEqual(b);
        expect(a.arms[0].median).not.toEqual(c.arms[0].median);
        expect(a).toMatchObject({ name: 'P', size: 6, seed: 42 });
        expect(a.arms.map(x => [x.name, x.failed])).toEqual([['untreated', 0], ['treated', 0]]);
        const untreated = a.arms[0];
        expect(untreated.time.length).toBeLessThanOrEqual(200);
        const k = untreated.time.length - 1;
        expect(untreated.p05.osteoclasts[k]).toBeLessThan(untreated.median.osteoclasts[k]);
        expect(untreated.median.osteoclasts[k]).toBeLessThan(untreated.p95.osteoclasts[k]);
    });

    test("a patient's parameters depend on the seed and its index only, and follow the distributions", async () => {
        const plan = compileDocument(await modelOf(text(42)))[0].populations![0];
        const forward = Array.from({ length: 5 }, (_, i) => drawMember(plan, i));
        const backward = [4, 3, 2, 1, 0].map(i => drawMember(plan, i)).reverse();
        expect(backward).toEqual(forward);
        const big = { ...plan, size: 4001 };
        const draws = Array.from({ length: big.size }, (_, i) => drawMember(big, i));
        const tnf = draws.map(d => d.rankl_per_tnf).sort((x, y) => x - y);
        const median = PARAMETERS.find(p => p.name === 'rankl_per_tnf')!.value;
        expect(tnf[2000] / median).toBeGreaterThan(0.97);
        expect(tnf[2000] / median).toBeLessThan(1.03);
        const logs = tnf.map(Math.log);
        const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
        const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1));
        expect(sd).toBeCloseTo(Math.sqrt(Math.log(1 + 0.4 ** 2)), 1);
        const ob = draws.map(d => d.ob_suppression_by_tnf);
        expect(Math.min(...ob)).toBeGreaterThanOrEqual(0.2);
        expect(Math.max(...ob)).toBeLessThan(0.8);
        expect(ob.filter(x => x < 0.5).length / ob.length).toBeCloseTo(0.5, 1);
    });
});

describe('the worker pool', () => {
    const pool = new WorkerPool(WORKER, 2);
    afterAll(() => pool.dispose());

    test('population and sweep results from the pool equal the serial ones', async () => {
        const compiled = compileDocument(await modelOf(scenario('arm untreated { }\narm treated { give Anti }',
            'population P { size 4 seed 3 vary rankl_per_tnf lognormal 30 % }\nsweep W { vary dose of Anti in treated values 10 mg, 40 mg, 160 mg measure bmd at total_hip }')))[0];
        const tasks = [...populationTasks(compiled.populations![0]), ...sweepTasks(compiled.sweeps![0])];
        const progress: number[] = [];
        const pooled = await pool.run(tasks, { onProgress: done => progress.push(done) });
        const serial = tasks.map(t => runTask(t));
        expect(pooled).toEqual(serial);
        expect(progress).toEqual(tasks.map((_, i) => i + 1));
        expect(populationResult(compiled.populations![0], pooled.slice(0, 8))).toEqual(populationResult(compiled.populations![0], serial.slice(0, 8)));
    });

    test('a cancelled batch rejects as cancelled and the pool serves the next one', async () => {
        const compiled = compileDocument(await modelOf(scenario('arm untreated { }', 'population P { size 40 vary rankl_per_tnf lognormal 30 % }')))[0];
        const tasks = populationTasks(compiled.populations![0]);
        let cancel: () => void = () => undefined;
        const run = pool.run(tasks, { onCancel: c => { cancel = c; } });
        cancel();
        await expect(run).rejects.toEqual(new WorkerPoolError('cancelled', 'simulation cancelled'));
        const again = await pool.run(tasks.slice(0, 2));
        expect(again).toEqual(tasks.slice(0, 2).map(t => runTask(t)));
    });
});

describe('sensitivity', () => {
    test('coefficients equal central differences in ln(parameter) computed here, for every parameter, largest first', async () => {
        const desc = compileDocument(await modelOf(scenario('arm untreated { }')))[0].arms[0];
        const at = 182.625;
        const plan = planSensitivity(desc, 'osteoclasts', at);
        const pool = new WorkerPool(WORKER, 2);
        const result = sensitivityResult(plan, await pool.run(sensitivityTasks(plan)).finally(() => pool.dispose()));
        expect(result.form).toBe('normalised');
        expect(result.parameters.map(p => p.name).sort()).toEqual(PARAMETERS.map(p => p.name).sort());
        const sizes = result.parameters.map(p => Math.abs(p.coefficient));
        expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
        for (const p of result.parameters) expect(p.assumption).toBe(PARAMETERS.find(q => q.name === p.name)!.basis !== 'published');

        const at6m = (parameters: Record<string, number>) => {
            const arm = simulateArm({ ...desc, parameters: { ...desc.parameters, ...parameters } });
            return valueAt(arm.time, arm.series.osteoclasts, at)!;
        };
        for (const name of ['rankl_per_tnf', 'oc_apoptosis', 'pth_production']) {
            const v = PARAMETERS.find(p => p.name === name)!.value;
            const expected = (Math.log(at6m({ [name]: v * Math.exp(0.01) })) - Math.log(at6m({ [name]: v * Math.exp(-0.01) }))) / 0.02;
            const got = result.parameters.find(p => p.name === name)!;
            expect(got.difference).toBe('central');
            expect(got.coefficient).toBeCloseTo(expected, 10);
            expect(Math.abs(expected)).toBeGreaterThan(1e-3);
        }
        // Faster osteoclast apoptosis lowers the inflamed osteoclast excess: a negative elasticity.
        expect(result.parameters.find(p => p.name === 'oc_apoptosis')!.coefficient).toBeLessThan(0);
    });

    test('BMD (a % change) gets the absolute form; zero-valued parameters the absolute step, stated', async () => {
        const desc = compileDocument(await modelOf(scenario('arm untreated { }', '', 'high', 'set rankl_per_il1 = 0')))[0].arms[0];
        const plan = planSensitivity(desc, 'bmd.lumbar_spine', desc.durationDays);
        const result = sensitivityResult(plan, await serialRunner.run(sensitivityTasks(plan)));
        expect(result.form).toBe('absolute');
        const tnf = PARAMETERS.find(p => p.name === 'rankl_per_tnf')!.value;
        const end = (x: number) => simulateArm({ ...desc, parameters: { ...desc.parameters, rankl_per_tnf: x } }).summary['bmd.lumbar_spine'].end;
        expect(result.parameters.find(p => p.name === 'rankl_per_tnf')!.coefficient).toBeCloseTo((end(tnf * Math.exp(0.01)) - end(tnf * Math.exp(-0.01))) / 0.02, 10);
        const zero = result.parameters.find(p => p.name === 'rankl_per_il1')!;
        expect(zero).toMatchObject({ value: 0, difference: 'absolute' });
        expect(result.notes.join(' ')).toMatch(/rankl_per_il1 is 0, where ln\(parameter\) is undefined/);
        const oneSided = result.parameters.find(p => p.name === 'severity_high')!;
        expect(oneSided.difference).toBe('backward');
    });
});
