import type { PopulationArmResult, PopulationResult } from '../results.js';
import type { PopulationPlan } from './analysis-plan.js';
import { memberStream, standardNormal } from './random.js';
import type { SimTask, TaskOutput } from './sim-task.js';

/**
 * The parameters of virtual patient `index`, drawn from the seed and the index alone (in the order of
 * the vary lines), so the same patient goes through every arm and no result depends on scheduling.
 * Log-normal: median · exp(ω z) with ω² = ln(1 + CV²); draws are clamped to the parameter's valid range.
 */
export function drawMember(plan: PopulationPlan, index: number): Record<string, number> {
    const uniform = memberStream(plan.seed, index);
    const values: Record<string, number> = {};
    for (const v of plan.variables) {
        const d = v.distribution;
        const x = d.kind === 'lognormal'
            ? d.median * Math.exp(Math.sqrt(Math.log(1 + d.cv * d.cv)) * standardNormal(uniform))
            : d.low + (d.high - d.low) * uniform();
        values[v.parameter] = Math.min(v.max, Math.max(v.min, x));
    }
    return values;
}

/** Member-major: the tasks of patient m are m·arms … m·arms + arms − 1. */
export function populationTasks(plan: PopulationPlan): SimTask[] {
    const tasks: SimTask[] = [];
    for (let m = 0; m < plan.size; m++) {
        const parameters = drawMember(plan, m);
        for (const desc of plan.arms) tasks.push({ desc, parameters, allSeries: true });
    }
    return tasks;
}

export function populationResult(plan: PopulationPlan, outputs: readonly TaskOutput[]): PopulationResult {
    const arms: PopulationArmResult[] = plan.arms.map((desc, a) => {
        const members = [];
        for (let m = 0; m < plan.size; m++) members.push(outputs[m * plan.arms.length + a]);
        const ok = members.filter(o => o.ok && o.series && o.time);
        const time = ok[0] && ok[0].ok ? ok[0].time! : [];
        const median: Record<string, number[]> = {}, p05: Record<string, number[]> = {}, p95: Record<string, number[]> = {};
        const keys = ok[0] && ok[0].ok ? Object.keys(ok[0].series!) : [];
        for (const key of keys) {
            median[key] = []; p05[key] = []; p95[key] = [];
            const column = new Float64Array(ok.length);
            for (let k = 0; k < time.length; k++) {
                ok.forEach((o, i) => { column[i] = o.ok ? o.series![key][k] : NaN; });
                column.sort();
                median[key].push(quantile(column, 0.5));
                p05[key].push(quantile(column, 0.05));
                p95[key].push(quantile(column, 0.95));
            }
        }
        return { name: desc.arm, time, median, p05, p95, failed: members.length - ok.length };
    });
    return {
        name: plan.name,
        ...(plan.title !== undefined ? { title: plan.title } : {}),
        size: plan.size,
        seed: plan.seed,
        parameters: plan.variables.map(v => v.distribution.kind === 'lognormal'
            ? { name: v.parameter, unit: v.unit, distribution: 'lognormal' as const, median: v.distribution.median, cv: v.distribution.cv }
            : { name: v.parameter, unit: v.unit, distribution: 'uniform' as const, low: v.distribution.low, high: v.distribution.high }),
        arms
    };
}

/** Quantile of sorted values with linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
    const n = sorted.length;
    if (n === 0) return NaN;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
