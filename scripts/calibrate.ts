/**
 * `npm run calibrate`: fits the free parameters of the model (scripts/calibration/free-parameters.ts)
 * to the anchors of model.md §8 by Nelder–Mead with restarts, stage by stage, and writes the fitted
 * values with each anchor's residuals to simulator/model/calibration.json.
 *
 * Runs on a time budget (default 540 s) and checkpoints to out/calibration/checkpoint.json: when the
 * budget runs out it exits with code 2 and the next run resumes. `--fresh` starts over.
 *
 * `--loo` instead cross-validates the calibration (leave one anchor out, refit, predict it) and writes
 * 95 % parameter intervals (scripts/calibration/cross-validation.ts); `--full` refits each held-out
 * case to convergence (all parameters) instead of the linearised refit; `--anchors R08,R11` holds out only those.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAnchorScenarios } from './calibration/load-anchors.js';
import { evaluateObjective, residualVector, withFitted } from './calibration/objective.js';
import { FitCancelledError, levenbergMarquardt } from '../simulator/fit/levenberg-marquardt.js';
import { FIT_STAGES, FREE_PARAMETERS, type FreeParameter } from './calibration/free-parameters.js';
import { best, initialSimplex, iterate, spread, type SimplexState } from '../simulator/fit/nelder-mead.js';
import { fromUnit, toUnit } from '../simulator/fit/parameter-scale.js';
import { ANCHORS, residual } from './calibration/anchors.js';
import { crossValidate } from './calibration/cross-validation.js';

const ROOT = process.cwd();
const CALIBRATION = path.join(ROOT, 'simulator/model/calibration.json');
const CHECKPOINT = path.join(ROOT, 'out/calibration/checkpoint.json');
/** Solver tolerance inside the fit: anchor values agree with rtol 1e-6 to < 0.01 pp at a third of the cost. */
const FIT_RTOL = 1e-4;

interface Checkpoint {
    readonly stages: string[];
    stage: number;
    restart: number;
    simplex?: SimplexState;
    fitted: Record<string, number>;
    log: string[];
}

const byName = new Map(FREE_PARAMETERS.map(p => [p.name, p]));
// The fitting engine's unit box (simulator/fit/parameter-scale.ts): log or linear between the bounds.
const scaled = (p: FreeParameter) => ({ lo: p.lo, hi: p.hi, scale: p.log ? 'log' as const : 'linear' as const });
const encode = (p: FreeParameter, v: number) => toUnit(scaled(p), v);
const decode = (p: FreeParameter, x: number) => fromUnit(scaled(p), x);

interface Args { budget: number; fresh: boolean; loo: boolean; full: boolean; anchors?: string[] }

function parseArgs(argv: string[]): Args {
    const args: Args = { budget: 540, fresh: false, loo: false, full: false };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--budget') args.budget = Number(argv[++i]);
        else if (argv[i] === '--fresh') args.fresh = true;
        else if (argv[i] === '--loo') args.loo = true;
        else if (argv[i] === '--full') args.full = true;
        else if (argv[i] === '--anchors') args.anchors = (argv[++i] ?? '').split(',').map(s => s.trim()).filter(Boolean);
        else throw new Error(`unknown option ${argv[i]} (expected --budget SECONDS, --fresh, --loo, --full or --anchors R08,R11)`);
    }
    if (!(args.budget > 0)) throw new Error('--budget needs a positive number of seconds');
    if ((args.full || args.anchors) && !args.loo) throw new Error('--full and --anchors go with --loo');
    const weighted = new Set(ANCHORS.filter(a => a.weight > 0).map(a => a.id));
    const unknown = args.anchors?.filter(id => !weighted.has(id)) ?? [];
    if (unknown.length > 0) throw new Error(`--anchors: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} weighted anchor${unknown.length === 1 ? '' : 's'} (${[...weighted].join(', ')})`);
    return args;
}

/** A fresh fit starts from the last calibration where it lies inside the bounds (the prior stays centred on `start`). */
function startingCheckpoint(): Checkpoint {
    const previous = fs.existsSync(CALIBRATION) ? JSON.parse(fs.readFileSync(CALIBRATION, 'utf8')) as Record<string, unknown> : {};
    const from = (p: FreeParameter) => {
        const v = previous[p.name];
        return typeof v === 'number' && v >= p.lo && v <= p.hi ? v : p.start;
    };
    return { stages: FIT_STAGES.map(s => s.name), stage: 0, restart: 0, fitted: Object.fromEntries(FREE_PARAMETERS.map(p => [p.name, from(p)])), log: [] };
}

