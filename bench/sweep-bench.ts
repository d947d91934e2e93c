/*
 * Sweep benchmark: a 1,000-run parameter sweep (untreated active RA, 6 months) on the worker pool with
 * one worker and with one worker per core; prints runs per second and the speed-up, and checks that
 * both give the same results. Needs out/simulation-worker.js (node esbuild.js). Standalone:
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

const TEXT = `
scenario Bench {
    duration 6 months
    sample every 1 week
    condition rheumatoid_arthritis { severity high }
    sweep Coupling {
        vary rankl_per_tnf from 0.01 to 10 step 0.01
        measure bmd at lumbar_spine
    }
}`;

export async function runSweepBench(log: (line: string) => void = console.log): Promise<{ runsPerSecond: number; speedUp: number }> {
    const { shared } = createOsteoServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const document = shared.workspace.LangiumDocumentFactory.fromString(TEXT, URI.parse('memory:///bench.osteo'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document]);
    const plan = compileDocument(document.parseResult.value as Model)[0].sweeps![0];
    const tasks = sweepTasks(plan);
    const worker = path.join(__dirname, 'simulation-worker.js');
    const cores = Math.max(1, availableParallelism());

    const timed = async (size: number) => {
        const pool = new WorkerPool(worker, size);
        try {
            await pool.run(tasks.slice(0, size)); // start the workers outside the timing
            const started = performance.now();
            const outputs = await pool.run(tasks);
            return { seconds: (performance.now() - started) / 1000, outputs };
        } finally {
            pool.dispose();
        }
    };
    const one = await timed(1);
    const all = await timed(cores);
    const same = JSON.stringify(one.outputs) === JSON.stringify(all.outputs);
    const runsPerSecond = tasks.length / all.seconds;
    const speedUp = one.seconds / all.seconds;
    log(`sweep: ${tasks.length} runs · 1 worker ${one.seconds.toFixed(2)} s (${(tasks.length / one.seconds).toFixed(1)} runs/s) · ` +
        `${cores} workers ${all.seconds.toFixed(2)} s (${runsPerSecond.toFixed(1)} runs/s) · speed-up ×${speedUp.toFixed(2)} · results ${same ? 'identical' : 'DIFFER'}`);
    return { runsPerSecond, speedUp };
}

// Standalone only: bundled into bench/run.ts's out/bench.js, the caller runs it.
if (require.main === module && /sweep-bench/.test(process.argv[1] ?? '')) {
    runSweepBench().catch(error => {
        console.error(error);
        process.exitCode = 1;
    });
}
