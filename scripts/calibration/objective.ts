/**
 * The calibration objective: weighted least squares of the anchor residuals in tolerance units,
 * plus a weak prior that keeps fitted values near their published starting values (log scale), so
 * that parameters the anchors barely inform stay plausible instead of drifting to a bound.
 */
import type { AnchorScenarios } from './load-anchors.js';
import { ANCHORS, evaluateAnchors, residual, type AnchorOutcome, type ArmRunner } from './anchors.js';
import { FREE_PARAMETERS } from './free-parameters.js';
import { type ArmResult, type ParameterValues, resolveParameters, simulateArm } from '../../simulator/index.js';

/** Weight of the prior per parameter, per decade away from its starting value, squared. */
export const PRIOR_WEIGHT = 0.05;
/** Penalty per decade, squared, of a cortical site turning over faster than a trabecular one. */
const ORDER_WEIGHT = 20;
const SITE_ORDER = [['bmd_kout_lumbar_spine', 'bmd_kout_total_hip'], ['bmd_kout_total_hip', 'bmd_kout_femoral_neck']] as const;

/** Runs anchor arms with the given parameter values, each arm at most once. */
export function createRunner(scenarios: AnchorScenarios, values?: ParameterValues, rtol = 1e-6): ArmRunner {
    const cache = new Map<string, ArmResult>();
    return (scenario, arm) => {
        const key = `${scenario}/${arm}`;
        let result = cache.get(key);
        if (!result) {
            const compiled = scenarios.get(scenario);
            if (!compiled) throw new Error(`no anchor scenario named ${scenario}`);
            const desc = compiled.arms.find(a => a.arm === arm);
            if (!desc) throw new Error(`scenario ${scenario} has no arm ${arm}`);
            result = simulateArm(desc, { baseParameters: values, rtol });
            cache.set(key, result);
        }
        return result;
    };
}

/** Full parameter values: the table's, with `fitted` (and their ties) on top. */
export function withFitted(fitted: Readonly<Record<string, number>>): ParameterValues {
    const values: Record<string, number> = { ...resolveParameters() };
    for (const p of FREE_PARAMETERS) {
        const v = fitted[p.name];
        if (v === undefined) continue;
        values[p.name] = v;
        for (const tie of p.ties ?? []) values[tie] = v;
    }
    return values;
}

export interface ObjectiveValue {
    readonly total: number;
    readonly misfit: number;
    readonly prior: number;
    readonly outcomes: AnchorOutcome[];
}

/** What one entry of the residual vector is: a check of an anchor, or a prior term (anchor null). */
export interface ResidualRow {
    readonly anchor: string | null;
    readonly label: string;
}

/**
 * The objective as a residual vector: total = Σ value², so a least-squares engine (simulator/fit)
 * sees exactly the objective the calibration minimises. Anchor rows are residuals in tolerance units
 * times √(weight / √checks); prior rows are √PRIOR_WEIGHT · log10(value / start) and the site-order
 * penalty. An anchor that cannot be simulated gives one row of 100 (a misfit of 1e4).
 */
export function residualVector(scenarios: AnchorScenarios, fitted: Readonly<Record<string, number>>, anchorIds?: readonly string[], rtol = 1e-6): { rows: ResidualRow[]; values: number[]; outcomes: AnchorOutcome[] } {
    const anchors = ANCHORS.filter(a => a.weight > 0 && (!anchorIds || anchorIds.includes(a.id)));
    const outcomes = evaluateAnchors(createRunner(scenarios, withFitted(fitted), rtol), anchors);
    const rows: ResidualRow[] = [];
    const values: number[] = [];
    for (const o of outcomes) {
        if (o.error !== undefined) { rows.push({ anchor: o.anchor.id, label: `error: ${o.error}` }); values.push(100); continue; }
        // Anchors with many readouts count about as much as those with one.
        const w = Math.sqrt(o.anchor.weight / Math.sqrt(Math.max(o.checks.length, 1)));
        for (const c of o.checks) { rows.push({ anchor: o.anchor.id, label: c.label }); values.push(w * residual(c)); }
    }
    const rootPrior = Math.sqrt(PRIOR_WEIGHT);
    for (const p of FREE_PARAMETERS) {
        const v = fitted[p.name];
        if (v !== undefined) { rows.push({ anchor: null, label: `prior ${p.name}` }); values.push(rootPrior * Math.log10(v / p.start)); }
    }
    // Trabecular-rich sites turn over faster than cortical-rich ones (model.md §3): spine ≥ hip ≥ femoral neck.
    for (const [fast, slow] of SITE_ORDER) {
        const excess = Math.log10((fitted[slow] ?? 0) / (fitted[fast] ?? Infinity));
        rows.push({ anchor: null, label: `order ${fast} ≥ ${slow}` });
        values.push(excess > 0 ? Math.sqrt(ORDER_WEIGHT) * excess : 0);
    }
    return { rows, values, outcomes };
}

export function evaluateObjective(scenarios: AnchorScenarios, fitted: Readonly<Record<string, number>>, anchorIds?: readonly string[], rtol = 1e-6): ObjectiveValue {
    const { rows, values, outcomes } = residualVector(scenarios, fitted, anchorIds, rtol);
    let misfit = 0, prior = 0;
    rows.forEach((row, i) => {
        if (row.anchor === null) prior += values[i] ** 2;
        else misfit += values[i] ** 2;
    });
    return { total: misfit + prior, misfit, prior, outcomes };
}
