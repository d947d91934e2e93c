import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { SimulationRunError, SimulationRunner } from '../../server/src/simulation-runner.js';
import type { CompiledScenario } from '../../language/src/compiler/index.js';

const FAKE_WORKER = path.join(__dirname, 'fixtures', 'fake-worker.cjs');
const scenario = (name: string) => [{ name, title: name, durationDays: 1, arms: [], reported: [], notes: [] }] as CompiledScenario[];

async function failureOf(promise: Promise<unknown>): Promise<SimulationRunError['failure']> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(SimulationRunError);
        return (error as SimulationRunError).failure;
    }
    throw new Error('expected the run to fail');
}

describe('simulation runner (worker thread)', () => {
    let runner: SimulationRunner;
    afterEach(() => runner?.dispose());

    test('runs jobs in the worker and reports progress', async () => {
        runner = new SimulationRunner(FAKE_WORKER);
        const progress: string[] = [];
        const result = await runner.run(scenario('one'), { onProgress: (d, t, label) => progress.push(`${d}/${t} ${label}`) });
        expect(result.map(s => s.name)).toEqual(['one']);
        expect(progress).toEqual(['1/1 one']);
    });

    test('a crashed worker fails its run with a message and is replaced for the next run', async () => {
        runner = new SimulationRunner(FAKE_WORKER);
        expect(await failureOf(runner.run(scenario('crash')))).toEqual({
            kind: 'worker-crashed', message: 'the simulation worker stopped unexpectedly; it is restarted for the next run'
        });
        const thrown = await failureOf(runner.run(scenario('throw')));
        expect(thrown.kind).toBe('worker-crashed');
        expect(thrown.message).toMatch(/crashed: boom/);
        expect((await runner.run(scenario('after'))).map(s => s.name)).toEqual(['after']);
    });

    test('jobs queue behind each other; a queued job can be cancelled before it starts', async () => {
        runner = new SimulationRunner(FAKE_WORKER);
        let cancelSecond = () => {};
        const first = runner.run(scenario('first'));
        const second = failureOf(runner.run(scenario('second'), { onCancel: c => { cancelSecond = c; } }));
        const third = runner.run(scenario('third'));
        cancelSecond();
        expect((await first)[0].name).toBe('first');
        expect((await second).kind).toBe('cancelled');
        expect((await third)[0].name).toBe('third');
    });

    test('cancelling a running job sets the shared flag; a worker that ignores it is terminated', async () => {
        runner = new SimulationRunner(FAKE_WORKER);
        let cancel = () => {};
        const polite = runner.run(scenario('polite'), { onCancel: c => { cancel = c; } });
        setTimeout(() => cancel(), 50);
        expect((await failureOf(polite)).kind).toBe('cancelled');

        const stubborn = runner.run(scenario('stubborn'), { onCancel: c => { cancel = c; } });
        setTimeout(() => cancel(), 50);
        expect((await failureOf(stubborn)).kind).toBe('cancelled');
        expect((await runner.run(scenario('next')))[0].name).toBe('next');
    });
});
