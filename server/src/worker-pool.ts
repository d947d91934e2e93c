import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { serialRunner, type SimTask, type TaskOutput, type TaskRunner } from '../../simulator/index.js';
import type { PoolRunOptions } from './simulation-backend.js';
import type { WorkerTasksMessage, WorkerTasksReply } from './simulation-worker.js';
import { WorkerPoolError, type WorkerFailure } from './simulation-errors.js';

export { WorkerPoolError } from './simulation-errors.js';

export type { PoolRunOptions } from './simulation-backend.js';

interface Batch {
    readonly id: number;
    readonly tasks: readonly SimTask[];
    readonly outputs: TaskOutput[];
    readonly flag: Int32Array;
    readonly options: PoolRunOptions;
    readonly resolve: (outputs: TaskOutput[]) => void;
    readonly reject: (error: WorkerPoolError) => void;
    next: number;
    done: number;
    finished: boolean;
}

interface Slot {
    readonly worker: Worker;
    batch?: Batch;
}

/** A cancelled batch whose workers do not stop within this time has them terminated. */
const CANCEL_GRACE_MS = 1500;
/** Most tasks sent to a worker in one message. */
const MAX_CHUNK = 16;
/** How often a batch polls `isCancelled` (the solver polls the shared flag itself). */
const CANCEL_POLL_MS = 50;

/**
 * One pool of worker threads (as many as cores) for sweeps, populations and sensitivity, in the
 * language server and the CLI. Tasks go out in small chunks to whichever worker is free and come back
 * in task order, so the results are those of the serial runner whatever the scheduling.
 */
export class WorkerPool implements TaskRunner {
    private readonly slots: Slot[] = [];
    private readonly batches: Batch[] = [];
    private nextId = 1;
    private disposed = false;

    constructor(private readonly workerPath: string, readonly size = poolSize()) {}

    run(tasks: readonly SimTask[], options: PoolRunOptions = {}): Promise<TaskOutput[]> {
        if (tasks.length === 0) return Promise.resolve([]);
        return new Promise<TaskOutput[]>((resolve, reject) => {
            const batch: Batch = {
                id: this.nextId++, tasks, outputs: new Array<TaskOutput>(tasks.length),
                flag: new Int32Array(new SharedArrayBuffer(4)), options, resolve, reject, next: 0, done: 0, finished: false
            };
            options.onCancel?.(() => this.cancel(batch));
            if (options.isCancelled) {
                const timer = setInterval(() => {
                    if (batch.finished) clearInterval(timer);
                    else if (options.isCancelled!()) this.cancel(batch);
                }, CANCEL_POLL_MS);
                timer.unref();
            }
            this.batches.push(batch);
            this.pump();
        });
    }

    dispose(): void {
        this.disposed = true;
        for (const batch of [...this.batches]) this.fail(batch, new WorkerPoolError('cancelled', 'simulation cancelled'));
        for (const slot of this.slots.splice(0)) void slot.worker.terminate();
    }

    private cancel(batch: Batch): void {
        if (batch.finished) return;
        Atomics.store(batch.flag, 0, 1);
        this.fail(batch, new WorkerPoolError('cancelled', 'simulation cancelled'));
        // Workers notice the flag within one solver step; one that does not is terminated.
        const stuck = this.slots.filter(s => s.batch === batch);
        if (stuck.length > 0) {
            setTimeout(() => { for (const s of stuck) if (s.batch === batch) void s.worker.terminate(); }, CANCEL_GRACE_MS).unref();
        }
    }

    private pump(): void {
        if (this.disposed) return;
        while (this.slots.length < this.size && this.batches.some(b => b.next < b.tasks.length)) {
            const idle = this.slots.filter(s => !s.batch).length;
            const waiting = this.batches.reduce((n, b) => n + b.tasks.length - b.next, 0);
            if (idle >= waiting) break;
            this.slots.push(this.spawn());
        }
        for (const slot of this.slots) {
            if (slot.batch) continue;
            const batch = this.batches.find(b => b.next < b.tasks.length);
            if (!batch) break;
            // Several short tasks per message keep the messaging cost small; eight chunks per worker keep the load balanced.
            const count = Math.max(1, Math.min(MAX_CHUNK, Math.ceil((batch.tasks.length - batch.next) / (this.size * 8))));
            const first = batch.next;
            batch.next += count;
            slot.batch = batch;
            slot.worker.ref();
            const message: WorkerTasksMessage = { type: 'tasks', id: batch.id, first, tasks: batch.tasks.slice(first, first + count), cancelFlag: batch.flag.buffer as SharedArrayBuffer };
            slot.worker.postMessage(message);
        }
    }

    private spawn(): Slot {
        const worker = new Worker(this.workerPath, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
        const slot: Slot = { worker };
        let crash = 'a simulation worker stopped unexpectedly';
        worker.on('message', (reply: WorkerTasksReply) => this.onReply(slot, reply));
        worker.on('error', error => { crash = `a simulation worker crashed: ${error.message}`; });
        worker.on('exit', () => {
            const index = this.slots.indexOf(slot);
            if (index >= 0) this.slots.splice(index, 1);
            const batch = slot.batch;
            slot.batch = undefined;
            if (batch && !batch.finished) this.fail(batch, new WorkerPoolError('worker-crashed', `${crash}; it is restarted for the next run`));
            this.pump();
        });
        // Idle workers must not keep the process alive.
        worker.unref();
        return slot;
    }

    private onReply(slot: Slot, reply: WorkerTasksReply): void {
        const batch = slot.batch;
        slot.batch = undefined;
        slot.worker.unref();
        if (batch && reply.id === batch.id && !batch.finished) {
            if (reply.type === 'failed') {
                this.fail(batch, errorOf(reply.error));
            } else {
                reply.outputs.forEach((out, i) => { batch.outputs[reply.first + i] = out; });
                batch.done += reply.outputs.length;
                batch.options.onProgress?.(batch.done, batch.tasks.length);
                if (batch.done === batch.tasks.length) {
                    this.finish(batch);
                    batch.resolve(batch.outputs);
                }
            }
        }
        this.pump();
    }

    private fail(batch: Batch, error: WorkerPoolError): void {
        if (batch.finished) return;
        Atomics.store(batch.flag, 0, 1);
        this.finish(batch);
        batch.reject(error);
    }

    private finish(batch: Batch): void {
        batch.finished = true;
        batch.next = batch.tasks.length;
        const index = this.batches.indexOf(batch);
        if (index >= 0) this.batches.splice(index, 1);
    }
}

function errorOf(failure: WorkerFailure): WorkerPoolError {
    return failure.kind === 'cancelled' ? new WorkerPoolError('cancelled', failure.message) : new WorkerPoolError('internal', failure.message);
}

/** The pool when the bundled worker exists beside this script and there is more than one core; otherwise this thread. */
/**
 * Workers the pool uses: OSTEO_WORKERS when set; inside a Slurm job the CPUs the job was given
 * (SLURM_CPUS_PER_TASK), not the node's, which other jobs share; otherwise one per core.
 */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
    for (const value of [env.OSTEO_WORKERS, env.SLURM_CPUS_PER_TASK]) {
        const n = Number(value);
        if (value !== undefined && Number.isInteger(n) && n >= 1) return n;
    }
    return Math.max(1, availableParallelism());
}

export function workerPoolOrSerial(workerPath: string, exists: (p: string) => boolean, size = poolSize()): TaskRunner & { dispose?: () => void } {
    return size > 1 && exists(workerPath) ? new WorkerPool(workerPath, size) : serialRunner;
}
