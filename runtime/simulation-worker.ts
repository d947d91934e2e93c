/**
 * The simulation worker (bundled as out/simulation-worker.js): runs the engine in a worker thread of the
 * pool (runtime/worker-pool.ts) for the language server and the CLI. Cancellation arrives through a
 * shared flag because the simulation is synchronous and never yields to the worker's message loop.
 */
import { parentPort } from 'node:worker_threads';
import {
    CancelledError, type CompiledScenario, runTask, type ScenarioResult, type SimTask, simulateCompiled, type TaskOutput
} from '../simulator/index.js';
import { failureOf, type WorkerFailure } from './simulation-errors.js';

export type { WorkerFailure } from './simulation-errors.js';
export interface WorkerRunMessage {
    readonly type: 'run';
    readonly id: number;
    readonly compiled: CompiledScenario[];
    /** Int32Array view; the main thread stores 1 at index 0 to cancel. */
    readonly cancelFlag: SharedArrayBuffer;
}

/** A slice of a sweep, population or sensitivity batch. */
export interface WorkerTasksMessage {
    readonly type: 'tasks';
    readonly id: number;
    /** Index of the first task in the batch, echoed back. */
    readonly first: number;
    readonly tasks: SimTask[];
    readonly cancelFlag: SharedArrayBuffer;
}

export type WorkerMessage = WorkerRunMessage | WorkerTasksMessage;

/** Replies: progress and the scenarios of a run, the outputs of a slice, or why either failed. */
export type WorkerReply =
    | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly label: string }
    | { readonly type: 'done'; readonly id: number; readonly scenarios: ScenarioResult[] }
    | { readonly type: 'outputs'; readonly id: number; readonly first: number; readonly outputs: TaskOutput[] }
    | { readonly type: 'failed'; readonly id: number; readonly error: WorkerFailure };


const port = parentPort;
port?.on('message', (message: WorkerMessage) => {
    if (message?.type === 'tasks') {
        runTasks(message);
        return;
    }
    if (message?.type !== 'run') return;
    const flag = new Int32Array(message.cancelFlag);
    const reply = (r: WorkerReply) => port.postMessage(r);
    try {
        const scenarios = simulateCompiled(message.compiled, {
            isCancelled: () => Atomics.load(flag, 0) !== 0,
            onProgress: (done, total, label) => reply({ type: 'progress', id: message.id, done, total, label })
        });
        reply({ type: 'done', id: message.id, scenarios });
    } catch (error) {
        reply({ type: 'failed', id: message.id, error: failureOf(error) });
    }
});

function runTasks(message: WorkerTasksMessage): void {
    const flag = new Int32Array(message.cancelFlag);
    const isCancelled = () => Atomics.load(flag, 0) !== 0;
    let reply: WorkerReply;
    try {
        if (isCancelled()) throw new CancelledError();
        reply = { type: 'outputs', id: message.id, first: message.first, outputs: message.tasks.map(t => runTask(t, isCancelled)) };
    } catch (error) {
        reply = { type: 'failed', id: message.id, error: failureOf(error) };
    }
    port!.postMessage(reply);
}

