/**
 * Simulates one compiled arm: builds the bone model, integrates it piecewise between dose times
 * and restart points, and shapes every series of the results contract (results.ts). A pure function of the description
 * (and the parameter table), so the calibration script can call it directly.
 */
import type { ModelDescription } from './model-description.js';
import type { ArmResult, SeriesSummary } from './results.js';
import { solvePiecewise, SolverError, type Jump, type SolverMethod, type SolverStats } from './solver/index.js';
import { DAYS_PER_YEAR } from './units.js';
import { COMPARTMENT_SIZE, createBoneModel, MODEL, OBA, OBP, OCA, TNF, IL6, IL1 } from './model/bone-model.js';
import { applyDose } from './model/pharmacokinetics.js';
import { ModelInputError, resolveParameters, type ParameterValues } from './model/parameters.js';

export { MODEL_INFO } from './model/model-info.js';
export { exploratoryMechanisms, type ArmAssumption } from './model/assumptions.js';
export { ModelInputError } from './model/parameters.js';

/**
 * The model's integrator: variable-order BDF (solver/bdf-driver.ts). Between doses the model's solutions are smooth
 * and only mildly stiff, where a multistep method of order up to 5 takes 1–2 right-hand sides per step against ~4 for
 * the order-3 Rosenbrock-W method (ROS34PW2) used before. Measured (docs/performance.md, bench/ra-ten-years.osteo,
 * rtol 1e-6, same per-state atol): 33k right-hand sides on the early adalimumab arm against 83k with ROS34PW2 and
 * 44k for SciPy's LSODA; over the 42 anchor arms of tests/anchors, 0.91M against 2.66M, BMD within 7.7e-4 pp of an
 * rtol 1e-9 ROS34PW2 reference (ROS34PW2: 9.3e-5 pp; the target is 0.01 pp).
 */
export const MODEL_SOLVER: SolverMethod = 'bdf';

export interface SimulateOptions {
    /** Relative tolerance of the solver (default 1e-6). */
    readonly rtol?: number;
    /** Integration method (default MODEL_SOLVER). */
    readonly method?: SolverMethod;
    readonly isCancelled?: () => boolean;
    /** Parameter values to use instead of the table's (the calibration script's candidates); `set` overrides still apply on top. */
    readonly baseParameters?: ParameterValues;
    /** Receives the solver's own counters (Jacobians, rejected steps, decompositions): the benchmark's comparison. */
    readonly onSolverStats?: (stats: SolverStats) => void;
}

