/*
 * Data and fitting benchmark (docs/data-and-fit.md): (1) time to first diagnostics for a `.osteo` file whose
 * data file is a 50 MB CSV (streamed, parsed in 1 MiB chunks), and (2) a fit of two parameters to 40
 * synthetic points with 4 starts and profile intervals, on one worker and on one worker per core.
 * Needs out/simulation-worker.js (node esbuild.js). Standalone:
 *   node esbuild.js && node_modules/.bin/esbuild bench/fit-bench.ts --bundle --platform=node --loader:.osteo=text --outfile=out/fit-bench.js && node out/fit-bench.js
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import type { Model } from '../language/src/generated/ast.js';
import { createOsteoServices } from '../language/src/osteo-module.js';
import { compileDocument } from '../language/src/compiler/compile-document.js';
import { dataFiles } from '../language/src/workspace/data-files.js';
import { runFit, simulateCompiled, type FitProblem } from '../simulator/index.js';
import { mulberry32, standardNormal } from '../simulator/analysis/random.js';
import { WorkerPool } from '../runtime/worker-pool.js';

const SCENARIO = `scenario Bench {
    duration 40 months
    sample every 1 week
    patient { age 50 years menopause at 50 years }
    condition postmenopausal_osteoporosis
}`;

async function services() {
    const { shared } = createOsteoServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    return shared;
}

/** Seconds from asking for validation to the diagnostics of a file reading a 50 MB CSV. */
export async function dataDiagnosticsSeconds(log: (line: string) => void): Promise<number> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-bench-data-'));
    try {
        const file = path.join(dir, 'big.csv');
        const out = fs.openSync(file, 'w');
        fs.writeSync(out, '# synthetic, for the benchmark\nmonth,bmd_pct,sd,arm,site,visit\n');
        // About 70 bytes a row: a 50 MB file of some 750,000 rows, under the 1,000,000-row limit.
        const row = (i: number) => `${(i % 3600) / 100},${(-(i % 500) / 100).toFixed(2)},0.5,${i % 2 ? 'placebo' : 'treated'},site-${i % 97},follow-up visit number ${i % 24} of the study\n`;
        let bytes = 0, rows = 0, chunk = '';
        while (bytes < 50 * 1024 * 1024 - 200) {
            const line = row(rows++);
            chunk += line;
            bytes += line.length;
            if (chunk.length > 1 << 20) { fs.writeSync(out, chunk); chunk = ''; }
        }
        fs.writeSync(out, chunk);
        fs.closeSync(out);
        const size = fs.statSync(file).size;
        const shared = await services();
        const text = `data Big {\n    file "big.csv"\n    time column "month" in months\n    value column "bmd_pct"\n    error column "sd" as sd\n    group column "arm"\n}\n`
            + 'scenario S {\n    duration 3 years\n    condition postmenopausal_osteoporosis\n    arm placebo {}\n    observe bmd at lumbar_spine in placebo from Big where "placebo"\n}\n';
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(pathToFileURL(path.join(dir, 'main.osteo')).toString()));
        shared.workspace.LangiumDocuments.addDocument(document);
        const started = performance.now();
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const seconds = (performance.now() - started) / 1000;
        const again = performance.now();
        await dataFiles.load(file);
        log(`data: ${(size / 1e6).toFixed(1)} MB CSV, ${rows.toLocaleString('en-US')} rows: first diagnostics after ${seconds.toFixed(2)} s `
            + `(${(document.diagnostics ?? []).length} diagnostics: ${(document.diagnostics ?? []).map(d => d.code).join(', ') || 'none'}); cached re-load ${((performance.now() - again) * 1000).toFixed(0)} µs`);
        return seconds;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** A two-parameter fit to 40 noisy points simulated with known values. */
async function benchProblem(): Promise<FitProblem> {
    const shared = await services();
    const document = shared.workspace.LangiumDocumentFactory.fromString(SCENARIO, URI.parse('memory:///fit-bench.osteo'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document]);
    const [compiled] = compileDocument(document.parseResult.value as Model);
    const times = Array.from({ length: 40 }, (_, i) => (i + 1) * 30.4375);
    const desc = { ...compiled.arms[0], sampleTimes: [0, ...times], parameters: { bmd_goc_lumbar_spine: 0.3, bmd_kout_lumbar_spine: 0.0009 } };
    const [truth] = simulateCompiled([{ ...compiled, arms: [desc] }]);
    const random = mulberry32(7);
    const values = times.map((_, i) => truth.arms[0].series['bmd.lumbar_spine'][i + 1] + 0.25 * standardNormal(random));
    return {
        scenario: 'Bench', fit: 'Bench', arms: [{ ...desc, parameters: {} }],
        observations: [{ data: 'Synthetic', arm: desc.arm, series: 'bmd.lumbar_spine', group: null, times, values, errors: times.map(() => 0.25) }],
        estimates: [
            { name: 'bmd_goc_lumbar_spine', arm: null, lo: 0.01, hi: 3, scale: 'log', unit: '–' },
            { name: 'bmd_kout_lumbar_spine', arm: null, lo: 0.0001, hi: 0.01, scale: 'log', unit: '/day' }
        ],
        starts: 4, seed: 1
    };
}

export async function runFitBench(log: (line: string) => void = console.log): Promise<{ oneWorker: number; allCores: number }> {
    const problem = await benchProblem();
    const worker = path.join(__dirname, 'simulation-worker.js');
    const cores = Math.max(1, os.availableParallelism());
    const timed = async (size: number) => {
        const pool = new WorkerPool(worker, size);
        try {
            const started = performance.now();
            const result = await runFit(problem, pool);
            return { seconds: (performance.now() - started) / 1000, result };
        } finally {
            pool.dispose();
        }
    };
    const one = await timed(1);
    const all = await timed(cores);
    const same = JSON.stringify(one.result.estimates) === JSON.stringify(all.result.estimates);
    const est = all.result.estimates.map(e => `${e.name} ${e.value} [${e.ci95.join(', ')}]`).join('; ');
    log(`fit: 2 parameters, 40 points, ${problem.starts} starts + profiles · 1 worker ${one.seconds.toFixed(1)} s · ${cores} workers ${all.seconds.toFixed(1)} s `
        + `· speed-up ×${(one.seconds / all.seconds).toFixed(2)} · estimates ${same ? 'identical' : 'DIFFER'} (${est}; truth 0.3 and 0.0009)`);
    return { oneWorker: one.seconds, allCores: all.seconds };
}

if (require.main === module && /fit-bench/.test(process.argv[1] ?? '')) {
    (async () => {
        await dataDiagnosticsSeconds(console.log);
        if (!process.argv.includes('--data-only')) await runFitBench();
    })().catch(error => {
        console.error(error);
        process.exitCode = 1;
    });
}
