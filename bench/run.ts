/**
 * `npm run bench`: (a) the solver on a 10-year, four-arm scenario; (b) the same arms through the exported SciPy
 * script (LSODA, rtol 1e-6): steps and evaluations on both sides, speed ratios warm and in a fresh process, largest
 * BMD difference (bench/solver-comparison.ts); (c) language-server latencies over the real
 * protocol on a generated 50-file workspace; (e) the server under a typing burst. Prints the figures and writes them to docs/performance.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { isModel } from '../language/src/generated/ast.js';
import { createOsteoServices } from '../language/src/osteo-module.js';
import { compileDocument } from '../language/src/compiler/compile-document.js';
import { type ArmResult, type ModelDescription, simulateArm } from '../simulator/index.js';
import { loadDocuments } from '../language/src/workspace/document-loader.js';
import { LspClient } from './lsp-client.js';
import { runSolverComparison } from './solver-comparison.js';
import { runSweepBench } from './sweep-bench.js';
import { describeCeiling, measureParallelCeiling, type ParallelCeiling } from './parallel-ceiling.js';
import { populationRssChild, runPoolComparison, runPopulationMemory, serveChildIfAsked } from './scale-bench.js';
import { runEditorLoadBench } from './editor-load-bench.js';
import { dataDiagnosticsSeconds, runFitBench } from './fit-bench.js';
import { generateWorkspace } from './workspace.js';

const ROOT = path.resolve(__dirname, '..');
const SCENARIO_FILE = path.join(ROOT, 'bench', 'ra-ten-years.osteo');
const report: string[] = [];
const say = (line = '') => { console.log(line); report.push(line); };

const quantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

async function loadArms(): Promise<ModelDescription[]> {
    const { shared } = createOsteoServices({ ...NodeFileSystem });
    const loaded = await loadDocuments(shared, [URI.file(SCENARIO_FILE)]);
    const model = loaded.roots[0]?.parseResult.value;
    if (!isModel(model)) throw new Error(`${SCENARIO_FILE} did not load`);
    return compileDocument(model)[0].arms;
}

/** (a) Our solver: first run in this process (as `osteo run` does it, JIT warm-up included), then warm. */
function solverFigures(arms: ModelDescription[]): ArmResult[] {
    say('## (a) Solver: 10-year RA scenario, four arms, biweekly adalimumab (bench/ra-ten-years.osteo)');
    say();
    say('| arm | doses | steps | RHS evaluations | first run (ms) | warm median of 5 (ms) | warm CPU (ms) |');
    say('|---|---|---|---|---|---|---|');
    const results: ArmResult[] = [];
    let firstTotal = 0, warmTotal = 0;
    for (const arm of arms) {
        const first = simulateArm(arm);
        results.push(first);
        const walls: number[] = [], cpus: number[] = [];
        for (let k = 0; k < 5; k++) {
            const cpu = process.cpuUsage();
            const r = simulateArm(arm);
            cpus.push(process.cpuUsage(cpu).user / 1000);
            walls.push(r.stats.solveSeconds * 1000);
        }
        const warm = quantile(walls, 0.5);
        firstTotal += first.stats.solveSeconds * 1000;
        warmTotal += warm;
        say(`| ${arm.arm} | ${arm.doses.length} | ${first.stats.steps} | ${first.stats.rhsEvaluations} | ${ms(first.stats.solveSeconds * 1000)} | ${ms(warm)} | ${ms(quantile(cpus, 0.5))} |`);
    }
    say(`| **all four arms** | | | | **${ms(firstTotal)}** | **${ms(warmTotal)}** | |`);
    say();
    say(`Target (issue 14): the four arms in < 0.2 s warm: ${warmTotal < 200 ? 'met' : `**missed** (${ms(warmTotal)})`}. `
        + 'The steps are set by accuracy, not by restarts: TNF-α in the inflamed joint follows each dose\'s absorption, and LSODA '
        + 'needs as many steps at the same tolerance (part (b)); carrying the BDF history across a dose (value and slope corrected) '
        + 'took 10 % more steps, and rtol 1e-4 (BMD within 1.3e-5 pp) removes only 38 % of them. '
        + `${(1000 * warmTotal / results.reduce((n, r) => n + r.stats.steps, 0)).toFixed(1)} µs per step (${results.length} arms).`);
    say();
    return results;
}