function loadCheckpoint(fresh: boolean): Checkpoint {
    if (!fresh && fs.existsSync(CHECKPOINT)) {
        const saved = JSON.parse(fs.readFileSync(CHECKPOINT, 'utf8')) as Checkpoint;
        if (JSON.stringify(saved.stages) === JSON.stringify(FIT_STAGES.map(s => s.name))) return saved;
        console.log('calibrate: the fit stages changed since the checkpoint; starting over');
    }
    return startingCheckpoint();
}

function save(cp: Checkpoint): void {
    fs.mkdirSync(path.dirname(CHECKPOINT), { recursive: true });
    fs.writeFileSync(CHECKPOINT, JSON.stringify(cp));
}

async function main(): Promise<number> {
    const { budget, fresh, loo, full, anchors } = parseArgs(process.argv.slice(2));
    const started = Date.now();
    const scenarios = await loadAnchorScenarios(path.join(ROOT, 'tests/anchors'));
    if (loo) return crossValidate(scenarios, { root: ROOT, budget, fresh, full, only: anchors });
    const cp = loadCheckpoint(fresh);
    let lastSave = Date.now();
    while (cp.stage < FIT_STAGES.length) {
        const stage = FIT_STAGES[cp.stage];
        const params = stage.parameters.map(n => byName.get(n)!);
        for (const p of FREE_PARAMETERS) cp.fitted[p.name] ??= p.start;
        if (stage.method === 'levenberg-marquardt') {
            const code = levenbergStage(scenarios, cp, stage, params, () => (Date.now() - started) / 1000 > budget);
            if (code !== 0) return code;
            continue;
        }
        const f = (x: number[]) => {
            try {
                return evaluateObjective(scenarios, candidateAt(cp, params, x), stage.anchors, FIT_RTOL).total;
            } catch {
                return 1e6;
            }
        };
        if (cp.simplex && cp.simplex.points[0].length !== params.length) cp.simplex = undefined;
        if (!cp.simplex) {
            const x0 = params.map(p => encode(p, cp.fitted[p.name]));
            cp.simplex = initialSimplex(x0, cp.restart === 0 ? 0.08 : 0.03, f);
        }
        const s = cp.simplex;
        while (s.evaluations < stage.evaluations && spread(s) > 1e-5) {
            if ((Date.now() - started) / 1000 > budget) {
                save(cp);
                console.log(`calibrate: budget used; stage ${cp.stage + 1}/${FIT_STAGES.length} (${stage.name}), restart ${cp.restart + 1}, ${s.evaluations} evaluations, best ${best(s).value.toFixed(4)}. Run again to continue.`);
                return 2;
            }
            iterate(s, f);
            if (Date.now() - lastSave > 20_000) { save(cp); lastSave = Date.now(); }
        }
        const b = best(s);
        cp.fitted = candidateAt(cp, params, b.x);
        const line = `stage ${cp.stage + 1} (${stage.name}) restart ${cp.restart + 1}: objective ${b.value.toFixed(4)} after ${s.evaluations} evaluations`;
        cp.log.push(line);
        console.log(`calibrate: ${line}`);
        cp.simplex = undefined;
        if (++cp.restart >= stage.restarts) { cp.stage++; cp.restart = 0; }
        save(cp);
    }
    writeCalibration(scenarios, cp);
    return 0;
}

/** The fitted values with a stage's parameters set from a point of its unit box: what both searches evaluate. */
function candidateAt(cp: Checkpoint, params: readonly FreeParameter[], x: readonly number[]): Record<string, number> {
    const candidate = { ...cp.fitted };
    params.forEach((p, i) => { candidate[p.name] = decode(p, x[i]); });
    return candidate;
}

/** Forward-difference step in the unit box: wide enough that the solver's rtol does not show in the Jacobian. */
const LM_STEP = 1e-2;

