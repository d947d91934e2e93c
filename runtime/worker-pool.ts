import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CompiledScenario, type ScenarioResult, serialRunner, type SimTask, type TaskOutput, type TaskRunner } from '../simulator/index.js';
import type { PoolRunOptions, ScenarioRunOptions, SimulationBackend } from './simulation-backend.js';
import { poolErrorOf, WorkerPoolError } from './simulation-errors.js';
import type { WorkerMessage, WorkerReply } from './simulation-worker.js';

export { WorkerPoolError } from './simulation-errors.js';
export type { PoolRunOptions, ScenarioRunOptions } from './simulation-backend.js';

/**
 * Work queued on the pool: a batch of sweep/population/sensitivity tasks (split into chunks over the free
 * workers) or one scenario run (one unit, sent whole to one worker, which reports progress per arm).
 */
interface Job {
    readonly id: number;
    readonly units: number;
    readonly flag: Int32Array;
    readonly isCancelled?: () => boolean;
    readonly reject: (error: WorkerPoolError) => void;
    /** The message that hands units [first, first + count) to a worker. */
    readonly message: (first: number, count: number) => WorkerMessage;
    /** Takes a worker's reply; true when the worker is free again. */
    readonly accept: (reply: Exclude<WorkerReply, { type: 'failed' }>) => boolean;
    /** Whether units may go to several workers at once (a scenario run is one unit). */
    readonly chunked: boolean;
    next: number;
    finished: boolean;
}

interface Slot {
    readonly worker: Worker;
    job?: Job;
}

/** Cancelled work whose worker does not stop within this time has that worker terminated (and replaced). */
const CANCEL_GRACE_MS = 1500;
/** Most tasks sent to a worker in one message. */
const MAX_CHUNK = 16;
/** How often work polls `isCancelled` (the solver polls the shared flag itself). */
const CANCEL_POLL_MS = 50;

/**
 * The one pool of worker threads (as many as poolSize(): cores, or the job's CPUs) that runs simulations off the calling thread, for the
 * language server and the CLI: scenario runs (`simulate`) and sweep, population and sensitivity batches (`run`).
 * One cancellation path (a shared flag the solver polls, then termination after a grace period), one crash
 * handling (the work on a dead worker fails with a message; a new worker is started for what comes next).
 * Work waits in order when every worker is busy. Batch tasks go out in small chunks to whichever worker is
 * free and come back in task order, so the results are those of the serial runner whatever the scheduling.
 */
export class WorkerPool implements TaskRunner, SimulationBackend {
    private readonly slots: Slot[] = [];
    private readonly jobs: Job[] = [];
    private nextId = 1;
    private disposed = false;

    constructor(private readonly workerPath: string, readonly size = poolSize()) {}

    /** Simulates compiled scenarios on one worker; progress per arm. */
    simulate(compiled: CompiledScenario[], options: ScenarioRunOptions = {}): Promise<ScenarioResult[]> {
        return new Promise<ScenarioResult[]>((resolve, reject) => {
            const id = this.nextId++;
            const flag = new Int32Array(new SharedArrayBuffer(4));
            const job: Job = {
                id, units: 1, flag, isCancelled: options.isCancelled, reject, chunked: false, next: 0, finished: false,
                message: () => ({ type: 'run', id, compiled, cancelFlag: flag.buffer as SharedArrayBuffer }),
                accept: reply => {
                    if (reply.type === 'progress') {
                        options.onProgress?.(reply.done, reply.total, reply.label);
                        return false;
                    }
                    if (reply.type === 'done') {
                        this.finish(job);
                        resolve(reply.scenarios);
                    }
                    return true;
                }
            };
            this.enqueue(job, options.onCancel);
        });
    }

    /** Runs sweep, population or sensitivity tasks over the free workers; outputs in task order. */
    run(tasks: readonly SimTask[], options: PoolRunOptions = {}): Promise<TaskOutput[]> {
        if (tasks.length === 0) return Promise.resolve([]);
        return new Promise<TaskOutput[]>((resolve, reject) => {
            const id = this.nextId++;
            const flag = new Int32Array(new SharedArrayBuffer(4));
            const outputs = new Array<TaskOutput>(tasks.length);
            let done = 0;
            const job: Job = {
                id, units: tasks.length, flag, isCancelled: options.isCancelled, reject, chunked: true, next: 0, finished: false,
                message: (first, count) => ({ type: 'tasks', id, first, tasks: tasks.slice(first, first + count), cancelFlag: flag.buffer as SharedArrayBuffer }),
                accept: reply => {
                    if (reply.type !== 'outputs') return true;
                    reply.outputs.forEach((out, i) => { outputs[reply.first + i] = out; });
                    done += reply.outputs.length;
                    options.onProgress?.(done, tasks.length);
                    if (done === tasks.length) {
                        this.finish(job);
                        resolve(outputs);
                    }
                    return true;
                }
            };
            this.enqueue(job, options.onCancel);
        });
    }