/** (c) The language server over stdio on a generated workspace. */
async function serverFigures(): Promise<void> {
    say('## (c) Language server over LSP (`node out/server.js --stdio`)');
    say();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-bench-ws-'));
    const { big, lines } = generateWorkspace(dir);
    const client = new LspClient(path.join(ROOT, 'out', 'server.js'));
    try {
        const rootUri = URI.file(dir).toString();
        const bigUri = URI.file(big).toString();
        const text = fs.readFileSync(big, 'utf8');
        const diagnosticsFor = (version?: number) => client.next('textDocument/publishDiagnostics',
            p => p.uri === bigUri && (version === undefined || p.version === undefined || p.version === version), 120_000);
        const started = performance.now();
        await client.request('initialize', {
            processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
            capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: {}, publishDiagnostics: { versionSupport: true } }, workspace: { workspaceFolders: true } }
        });
        client.notify('initialized', {});
        const first = diagnosticsFor(1);
        client.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'osteo', version: 1, text } });
        const firstDiagnostics = await first;
        const toFirst = performance.now() - started;
        const errors = (firstDiagnostics.diagnostics as { severity?: number }[]).filter(d => d.severity === 1).length;

        // One-character edits in the middle of the file: add a character to a comment, then remove it.
        const docLines = text.split('\n');
        const editLine = docLines.findIndex((l, i) => i > lines / 2 && l.startsWith('/** Regimen'));
        const editChar = docLines[editLine].length - 3;
        const edits: number[] = [];
        for (let k = 0; k < 100; k++) {
            const version = k + 2;
            const insert = k % 2 === 0;
            const range = { start: { line: editLine, character: editChar }, end: { line: editLine, character: editChar + (insert ? 0 : 1) } };
            const done = diagnosticsFor(version);
            const t = performance.now();
            client.notify('textDocument/didChange', { textDocument: { uri: bigUri, version }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
            await done;
            edits.push(performance.now() - t);
        }

        // Completion after `give ` in an arm, and hover on a regimen referenced from another file.
        const giveLine = docLines.findIndex((l, i) => i > lines / 2 && l.includes('arm a1 { give R'));
        const giveChar = docLines[giveLine].indexOf('give ') + 5;
        const completion: number[] = [], hover: number[] = [];
        let items = 0;
        for (let k = 0; k < 50; k++) {
            let t = performance.now();
            const c = await client.request('textDocument/completion', { textDocument: { uri: bigUri }, position: { line: giveLine, character: giveChar } });
            completion.push(performance.now() - t);
            items = Array.isArray(c) ? c.length : c?.items?.length ?? 0;
            t = performance.now();
            await client.request('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: giveLine, character: giveChar + 2 } });
            hover.push(performance.now() - t);
        }
        const rss = client.rssMb();
        const target = (value: number, limit: number) => (value < limit ? `met (< ${limit} ms)` : `**missed** (target < ${limit} ms)`);
        say(`Workspace: 50 files (49 × ~80 lines importing each other in a chain, plus ${path.basename(big)} with ${lines} lines importing 10 of them, ${errors} errors).`);
        say();
        say('| measure | p50 | p95 | target |');
        say('|---|---|---|---|');
        say(`| open to first diagnostics of the 5,000-line file (incl. initialize and workspace load) | ${ms(toFirst)} | | |`);
        say(`| edit → diagnostics, one-character edit, 100 edits | ${ms(quantile(edits, 0.5))} | ${ms(quantile(edits, 0.95))} | ${target(quantile(edits, 0.95), 100)} |`);
        say(`| completion after \`give \` (${items} items), 50 requests | ${ms(quantile(completion, 0.5))} | ${ms(quantile(completion, 0.95))} | ${target(quantile(completion, 0.95), 50)} |`);
        say(`| hover on a cross-file regimen reference, 50 requests | ${ms(quantile(hover, 0.5))} | ${ms(quantile(hover, 0.95))} | ${target(quantile(hover, 0.95), 50)} |`);
        say(`| server memory (RSS) after the run | ${rss.toFixed(0)} MB | | |`);
        say();
    } finally {
        await client.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const EDITOR_HEADING = '## (d) The language server under a typing burst (bench/editor-load-bench.ts)';

/** Puts `section` in place of section (d) of docs/performance.md (or after (c) when it has none). */
function replaceEditorSection(section: string[]): void {
    const file = path.join(ROOT, 'docs', 'performance.md');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const start = lines.indexOf(EDITOR_HEADING);
    const next = (from: number) => { const i = lines.findIndex((l, k) => k > from && l.startsWith('## ')); return i < 0 ? lines.length : i; };
    const at = start >= 0 ? start : next(lines.findIndex(l => l.startsWith('## (c)')));
    const end = start >= 0 ? next(start) : at;
    lines.splice(at, end - at, ...section, '');
    fs.writeFileSync(file, lines.join('\n'));
    console.log('Wrote section (d) of docs/performance.md');
}

function machine(): string {
    const cpus = os.cpus();
    return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB memory, `
        + `load average ${os.loadavg()[0].toFixed(1)} at start, Node ${process.version}, ${os.type()} ${os.release()}`;
}

/** The pool's speed-up against the issue's target and against what the machine itself gives (bench/parallel-ceiling.ts). */
function poolVerdict(speedUp: number, ceiling: ParallelCeiling): string {
    const target = 1.85;
    const verdict = speedUp >= target ? 'met' : speedUp >= 0.9 * ceiling.ceiling
        ? `**missed**, but the pool reaches ${(100 * speedUp / ceiling.ceiling).toFixed(0)} % of what ${ceiling.cores} separate processes reach on this machine: the cores, not the pool, set the limit`
        : `**missed**: ${(100 * speedUp / ceiling.ceiling).toFixed(0)} % of what ${ceiling.cores} separate processes reach on this machine`;
    return `Speed-up from one worker to all cores, warm pool: ×${speedUp.toFixed(2)} (target ≥ ${target} on two cores: ${verdict}). ${describeCeiling(ceiling)}`;
}

async function scaleFigures(): Promise<void> {
    say('## (g) Worker threads against child processes on the same sweep (bench/scale-bench.ts)');
    say();
    await runPoolComparison(line => say(line));
    say();
    say(describeCeiling(await measureParallelCeiling()));
    say();
    say('## (h) Memory of large populations (bench/scale-bench.ts)');
    say();
    runPopulationMemory(line => say(line));
    say();
}

async function main(): Promise<void> {
    // Processes this bench starts itself: a child of the fork pool, a population measured in a fresh process.
    if (serveChildIfAsked()) return;
    const rss = process.argv.indexOf('--population-rss');
    if (rss >= 0) return populationRssChild(Number(process.argv[rss + 1]));
    const header = ['# Performance', '', '_Generated by `npm run bench` (bench/run.ts); do not edit by hand._', '',
        `Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}.`, ''];
    header.forEach(l => console.log(l));
    if (process.argv.includes('--editor-only')) {
        // The typing-burst figures alone; with --write they replace section (d) of docs/performance.md, which then
        // names its own machine load (the other sections keep theirs).
        say(EDITOR_HEADING);
        say();
        say(`Measured on its own (\`node out/bench.js --editor-only --write\`): ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}.`);
        say();
        await runEditorLoadBench(ROOT, line => say(line));
        if (process.argv.includes('--write')) replaceEditorSection(report);
        return;
    }
    if (process.argv.includes('--scale-only')) {
        // The pool and population-memory figures alone; leaves docs/performance.md alone.
        await scaleFigures();
        return;
    }
    if (process.argv.includes('--lsp-only')) {
        // For iterating on the language server: prints its figures, leaves docs/performance.md alone.
        await serverFigures();
        return;
    }
    const arms = await loadArms();
    if (process.argv.includes('--solver-only')) {
        // For iterating on the solver: parts (a) and (b), docs/performance.md left alone.
        solverFigures(arms);
        runSolverComparison(ROOT, SCENARIO_FILE, arms, say);
        return;
    }
    solverFigures(arms);
    runSolverComparison(ROOT, SCENARIO_FILE, arms, say);
    await serverFigures();
    say(EDITOR_HEADING);
    say();
    await runEditorLoadBench(ROOT, line => say(line));
    say();
    say('## (e) A 1,000-run sweep on the worker pool (bench/sweep-bench.ts)');
    say();
    const sweep = await runSweepBench(line => say(line));
    say();
    const ceiling = await measureParallelCeiling();
    say(poolVerdict(sweep.speedUp, ceiling));
    say();
    say(`Cold, fresh workers reach ×${sweep.coldSpeedUp.toFixed(2)}: each spends its first ~2,000 runs with V8 optimising the model on a background `
        + 'thread, which a lone worker runs on the idle core for free (bench/sweep-bench.ts).');
    say();
    say('## (f) Observed data and fitting (bench/fit-bench.ts)');
    say();
    await dataDiagnosticsSeconds(line => say(line));
    say();
    await runFitBench(line => say(line));
    say();
    await scaleFigures();
    fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'docs', 'performance.md'), [...header, ...report].join('\n'));
    console.log('Wrote docs/performance.md');
}

main().catch(error => {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(1);
});