export function simulateArm(desc: ModelDescription, options: SimulateOptions = {}): ArmResult {
    const params = resolveParameters(desc.parameters, options.baseParameters);
    const times = desc.sampleTimes;
    if (times.length === 0) throw new ModelInputError(`arm '${desc.arm}': no sample times`);
    const t0 = times[0];
    const tEnd = times[times.length - 1];
    const model = createBoneModel(desc, params);

    const drugIndex = new Map(model.drugs.map((d, i) => [d.name, i]));
    const jumpsAt = new Map<number, ((y: Float64Array) => void)[]>();
    const at = (time: number) => {
        let list = jumpsAt.get(time);
        if (!list) jumpsAt.set(time, list = []);
        return list;
    };
    for (const dose of desc.doses) {
        const i = drugIndex.get(dose.drug);
        if (i === undefined) throw new ModelInputError(`arm '${desc.arm}': dose of '${dose.drug}', which the arm does not declare`);
        if (!(dose.amountMg >= 0) || !Number.isFinite(dose.timeDays)) throw new ModelInputError(`arm '${desc.arm}': invalid dose of '${dose.drug}' at ${dose.timeDays} days`);
        if (dose.timeDays > tEnd) continue;
        const pk = model.drugs[i];
        at(Math.max(dose.timeDays, t0)).push(y => applyDose(pk, dose.amountMg, y));
    }
    for (const b of model.breakpoints) if (b > t0 && b < tEnd && Number.isFinite(b)) at(b);
    const jumps: Jump[] = [...jumpsAt.entries()].map(([time, fns]) => ({ time, apply: y => { for (const f of fns) f(y); } }));

    const started = now();
    // Drug concentrations also at their dose-following times (docs/language.md "Charts"); the dense output
    // makes extra output times free of extra steps, and every other series stays on the grid.
    const drugTimes = desc.drugSampleTimes && desc.drugSampleTimes.length > 0 && model.drugs.length > 0
        ? mergeTimes(times, desc.drugSampleTimes.filter(t => t >= t0 && t <= tEnd)) : undefined;
    const outputTimes = drugTimes ?? times;
    const solution = solvePiecewise(model.system, model.y0, t0, outputTimes, jumps, {
        rtol: options.rtol ?? 1e-6, atol: model.atol, isCancelled: options.isCancelled, method: options.method ?? MODEL_SOLVER
    });
    const solveSeconds = (now() - started) / 1000;
    options.onSolverStats?.({ ...solution.stats, rhsEvaluations: solution.stats.rhsEvaluations + solution.stats.jacobianEvaluations * model.rhsPerJacobian });

    const n = times.length;
    // Where each grid time sits among the output times (the grid wins ties in mergeTimes).
    const gridIndex = drugTimes ? indicesOf(times, drugTimes) : undefined;
    const stateAt = (k: number) => solution.states[gridIndex ? gridIndex[k] : k];
    const series: Record<string, number[]> = {};
    const column = (key: string) => (series[key] = new Array<number>(n));
    const bmd = model.sites.map(s => ({ s, out: column(`bmd.${s.site}`) }));
    const height = model.alveolarHeight >= 0 ? column('alveolar_height_loss_mm') : undefined;
    const oc = column('osteoclasts'), ob = column('osteoblasts'), obp = column('osteoblast_precursors');
    const rankl = column('rankl'), opg = column('opg'), ratio = column('rankl_opg_ratio');
    const tnf = column('TNF_alpha'), il6 = column('IL_6'), il1 = column('IL_1');
    const drugs = model.drugs.map((d, i) => ({ i, out: column(`drug.${d.name}`) }));
    // Local sites (docs/language.md "Local sites"): each has its own cells, cytokines, mediators and drug exposure.
    const locals = model.compartments.slice(1).map((site, j) => {
        const c = j + 1, o = c * COMPARTMENT_SIZE, at = `@${site}`;
        return {
            c, o,
            oc: column(`osteoclasts${at}`), ob: column(`osteoblasts${at}`), obp: column(`osteoblast_precursors${at}`),
            rankl: column(`rankl${at}`), opg: column(`opg${at}`), ratio: column(`rankl_opg_ratio${at}`),
            tnf: column(`TNF_alpha${at}`), il6: column(`IL_6${at}`), il1: column(`IL_1${at}`),
            drugs: model.drugs.map((d, i) => ({ i, out: column(`drug.${d.name}${at}`) }))
        };
    });
    // Cells are % of the arm's own start (pre-treatment, like a marker's baseline), which is the healthy
    // steady state unless something (a past menopause) was already acting at t = 0.
    const y0 = model.y0;
    for (let k = 0; k < n; k++) {
        const y = stateAt(k);
        for (const { s, out } of bmd) out[k] = (y[s.state] - 1) * 100;
        if (height) height[k] = y[model.alveolarHeight];
        oc[k] = 100 * y[OCA] / y0[OCA];
        // Formation marker: remodelling osteoblasts plus modelling-based formation (in units of healthy formation).
        ob[k] = 100 * (y[OBA] + Math.max(y[MODEL], 0) * model.healthy.OBa) / y0[OBA];
        obp[k] = 100 * y[OBP] / y0[OBP];
        const meds = model.compartmentMediators(times[k], y);
        const med = meds[0];
        for (const l of locals) {
            l.oc[k] = 100 * y[l.o + OCA] / y0[l.o + OCA];
            l.ob[k] = 100 * y[l.o + OBA] / y0[l.o + OBA];
            l.obp[k] = 100 * y[l.o + OBP] / y0[l.o + OBP];
            l.rankl[k] = meds[l.c].rankl;
            l.opg[k] = meds[l.c].opg;
            l.ratio[k] = meds[l.c].rankl / meds[l.c].opg;
            l.tnf[k] = y[l.o + TNF]; l.il6[k] = y[l.o + IL6]; l.il1[k] = y[l.o + IL1];
            for (const { i, out } of l.drugs) out[k] = model.concentrationIn(i, l.c, y);
        }
        rankl[k] = med.rankl;
        opg[k] = med.opg;
        ratio[k] = med.rankl / med.opg;
        tnf[k] = y[TNF]; il6[k] = y[IL6]; il1[k] = y[IL1];
        for (const { i, out } of drugs) out[k] = model.systemicConcentration(i, y);
    }
    for (const [key, values] of Object.entries(series)) {
        const bad = values.findIndex(x => !Number.isFinite(x));
        if (bad >= 0) throw new SolverError(`series '${key}' is not finite at ${times[bad]} days`, times[bad]);
    }

    let drugCurves: ArmResult['drugCurves'];
    if (drugTimes) {
        const curves: Record<string, number[]> = {};
        model.drugs.forEach((d, i) => {
            curves[`drug.${d.name}`] = solution.states.map(y => model.systemicConcentration(i, y));
            model.compartments.slice(1).forEach((site, j) => { curves[`drug.${d.name}@${site}`] = solution.states.map(y => model.concentrationIn(i, j + 1, y)); });
        });
        drugCurves = { time: drugTimes, series: curves };
    }

    const summary: Record<string, SeriesSummary> = {};
    for (const [key, values] of Object.entries(series)) summary[key] = summarize(times, values);
    return {
        name: desc.arm,
        time: times.slice(),
        series,
        summary,
        stats: {
            steps: solution.stats.steps,
            // The model's Jacobian evaluates the right-hand side itself; count those calls too.
            rhsEvaluations: solution.stats.rhsEvaluations + solution.stats.jacobianEvaluations * model.rhsPerJacobian,
            solveSeconds
        },
        ...(drugCurves ? { drugCurves } : {}),
        doses: desc.doses.filter(d => d.timeDays <= tEnd).map(d => ({ time: d.timeDays, drug: d.drug, amountMg: d.amountMg }))
    };
}

