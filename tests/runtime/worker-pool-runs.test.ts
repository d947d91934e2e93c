import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { WorkerPool, WorkerPoolError } from '../../runtime/worker-pool.js';
import type { CompiledScenario } from '../../simulator/index.js';

/**
 * Scenario runs on the worker pool (what `osteo/simulate` uses), with a stand-in worker that crashes, throws,
 * ignores or honours cancellation according to the scenario's name. Sweep batches on the same pool are covered
 * by tests/analysis/analysis-engine.test.ts.
 */
const FAKE_WORKER = path.join(__dirname, 'fake-worker.cjs');
const scenario = (name: string) => [{ name, title: name, durationDays: 1, arms: [], reported: [], notes: [] }] as unknown as CompiledScenario[];

async function failureOf(promise: Promise<unknown>): Promise<WorkerPoolError> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(WorkerPoolError);
        return error as WorkerPoolError;
    }
    throw new Error('expected the run to fail');
}

describe('scenario runs on the worker pool', () => {
    let pool: WorkerPool;
    afterEach(() => pool?.dispose());

    test('runs a scenario in a worker and reports progress', async () => {
        pool = new WorkerPool(FAKE_WORKER, 2);
        const progress: string[] = [];
        const result = await pool.simulate(scenario('one'), { onProgress: (d, t, label) => progress.push(`${d}/${t} ${label}`) });
        expect(result.map(s => s.name)).toEqual(['one']);
        expect(progress).toEqual(['1/1 one']);
    });

    test('a crashed worker fails its run with a message and is replaced for the next run', async () => {
        pool = new WorkerPool(FAKE_WORKER, 1);
        const crashed = await failureOf(pool.simulate(scenario('crash')));
        expect([crashed.kind, crashed.message]).toEqual(['worker-crashed', 'a simulation worker stopped unexpectedly; it is restarted for the next run']);
        const thrown = await failureOf(pool.simulate(scenario('throw')));
        expect(thrown.kind).toBe('worker-crashed');
        expect(thrown.message).toMatch(/crashed: boom/);
        expect((await pool.simulate(scenario('after'))).map(s => s.name)).toEqual(['after']);
    });

    test('a crash fails only the run on that worker: another run in flight on another worker completes', async () => {
        pool = new WorkerPool(FAKE_WORKER, 2);
        let cancel = () => {};
        // `polite` holds the first worker until cancelled, so `crash` lands on the second one.
        const held = pool.simulate(scenario('polite'), { onCancel: c => { cancel = c; } });
        expect((await failureOf(pool.simulate(scenario('crash')))).kind).toBe('worker-crashed');
        cancel();
        expect((await failureOf(held)).kind).toBe('cancelled');
        expect((await pool.simulate(scenario('after'))).map(s => s.name)).toEqual(['after']);
    });

    test('runs wait in order while every worker is busy; a waiting run can be cancelled before it starts', async () => {
        pool = new WorkerPool(FAKE_WORKER, 1);
        const order: string[] = [];
        let cancelSecond = () => {};
        const first = pool.simulate(scenario('first')).then(r => { order.push(r[0].name); return r; });
        const second = failureOf(pool.simulate(scenario('second'), { onCancel: c => { cancelSecond = c; } }));
        const third = pool.simulate(scenario('third')).then(r => { order.push(r[0].name); return r; });
        cancelSecond();
        expect((await first)[0].name).toBe('first');
        expect((await second).kind).toBe('cancelled');
        expect((await third)[0].name).toBe('third');
        expect(order).toEqual(['first', 'third']);
    });

    test('a run superseded by cancellation (the client cancels it when a newer one starts) fails as cancelled; the newer one runs', async () => {
        pool = new WorkerPool(FAKE_WORKER, 1);
        let cancelOld = () => {};
        const old = pool.simulate(scenario('polite'), { onCancel: c => { cancelOld = c; } });
        const newer = pool.simulate(scenario('newer'));
        cancelOld();
        expect((await failureOf(old)).kind).toBe('cancelled');
        expect((await newer)[0].name).toBe('newer');
    });

    test('cancelling a running scenario sets the shared flag; a worker that ignores it is terminated after the grace period', async () => {
        pool = new WorkerPool(FAKE_WORKER, 1);
        let cancel = () => {};
        const polite = pool.simulate(scenario('polite'), { onCancel: c => { cancel = c; } });
        setTimeout(() => cancel(), 50);
        expect((await failureOf(polite)).kind).toBe('cancelled');

        // Cancelled once it is running (its first progress report), not while it waits for the worker.
        const stubborn = pool.simulate(scenario('stubborn'), { onCancel: c => { cancel = c; }, onProgress: () => cancel() });
        expect((await failureOf(stubborn)).kind).toBe('cancelled');
        // The only worker spins until it is terminated; the next run gets a new one.
        const started = Date.now();
        expect((await pool.simulate(scenario('next')))[0].name).toBe('next');
        expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    });

    test('isCancelled is polled for a run as for a batch', async () => {
        pool = new WorkerPool(FAKE_WORKER, 1);
        let stop = false;
        const polite = pool.simulate(scenario('polite'), { isCancelled: () => stop });
        setTimeout(() => { stop = true; }, 50);
        expect((await failureOf(polite)).kind).toBe('cancelled');
    });
});
