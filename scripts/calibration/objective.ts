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

export function evaluateObjective(scenarios: AnchorScenarios, fitted: Readonly<Record<string, number>>, anchorIds?: readonly string[], rtol = 1e-6): ObjectiveValue {
    const anchors = ANCHORS.filter(a => a.weight > 0 && (!anchorIds || anchorIds.includes(a.id)));
    const outcomes = evaluateAnchors(createRunner(scenarios, withFitted(fitted), rtol), anchors);
    let misfit = 0;
    for (const o of outcomes) {
        if (o.error !== undefined) { misfit += 1e4; continue; }
        // Anchors with many readouts count about as much as those with one.
        const w = o.anchor.weight / Math.sqrt(Math.max(o.checks.length, 1));
        for (const c of o.checks) misfit += w * residual(c) ** 2;
    }
    let prior = 0;
    for (const p of FREE_PARAMETERS) {
        const v = fitted[p.name];
        if (v !== undefined) prior += PRIOR_WEIGHT * (Math.log10(v / p.start)) ** 2;
    }
    // Trabecular-rich sites turn over faster than cortical-rich ones (model.md §3): spine ≥ hip ≥ femoral neck.
    for (const [fast, slow] of SITE_ORDER) {
        const excess = Math.log10((fitted[slow] ?? 0) / (fitted[fast] ?? Infinity));
        if (excess > 0) prior += ORDER_WEIGHT * excess ** 2;
    }
    return { total: misfit + prior, misfit, prior, outcomes };
}