export function summarize(times: readonly number[], values: readonly number[]): SeriesSummary {
    let min = Infinity;
    for (const x of values) if (x < min) min = x;
    return { end: values[values.length - 1], min, at1y: valueAt(times, values, DAYS_PER_YEAR) };
}

/** Linear interpolation of the samples at time t; null outside the sampled horizon. */
export function valueAt(times: readonly number[], values: readonly number[], t: number): number | null {
    const n = times.length;
    if (n === 0 || t < times[0] || t > times[n - 1]) return null;
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (times[mid] <= t) lo = mid; else hi = mid;
    }
    if (times[lo] === t || hi === lo) return values[lo];
    const f = (t - times[lo]) / (times[hi] - times[lo]);
    return values[lo] + f * (values[hi] - values[lo]);
}

/**
 * Milliseconds from the host's monotonic clock (Node and browsers both have `performance`): the engine
 * is typed without DOM or Node declarations, so it names the one thing it uses of its host here.
 */
function now(): number {
    return (globalThis as { performance?: { now(): number } }).performance?.now() ?? Date.now();
}

/** For each of `wanted` (ascending), the index of the nearest entry of `within` (ascending, a superset up to rounding). */
function indicesOf(wanted: readonly number[], within: readonly number[]): number[] {
    const out = new Array<number>(wanted.length);
    let j = 0;
    for (let k = 0; k < wanted.length; k++) {
        while (j + 1 < within.length && Math.abs(within[j + 1] - wanted[k]) <= Math.abs(within[j] - wanted[k])) j++;
        out[k] = j;
    }
    return out;
}

/** The union of two ascending time lists, without near-duplicates (the grid's value wins a tie). */
function mergeTimes(grid: readonly number[], extra: readonly number[]): number[] {
    const eps = 1e-9 * Math.max(1, grid[grid.length - 1] ?? 1);
    const out: number[] = [];
    let i = 0, j = 0;
    while (i < grid.length || j < extra.length) {
        const next = j >= extra.length || (i < grid.length && grid[i] <= extra[j] + eps) ? grid[i++] : extra[j++];
        if (out.length > 0 && Math.abs(next - out[out.length - 1]) <= eps) continue;
        out.push(next);
    }
    return out;
}
