/*
 * Scaling benchmarks (issue 14 items 2 and 6), part of `npm run bench` (bench/run.ts):
 * - the same 1,000-run sweep on worker threads (the product's pool) and on child processes (a fork pool
 *   written here only to measure it), with 1 and with all cores; results must be identical;
 * - peak RSS of `osteo run`-like population runs of 1,000 and 10,000 patients, each in a fresh process
 *   (the 10,000 one is above STREAMING_ABOVE, so it keeps streaming percentiles, not every series).
 * `node out/bench.js --scale-only` runs just these.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { armsOnly, runAnalyses, runTask, simulateCompiled, sweepTasks, type SimTask, type TaskOutput } from '../simulator/index.js';
import { poolSize, WorkerPool } from '../runtime/worker-pool.js';
import { BENCH_SWEEP, compileBenchText } from './sweep-bench.js';

const population = (size: number) => `
scenario Crowd {
    duration 6 months
    sample every 4 weeks
    condition rheumatoid_arthritis { severity high }
    arm untreated { }
    population Patients {
        size ${size}
        seed 5
        vary rankl_per_tnf lognormal 30 %
        vary oc_apoptosis uniform 0.5 to 0.9
    }
}`;


/** In a forked child (OSTEO_BENCH_CHILD=1): run the tasks each message carries and send the outputs back. */
export function serveChildIfAsked(): boolean {
    if (process.env.OSTEO_BENCH_CHILD !== '1') return false;
    process.on('message', (message: { id: number; tasks: SimTask[] }) => {
        process.send!({ id: message.id, outputs: message.tasks.map(t => runTask(t)) });
    });
    return true;
}

/** A pool of forked processes, chunked like the worker pool (≤ 16 tasks a message), results in task order. */
async function runOnChildren(tasks: readonly SimTask[], size: number): Promise<{ seconds: number; outputs: TaskOutput[] }> {
    const children: ChildProcess[] = Array.from({ length: size }, () => fork(process.argv[1], [], { env: { ...process.env, OSTEO_BENCH_CHILD: '1' }, stdio: 'ignore', serialization: 'advanced' }));
    try {
        const run = (batch: readonly SimTask[]) => new Promise<TaskOutput[]>((resolve) => {
            const outputs = new Array<TaskOutput>(batch.length);
            let next = 0, done = 0, id = 0;
            const starts = new Map<number, number>();
            const send = (child: ChildProcess) => {
                if (next >= batch.length) return;
                const count = Math.max(1, Math.min(16, Math.ceil((batch.length - next) / (size * 8))));
                starts.set(++id, next);
                child.send({ id, tasks: batch.slice(next, next + count) });
                next += count;
            };
            for (const child of children) {
                child.removeAllListeners('message');
                child.on('message', (reply: { id: number; outputs: TaskOutput[] }) => {
                    const first = starts.get(reply.id)!;
                    reply.outputs.forEach((o, i) => { outputs[first + i] = o; });
                    done += reply.outputs.length;
                    if (done === batch.length) resolve(outputs);
                    else send(child);
                });
                send(child);
            }
        });
        // Warm, as for the threads: two untimed sweeps first (a fresh process spends its first ~2,000 runs in V8's optimiser).
        await run(tasks);
        await run(tasks);
        const started = performance.now();
        const outputs = await run(tasks);
        return { seconds: (performance.now() - started) / 1000, outputs };
    } finally {
        for (const child of children) child.kill();
    }
}

async function runOnThreads(tasks: readonly SimTask[], size: number, worker: string): Promise<{ seconds: number; outputs: TaskOutput[] }> {
    const pool = new WorkerPool(worker, size);
    try {
        await pool.run(tasks);
        await pool.run(tasks);
        const started = performance.now();
        const outputs = await pool.run(tasks);
        return { seconds: (performance.now() - started) / 1000, outputs };
    } finally {
        pool.dispose();
    }
}

export async function runPoolComparison(log: (line: string) => void): Promise<void> {
    const tasks = sweepTasks((await compileBenchText(BENCH_SWEEP))[0].sweeps![0]);
    const worker = path.join(path.dirname(process.argv[1]), 'simulation-worker.js');
    const cores = Math.max(1, availableParallelism());
    log(`${tasks.length}-run sweep (bench/scale-bench.ts); pool size here: ${poolSize()} (OSTEO_WORKERS, SLURM_CPUS_PER_TASK or cores); load average before: ${loadavg().map(x => x.toFixed(1)).join(', ')}`);
    log('');
    log('Warm pools (after two untimed sweeps each; bench/sweep-bench.ts explains cold against warm).');
    log('');
    log('| pool | 1 worker (s) | ' + `${cores} workers (s) | speed-up | results |`);
    log('|---|---|---|---|---|');
    let reference: string | undefined;
    for (const [name, run] of [['worker threads', (n: number) => runOnThreads(tasks, n, worker)], ['child processes', (n: number) => runOnChildren(tasks, n)]] as const) {
        const one = await run(1);
        const all = await run(cores);
        const text = JSON.stringify(all.outputs);
        reference ??= JSON.stringify(one.outputs);
        const same = text === reference && JSON.stringify(one.outputs) === reference;
        log(`| ${name} | ${one.seconds.toFixed(2)} | ${all.seconds.toFixed(2)} | ×${(one.seconds / all.seconds).toFixed(2)} | ${same ? 'identical' : 'DIFFER'} |`);
    }
    log('');
    log(`Load average after: ${loadavg().map(x => x.toFixed(1)).join(', ')} on ${cores} cores; a speed-up on a shared machine measures the neighbours as much as the pool.`);
}

/** In a fresh process (`--population-rss N`): run an N-patient population on the pool and print peak RSS and time as JSON. */
export async function populationRssChild(size: number): Promise<void> {
    const compiled = await compileBenchText(population(size));
    const pool = new WorkerPool(path.join(path.dirname(process.argv[1]), 'simulation-worker.js'), poolSize());
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const started = performance.now();
    try {
        const arms = simulateCompiled(armsOnly(compiled));
        const [scenario] = await runAnalyses(compiled, arms, pool);
        peak = Math.max(peak, process.memoryUsage().rss);
        const median = scenario.populations![0].arms[0].median['bmd.lumbar_spine'];
        process.stdout.write(JSON.stringify({ size, seconds: (performance.now() - started) / 1000, peakRssMb: peak / 2 ** 20, medianEnd: median[median.length - 1] }) + '\n');
    } finally {
        clearInterval(timer);
        pool.dispose();
    }
}

export function runPopulationMemory(log: (line: string) => void): void {
    log('| patients | percentiles | time (s) | peak RSS (MB) | median BMD at 6 months (%) |');
    log('|---|---|---|---|---|');
    for (const size of [1000, 10_000]) {
        const r = spawnSync(process.execPath, [process.argv[1], '--population-rss', String(size)], { encoding: 'utf8', timeout: 1_800_000 });
        const line = r.stdout.trim().split('\n').pop() ?? '';
        try {
            const f = JSON.parse(line) as { seconds: number; peakRssMb: number; medianEnd: number };
            log(`| ${size.toLocaleString('en')} | ${size > 2000 ? 'streaming (P²)' : 'exact'} | ${f.seconds.toFixed(1)} | ${f.peakRssMb.toFixed(0)} | ${f.medianEnd.toFixed(3)} |`);
        } catch {
            log(`| ${size} | failed: ${(r.stderr || line).trim().split('\n').pop()} | | | |`);
        }
    }
    log('');
    log(`Load average: ${loadavg().map(x => x.toFixed(1)).join(', ')}.`);
}