    dispose(): void {
        this.disposed = true;
        for (const job of [...this.jobs]) this.fail(job, new WorkerPoolError('cancelled', 'simulation cancelled'));
        for (const slot of this.slots.splice(0)) void slot.worker.terminate();
    }

    private enqueue(job: Job, onCancel: ((cancel: () => void) => void) | undefined): void {
        onCancel?.(() => this.cancel(job));
        if (job.isCancelled) {
            const timer = setInterval(() => {
                if (job.finished) clearInterval(timer);
                else if (job.isCancelled!()) this.cancel(job);
            }, CANCEL_POLL_MS);
            timer.unref();
        }
        this.jobs.push(job);
        this.pump();
    }

    /** Cancelled work fails at once; its workers see the flag within one solver step, or are terminated after the grace period. */
    private cancel(job: Job): void {
        if (job.finished) return;
        this.fail(job, new WorkerPoolError('cancelled', 'simulation cancelled'));
        const stuck = this.slots.filter(s => s.job === job);
        if (stuck.length > 0) {
            setTimeout(() => { for (const s of stuck) if (s.job === job) void s.worker.terminate(); }, CANCEL_GRACE_MS).unref();
        }
    }

    private pump(): void {
        if (this.disposed) return;
        const waiting = () => this.jobs.filter(j => j.next < j.units);
        while (this.slots.length < this.size && waiting().length > 0) {
            const idle = this.slots.filter(s => !s.job).length;
            const units = waiting().reduce((n, j) => n + j.units - j.next, 0);
            if (idle >= units) break;
            this.slots.push(this.spawn());
        }
        for (const slot of this.slots) {
            if (slot.job) continue;
            const job = this.jobs.find(j => j.next < j.units);
            if (!job) break;
            // Several short tasks per message keep the messaging cost small; eight chunks per worker keep the load balanced.
            const count = job.chunked ? Math.max(1, Math.min(MAX_CHUNK, Math.ceil((job.units - job.next) / (this.size * 8)))) : job.units;
            const first = job.next;
            job.next += count;
            slot.job = job;
            slot.worker.ref();
            slot.worker.postMessage(job.message(first, count));
        }
    }

    private spawn(): Slot {
        const worker = new Worker(this.workerPath, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
        const slot: Slot = { worker };
        let crash = 'a simulation worker stopped unexpectedly';
        worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
        worker.on('error', error => { crash = `a simulation worker crashed: ${error.message}`; });
        worker.on('exit', () => {
            const index = this.slots.indexOf(slot);
            if (index >= 0) this.slots.splice(index, 1);
            const job = slot.job;
            slot.job = undefined;
            if (job && !job.finished) this.fail(job, new WorkerPoolError('worker-crashed', `${crash}; it is restarted for the next run`));
            this.pump();
        });
        // Idle workers must not keep the process alive.
        worker.unref();
        return slot;
    }

    private onReply(slot: Slot, reply: WorkerReply): void {
        const job = slot.job;
        if (!job || reply.id !== job.id) return;
        const free = job.finished || reply.type === 'failed' ? (reply.type !== 'progress') : job.accept(reply);
        if (!job.finished && reply.type === 'failed') this.fail(job, poolErrorOf(reply.error));
        if (!free) return;
        slot.job = undefined;
        slot.worker.unref();
        this.pump();
    }

    private fail(job: Job, error: WorkerPoolError): void {
        if (job.finished) return;
        Atomics.store(job.flag, 0, 1);
        this.finish(job);
        job.reject(error);
    }

    private finish(job: Job): void {
        job.finished = true;
        job.next = job.units;
        const index = this.jobs.indexOf(job);
        if (index >= 0) this.jobs.splice(index, 1);
    }
}

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

/** The pool when the bundled worker exists beside this script and there is more than one worker to use; otherwise this thread. */
export function workerPoolOrSerial(workerPath: string, exists: (p: string) => boolean, size = poolSize()): TaskRunner & { dispose?: () => void } {
    return size > 1 && exists(workerPath) ? new WorkerPool(workerPath, size) : serialRunner;
}