/**
 * A least-squares stage by the fitting engine's Levenberg–Marquardt (simulator/fit): for many coupled parameters it
 * needs far fewer model runs than Nelder–Mead, since every anchor residual informs every step. One search to
 * convergence or `evaluations` model runs (its damping adapts along the way, so it is not split into chunks); when the
 * budget runs out it starts again from the stage's starting point on the next run.
 */
function levenbergStage(scenarios: Awaited<ReturnType<typeof loadAnchorScenarios>>, cp: Checkpoint, stage: (typeof FIT_STAGES)[number], params: FreeParameter[], overBudget: () => boolean): number {
    const residuals = (u: readonly number[]) => {
        try {
            return Float64Array.from(residualVector(scenarios, candidateAt(cp, params, u), stage.anchors, FIT_RTOL).values);
        } catch {
            return null;
        }
    };
    const u0 = params.map(p => encode(p, cp.fitted[p.name]));
    let result;
    try {
        result = levenbergMarquardt(residuals, u0, { maxEvaluations: stage.evaluations, step: LM_STEP, isCancelled: overBudget });
    } catch (error) {
        if (!(error instanceof FitCancelledError)) throw error;
        save(cp);
        console.log(`calibrate: budget used in stage ${cp.stage + 1}/${FIT_STAGES.length} (${stage.name}); run again to start it over.`);
        return 2;
    }
    cp.fitted = candidateAt(cp, params, result.u);
    const line = `stage ${cp.stage + 1} (${stage.name}) Levenberg–Marquardt: objective ${result.objective.toFixed(4)} after ${result.evaluations} model runs (${result.reason})`;
    cp.log.push(line);
    console.log(`calibrate: ${line}`);
    cp.stage++;
    cp.restart = 0;
    save(cp);
    return 0;
}

function writeCalibration(scenarios: Awaited<ReturnType<typeof loadAnchorScenarios>>, cp: Checkpoint): void {
    const final = evaluateObjective(scenarios, cp.fitted, ANCHORS.map(a => a.id), 1e-6);
    const values = withFitted(cp.fitted);
    const fittedNames = FREE_PARAMETERS.flatMap(p => [p.name, ...(p.ties ?? [])]);
    const out: Record<string, unknown> = {
        $comment: 'Written by `npm run calibrate` (scripts/calibrate.ts): values of the parameters marked `fitted` in parameters.ts, then the fit. Do not edit by hand.'
    };
    for (const name of fittedNames) out[name] = Number(values[name].toPrecision(6));
    out.$fit = {
        date: new Date().toISOString().slice(0, 10),
        method: 'Nelder–Mead with restarts on the unit box (log scale for rates and gains), stage by stage; weighted least squares of anchor residuals in tolerance units plus a log-normal prior towards the starting values',
        objective: Number(final.total.toFixed(4)),
        misfit: Number(final.misfit.toFixed(4)),
        prior: Number(final.prior.toFixed(4)),
        stages: cp.log,
        anchors: final.outcomes.map(o => ({
            id: o.anchor.id,
            pass: o.pass,
            ...(o.error !== undefined ? { error: o.error } : {}),
            checks: o.checks.map(c => ({ label: c.label, value: Number(c.value.toPrecision(4)), residual: Number(residual(c).toFixed(3)), pass: c.pass }))
        }))
    };
    fs.writeFileSync(CALIBRATION, JSON.stringify(out, null, 2) + '\n');
    const passed = final.outcomes.filter(o => o.pass).length;
    console.log(`calibrate: wrote ${path.relative(ROOT, CALIBRATION)}; anchors met ${passed}/${final.outcomes.length}, objective ${final.total.toFixed(4)}`);
    for (const o of final.outcomes) console.log(`  ${o.anchor.id} ${o.pass ? 'pass' : 'MISS'}  ${o.checks.map(c => `${c.label} ${c.value.toPrecision(3)}`).join('; ')}`);
}

/**
 * Regenerates docs/model.md with `npm run docs:model`, which rebuilds the generator so that it bundles the
 * calibration.json just written. Run from here rather than chained after this script in package.json, where
 * npm would append `-- --loo` to the last command of the chain instead of this one.
 */
function writeModelDoc(): void {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'docs:model'], { stdio: 'inherit', shell: process.platform === 'win32' });
}

main().then(code => {
    if (code === 0) writeModelDoc();
    process.exit(code);
}, error => {
    console.error(`calibrate: ${(error as Error).message}`);
    process.exit(1);
});
