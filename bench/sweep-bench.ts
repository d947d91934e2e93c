/*
 * Sweep benchmark: a 1,000-run parameter sweep (untreated active RA, 6 months) on the worker pool with
 * one worker and with one worker per core; prints runs per second and the speed-up, and checks that
 * both give the same results. Two figures: **cold**, the first sweep on fresh workers (what one `osteo run` sees), and
 * **warm**, the third sweep on the same workers (what the language server's long-lived pool sees). They differ because a
 * fresh worker spends its first ~2,000 runs having V8 optimise the model on a background compiler thread: alone, that
 * thread uses the idle second core for free; with a worker per core it competes with them (measured: a serial process
 * uses 1.26 cores for its first 1,000 runs, 1.01 after 3,000). Needs out/simulation-worker.js (node esbuild.js). Standalone:
 *   node esbuild.js && node_modules/.bin/esbuild bench/sweep-bench.ts --bundle --platform=node --loader:.osteo=text --outfile=out/sweep-bench.js && node out/sweep-bench.js
 */
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { EmptyFileSystem, URI } from 'langium';
import type { Model } from '../language/src/generated/ast.js';
import { createOsteoServices } from '../language/src/osteo-module.js';
import { sweepTasks } from '../simulator/index.js';
import { compileDocument } from '../language/src/compiler/compile-document.js';
import { WorkerPool } from '../runtime/worker-pool.js';

/** The 1,000-run sweep both pool benchmarks time (here and bench/scale-bench.ts). */
export const BENCH_SWEEP = `
scenario Bench {
    duration 6 months
    sample every 1 week
    condition rheumatoid_arthritis { severity high }
    sweep Coupling {
        vary rankl_per_tnf from 0.01 to 10 step 0.01
        measure bmd at lumbar_spine
    }
}`;

/** Compiles a scenario text the way the editor would (standard library loaded, no files). */
export async function compileBenchText(text: string) {
    const { shared } = createOsteoServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///bench.osteo'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document]);
    return compileDocument(document.parseResult.value as Model);
}

export interface SweepFigures { readonly runsPerSecond: number; readonly speedUp: number; readonly coldSpeedUp: number; }

export async function runSweepBench(log: (line: string) => void = console.log): Promise<SweepFigures> {
    const tasks = sweepTasks((await compileBenchText(BENCH_SWEEP))[0].sweeps![0]);
    const worker = path.join(__dirname, 'simulation-worker.js');
    const cores = Math.max(1, availableParallelism());

    const timed = async (size: number) => {
        const pool = new WorkerPool(worker, size);
        const pass = async () => {
            const started = performance.now();
            const outputs = await pool.run(tasks);
            return { seconds: (performance.now() - started) / 1000, outputs };
        };
        try {
            await pool.run(tasks.slice(0, size)); // start the workers outside the timing
            const cold = await pass();
            await pass();
            const warm = await pass();
            return { cold, warm };
        } finally {
            pool.dispose();
        }
    };
    const one = await timed(1);
    const all = await timed(cores);
    const reference = JSON.stringify(one.cold.outputs);
    const same = [one.warm, all.cold, all.warm].every(r => JSON.stringify(r.outputs) === reference);
    const runsPerSecond = tasks.length / all.warm.seconds;
    const speedUp = one.warm.seconds / all.warm.seconds;
    const coldSpeedUp = one.cold.seconds / all.cold.seconds;
    const line = (name: string, a: { seconds: number }, b: { seconds: number }) =>
        `${name}: 1 worker ${a.seconds.toFixed(2)} s (${(tasks.length / a.seconds).toFixed(1)} runs/s) · ${cores} workers ${b.seconds.toFixed(2)} s `
        + `(${(tasks.length / b.seconds).toFixed(1)} runs/s) · speed-up ×${(a.seconds / b.seconds).toFixed(2)}`;
    log(`sweep: ${tasks.length} runs · results ${same ? 'identical' : 'DIFFER'} in every pass`);
    log('');
    log(`- ${line('warm (third sweep on the same workers, as the language server\'s pool)', one.warm, all.warm)}`);
    log(`- ${line('cold (first sweep on fresh workers, as one osteo run)', one.cold, all.cold)}`);
    return { runsPerSecond, speedUp, coldSpeedUp };
}

// Standalone only: bundled into bench/run.ts's out/bench.js, the caller runs it.
if (require.main === module && /sweep-bench/.test(process.argv[1] ?? '')) {
    runSweepBench().catch(error => {
        console.error(error);
        process.exitCode = 1;
    });
}
