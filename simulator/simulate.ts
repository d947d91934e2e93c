/**
 * Simulates one compiled arm: builds the bone model, integrates it piecewise between dose times
 * and restart points, and shapes every series of interfaces.md. A pure function of the description
 * (and the parameter table), so the calibration script can call it directly.
 */
import type { ModelDescription } from './model-description.js';
import type { ArmResult, SeriesSummary } from './results.js';
import { solvePiecewise, SolverError, type Jump } from './solver/index.js';
import { DAYS_PER_YEAR } from './units.js';
import { createBoneModel, MODEL, OBA, OBP, OCA, TNF, IL6, IL1 } from './model/bone-model.js';
import { applyDose } from './model/pharmacokinetics.js';
import { ModelInputError, resolveParameters, type ParameterValues } from './model/parameters.js';

export { MODEL_INFO } from './model/model-info.js';
export { exploratoryMechanisms, type ArmAssumption } from './model/assumptions.js';
export { ModelInputError } from './model/parameters.js';

export interface SimulateOptions {
    /** Relative tolerance of the solver (default 1e-6). */
    readonly rtol?: number;
    readonly isCancelled?: () => boolean;
    /** Parameter values to use instead of the table's (the calibration script's candidates); `set` overrides still apply on top. */
    readonly baseParameters?: ParameterValues;
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

    const started = performance.now();
    const solution = solvePiecewise(model.system, model.y0, t0, times, jumps, {
        rtol: options.rtol ?? 1e-6, atol: model.atol, isCancelled: options.isCancelled
    });
    const solveSeconds = (performance.now() - started) / 1000;

    const n = times.length;
    const series: Record<string, number[]> = {};
    const column = (key: string) => (series[key] = new Array<number>(n));
    const bmd = model.sites.map(s => ({ s, out: column(`bmd.${s.site}`) }));
    const height = model.alveolarHeight >= 0 ? column('alveolar_height_loss_mm') : undefined;
    const oc = column('osteoclasts'), ob = column('osteoblasts'), obp = column('osteoblast_precursors');
    const rankl = column('rankl'), opg = column('opg'), ratio = column('rankl_opg_ratio');
    const tnf = column('TNF_alpha'), il6 = column('IL_6'), il1 = column('IL_1');
    const drugs = model.drugs.map((d, i) => ({ i, out: column(`drug.${d.name}`) }));
    // Cells are % of the arm's own start (pre-treatment, like a marker's baseline), which is the healthy
    // steady state unless something (a past menopause) was already acting at t = 0.
    const y0 = model.y0;
    for (let k = 0; k < n; k++) {
        const y = solution.states[k];
        for (const { s, out } of bmd) out[k] = (y[s.state] - 1) * 100;
        if (height) height[k] = y[model.alveolarHeight];
        oc[k] = 100 * y[OCA] / y0[OCA];
        // Formation marker: remodelling osteoblasts plus modelling-based formation (in units of healthy formation).
        ob[k] = 100 * (y[OBA] + Math.max(y[MODEL], 0) * model.healthy.OBa) / y0[OBA];
        obp[k] = 100 * y[OBP] / y0[OBP];
        const med = model.mediators(times[k], y);
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
