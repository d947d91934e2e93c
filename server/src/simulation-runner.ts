import { Worker } from 'node:worker_threads';
import type { CompiledScenario } from '../../language/src/compiler/compile-scenario.js';
import type { ScenarioResult } from '../../simulator/index.js';
import type { WorkerReply, WorkerRunMessage } from './simulation-worker.js';
import { SimulationRunError } from './simulation-errors.js';
import type { ScenarioRunOptions } from './simulation-backend.js';

export { SimulationRunError } from './simulation-errors.js';

interface Job {
    readonly id: number;
    readonly compiled: CompiledScenario[];
    readonly flag: Int32Array;
    readonly onProgress?: (done: number, total: number, label: string) => void;
    readonly resolve: (scenarios: ScenarioResult[]) => void;
    readonly reject: (error: SimulationRunError) => void;
    cancelled: boolean;
}

/** A cancelled run that does not stop within this time gets its worker terminated. */
const CANCEL_GRACE_MS = 1500;

/**
 * Runs simulations one at a time in a long-lived worker thread, so the language server's main loop
 * stays responsive. A worker that dies (crash, out of memory, terminated after a cancel that did not
 * take) fails the current run with a message and is replaced for the next one.
 */
export class SimulationRunner {
    private worker: Worker | undefined;
    private current: Job | undefined;
    private readonly queue: Job[] = [];
    private nextId = 1;
    private killTimer: NodeJS.Timeout | undefined;

    constructor(private readonly workerPath: string) {}

    run(compiled: CompiledScenario[], options: ScenarioRunOptions = {}): Promise<ScenarioResult[]> {
        return new Promise((resolve, reject) => {
            const job: Job = {
                id: this.nextId++, compiled, flag: new Int32Array(new SharedArrayBuffer(4)),
                onProgress: options.onProgress, resolve, reject, cancelled: false
            };
            options.onCancel?.(() => this.cancel(job));
            this.queue.push(job);
            this.pump();
        });
    }

    dispose(): void {
        void this.worker?.terminate();
        this.worker = undefined;
    }

    private cancel(job: Job): void {
        if (job.cancelled) return;
        job.cancelled = true;
        const queued = this.queue.indexOf(job);
        if (queued >= 0) {
            this.queue.splice(queued, 1);
            job.reject(new SimulationRunError({ kind: 'cancelled', message: 'simulation cancelled' }));
            return;
        }
        if (this.current !== job) return;
        Atomics.store(job.flag, 0, 1);
        this.killTimer = setTimeout(() => void this.worker?.terminate(), CANCEL_GRACE_MS);
    }

    private pump(): void {
        if (this.current || this.queue.length === 0) return;
        const job = this.queue.shift()!;
        this.current = job;
        const message: WorkerRunMessage = { type: 'run', id: job.id, compiled: job.compiled, cancelFlag: job.flag.buffer as SharedArrayBuffer };
        this.ensureWorker().postMessage(message);
    }

    private ensureWorker(): Worker {
        if (this.worker) return this.worker;
        const worker = new Worker(this.workerPath, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
        worker.on('message', (reply: WorkerReply) => this.onReply(reply));
        let crash = 'the simulation worker stopped unexpectedly';
        worker.on('error', error => { crash = `the simulation worker crashed: ${error.message}`; });
        worker.on('exit', () => {
            if (this.worker === worker) this.worker = undefined;
            const job = this.current;
            if (job) {
                this.finish(job);
                job.reject(new SimulationRunError(job.cancelled
                    ? { kind: 'cancelled', message: 'simulation cancelled' }
                    : { kind: 'worker-crashed', message: `${crash}; it is restarted for the next run` }));
            }
            this.pump();
        });
        // Idle workers must not keep the server process alive.
        worker.unref();
        this.worker = worker;
        return worker;
    }

    private onReply(reply: WorkerReply): void {
        const job = this.current;
        if (!job || reply.id !== job.id) return;
        if (reply.type === 'progress') {
            job.onProgress?.(reply.done, reply.total, reply.label);
            return;
        }
        this.finish(job);
        if (reply.type === 'done') job.resolve(reply.scenarios);
        else job.reject(new SimulationRunError(reply.error));
        this.pump();
    }

    private finish(job: Job): void {
        if (this.current === job) this.current = undefined;
        if (this.killTimer) clearTimeout(this.killTimer);
        this.killTimer = undefined;
    }
}
