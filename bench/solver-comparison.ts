/**
 * `npm run bench` part (b): our solver against SciPy's LSODA on the same exported arms (`osteo export --format
 * python`, same rtol and per-state atol). Per arm: steps, right-hand-side and Jacobian evaluations on both sides
 * (deterministic, the main evidence), the largest BMD difference, and the speed ratio warm (both sides integration
 * only, ours after JIT warm-up) and in a fresh process (what a user runs: `osteo run` in a new Node process
 * against the script in a new Python process). Also `node out/bench.js --solver-only`, which leaves
 * docs/performance.md alone.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportPython, MODEL_INFO, type ModelDescription, simulateArm, type SolverStats } from '../simulator/index.js';

interface ScipyRun {
    series: Record<string, number[]>;
    solveSeconds: number;
    stats: { steps: number; rhsEvaluations: number; jacobianEvaluations: number; decompositions: number };
}

/** Targets of issue 14 item 1. */
const WARM_TARGET = 25, FRESH_TARGET = 10;

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const count = (n: number) => n.toLocaleString('en-US');

/** A python3 that imports scipy, installing Debian's python3-scipy only when none is found. */
export function findPython(): string | undefined {
    const works = (p: string) => spawnSync(p, ['-c', 'import numpy, scipy.integrate'], { encoding: 'utf8' }).status === 0;
    for (const p of [process.env.OSTEO_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p)) if (works(p)) return p;
    if (process.getuid?.() !== 0) return undefined;
    console.error('No python3 with scipy: installing Debian python3-scipy...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'python3-scipy'], { stdio: 'inherit', env });
    return works('/usr/bin/python3') ? '/usr/bin/python3' : undefined;
}

export function runSolverComparison(root: string, scenarioFile: string, arms: ModelDescription[], say: (line?: string) => void): void {
    say('## (b) Against SciPy LSODA on the same exported arms (`osteo export --format python`, rtol 1e-6, same per-state atol)');
    say();
    const python = findPython();
    if (!python) { say('Skipped: no python3 with numpy and scipy, and apt-get is not available to install python3-scipy.'); say(); return; }
    const version = spawnSync(python, ['-c', 'import scipy, sys; print(scipy.__version__, sys.version.split()[0])'], { encoding: 'utf8' }).stdout.trim();
    say(`SciPy ${version.split(' ')[0]}, Python ${version.split(' ')[1]}. Both sides integrate piecewise between doses with the `
        + 'same weighted max-norm error test; LSODA restarts at every dose (one `solve_ivp` per piece), ours carries its '
        + 'step size and Jacobian across a dose. RHS counts include the evaluations spent on finite-difference Jacobians '
        + '(LSODA: n per Jacobian; ours: grouped columns, 17 for these arms).');
    say();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-bench-py-'));
    const rows: string[] = [];
    let oursWarm = 0, theirsSolve = 0, theirsWall = 0, worstAll = 0;
    let oursRhs = 0, theirsRhs = 0;
    const misses: string[] = [];
    try {
        for (const arm of arms) {
            const script = path.join(dir, `${arm.arm}.py`);
            fs.writeFileSync(script, exportPython(arm, { version: 'bench', model: MODEL_INFO }));
            const started = performance.now();
            const r = spawnSync(python, [script, '--method', 'LSODA', '--rtol', '1e-6'], { encoding: 'utf8', maxBuffer: 256 << 20 });
            theirsWall += (performance.now() - started) / 1000;
            if (r.status !== 0) throw new Error(`${arm.arm}: the exported script failed: ${r.stderr.trim().split('\n').pop()}`);
            const theirs = JSON.parse(r.stdout) as ScipyRun;
            let solver!: SolverStats;
            const ours = simulateArm(arm, { onSolverStats: s => { solver = s; } }); // also the JIT warm-up
            const runs = [0, 1, 2, 3, 4].map(() => simulateArm(arm));
            const warm = median(runs.map(x => x.stats.solveSeconds));
            let worst = 0;
            for (const [key, values] of Object.entries(ours.series)) {
                if (!key.startsWith('bmd.')) continue;
                values.forEach((v, k) => { worst = Math.max(worst, Math.abs(v - theirs.series[key][k])); });
            }
            oursWarm += warm; theirsSolve += theirs.solveSeconds; worstAll = Math.max(worstAll, worst);
            oursRhs += ours.stats.rhsEvaluations; theirsRhs += theirs.stats.rhsEvaluations;
            if (ours.stats.rhsEvaluations > theirs.stats.rhsEvaluations) misses.push(arm.arm);
            rows.push(`| ${arm.arm} | ${arm.doses.length} | ${count(ours.stats.steps)} / ${count(theirs.stats.steps)} | `
                + `**${count(ours.stats.rhsEvaluations)}** / **${count(theirs.stats.rhsEvaluations)}** | `
                + `${count(solver.jacobianEvaluations)} / ${count(theirs.stats.jacobianEvaluations)} | `
                + `${ms(warm * 1000)} / ${ms(theirs.solveSeconds * 1000)} | ${(theirs.solveSeconds / warm).toFixed(1)}× | ${worst.toExponential(1)} |`);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    say('| arm | doses | steps ours / LSODA | RHS evaluations ours / LSODA | Jacobians ours / LSODA | warm solve ours / LSODA | ratio | largest BMD difference (pp) |');
    say('|---|---|---|---|---|---|---|---|');
    rows.forEach(r => say(r));
    const warmRatio = theirsSolve / oursWarm;
    say(`| **all arms** | | | **${count(oursRhs)}** / **${count(theirsRhs)}** | | **${ms(oursWarm * 1000)}** / **${ms(theirsSolve * 1000)}** | **${warmRatio.toFixed(1)}×** | **${worstAll.toExponential(1)}** |`);
    say();

    // A fresh CLI process: parse, compile and simulate every arm in a new Node process, JIT cold.
    const cli = path.join(root, 'out', 'cli.js');
    const started = performance.now();
    const run = spawnSync(process.execPath, [cli, 'run', scenarioFile, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const cliWall = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`osteo run failed: ${run.stderr.trim().split('\n').pop()}`);
    const result = JSON.parse(run.stdout) as { scenarios: { arms: { stats: { solveSeconds: number } }[] }[] };
    const freshSolve = result.scenarios.flatMap(s => s.arms).reduce((s, a) => s + a.stats.solveSeconds, 0);
    const freshRatio = theirsSolve / freshSolve;
    say(`Fresh process (\`osteo run ${path.relative(root, scenarioFile)}\` in a new Node process, JIT cold): integration `
        + `${ms(freshSolve * 1000)} against LSODA's ${ms(theirsSolve * 1000)}: **${freshRatio.toFixed(1)}×**; whole process `
        + `(start-up, parsing, compiling, all arms, JSON) ${ms(cliWall * 1000)} against ${ms(theirsWall * 1000)} for the four `
        + `SciPy scripts (Python start-up and imports included): ${(theirsWall / cliWall).toFixed(1)}×.`);
    say();
    const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
    say(`Targets (issue 14): RHS evaluations ≤ LSODA's on every arm: ${verdict(misses.length === 0)}`
        + `${misses.length ? ` (above on ${misses.join(', ')})` : ''}; warm ≥ ${WARM_TARGET}× LSODA: ${verdict(warmRatio >= WARM_TARGET)}; `
        + `fresh process ≥ ${FRESH_TARGET}×: ${verdict(freshRatio >= FRESH_TARGET)}. Wall-clock ratios depend on the load (stated above); counts do not.`);
    say();
}
