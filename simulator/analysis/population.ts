import type { PopulationArmResult, PopulationParameter, PopulationResult, ResponderResult } from '../results.js';
import type { PopulationPlan, PopulationVariable } from './analysis-plan.js';
import { applyMember } from './population-member.js';
import { memberStream, standardNormal, type Uniform } from './random.js';
import type { SimTask, TaskOutput } from './sim-task.js';
import { P2Block } from './streaming-quantiles.js';

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): maps a normal score to a uniform. */
export function normalCdf(z: number): number {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function categoryOf(v: PopulationVariable, u: number): number {
    const d = v.distribution;
    if (d.kind !== 'categorical') return 0;
    let cumulative = 0;
    for (let i = 0; i < d.categories.length; i++) {
        cumulative += d.categories[i].share;
        if (u < cumulative) return i;
    }
    return d.categories.length - 1;
}

/**
 * The draws of virtual patient `index`, keyed by variable, from the seed and the index alone (in the order of
 * the vary lines), so the same patient goes through every arm and no result depends on scheduling.
 * Log-normal: median · exp(ω z) with ω² = ln(1 + CV²); uniform: low + (high − low) · u; categorical: the
 * category whose cumulative share first exceeds u. `correlate A, B r` mixes B's normal score with A's
 * (z_B ← r z_A + √(1 − r²) z_B; uniform variables use Φ(z) as u), a Gaussian copula. Draws are clamped to range.
 */
export function drawMember(plan: PopulationPlan, index: number): Record<string, number> {
    const uniform: Uniform = memberStream(plan.seed, index);
    const correlated = new Set((plan.correlations ?? []).flatMap(c => [c.first, c.second]));
    // Normal scores for log-normal and correlated variables; plain uniforms otherwise (the order of draws of
    // uncorrelated plans is unchanged, so their results stay what they were).
    const z: number[] = [];
    const u: number[] = [];
    plan.variables.forEach((v, i) => {
        if (v.distribution.kind === 'lognormal' || correlated.has(i)) z[i] = standardNormal(uniform);
        else u[i] = uniform();
    });
    for (const c of plan.correlations ?? []) z[c.second] = c.rho * z[c.first] + Math.sqrt(1 - c.rho * c.rho) * z[c.second];
    const values: Record<string, number> = {};
    plan.variables.forEach((v, i) => {
        const d = v.distribution;
        const ui = u[i] ?? normalCdf(z[i]);
        const x = d.kind === 'lognormal' ? d.median * Math.exp(Math.sqrt(Math.log(1 + d.cv * d.cv)) * z[i])
            : d.kind === 'uniform' ? d.low + (d.high - d.low) * ui
            : categoryOf(v, ui);
        values[v.parameter] = d.kind === 'categorical' ? x : Math.min(v.max, Math.max(v.min, x));
    });
    return values;
}

/**
 * Populations larger than this are summarised while they run (streaming quantiles, P² algorithm) instead of
 * keeping every patient's series, so memory stays flat however many patients; up to it, percentiles are exact.
 */
export const STREAMING_ABOVE = 2000;
/** Patients simulated per batch when streaming. */
export const STREAMING_CHUNK = 500;

/** Member-major: the tasks of patient m are m·arms … m·arms + arms − 1, each arm with the same draws. */
export function populationTasks(plan: PopulationPlan, firstMember = 0, members = plan.size - firstMember): SimTask[] {
    const tasks: SimTask[] = [];
    const isParameter = (v: PopulationVariable) => !v.target || v.target.kind === 'parameter';
    for (let m = firstMember; m < firstMember + members; m++) {
        const draws = drawMember(plan, m);
        const parameters: Record<string, number> = {};
        for (const v of plan.variables) if (isParameter(v)) parameters[v.parameter] = draws[v.parameter];
        for (const desc of plan.arms) tasks.push({ desc: applyMember(desc, plan, draws), parameters, allSeries: true });
    }
    return tasks;
}

/** Linear interpolation of a sampled series at `t` (clamped to its ends). */
function interpolate(time: readonly number[], values: readonly number[], t: number): number {
    if (time.length === 0) return NaN;
    if (t <= time[0]) return values[0];
    for (let k = 1; k < time.length; k++) {
        if (t <= time[k]) return values[k - 1] + (values[k] - values[k - 1]) * (t - time[k - 1]) / (time[k] - time[k - 1]);
    }
    return values[values.length - 1];
}

function respondersOf(plan: PopulationPlan, members: readonly TaskOutput[]): ResponderResult[] | undefined {
    if (!plan.responders || plan.responders.length === 0) return undefined;
    return plan.responders.map(r => {
        let count = 0, of = 0;
        for (const o of members) {
            const values = o.ok ? o.series?.[r.key] : undefined;
            if (!o.ok || !values || !o.time) continue;
            const v = interpolate(o.time, values, r.atDays);
            if (!Number.isFinite(v)) continue;
            of++;
            if (r.comparison === '>' ? v > r.threshold : v < r.threshold) count++;
        }
        return { label: r.label, key: r.key, atDays: r.atDays, comparison: r.comparison, threshold: r.threshold, count, of, fraction: of > 0 ? count / of : NaN };
    });
}

function parameterOf(v: PopulationVariable): PopulationParameter {
    const d = v.distribution;
    if (d.kind === 'lognormal') return { name: v.parameter, unit: v.unit, distribution: 'lognormal', median: d.median, cv: d.cv };
    if (d.kind === 'uniform') return { name: v.parameter, unit: v.unit, distribution: 'uniform', low: d.low, high: d.high };
    return { name: v.parameter, unit: v.unit, distribution: 'categorical', shares: d.categories.map(c => ({ label: c.label, share: c.share })) };
}

export function populationResult(plan: PopulationPlan, outputs: readonly TaskOutput[]): PopulationResult {
    if (plan.size > STREAMING_ABOVE) {
        const stream = new PopulationStream(plan);
        stream.add(outputs);
        return stream.result();
    }
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
        const responders = respondersOf(plan, members);
        return { name: desc.arm, time, median, p05, p95, failed: members.length - ok.length, ...(responders ? { responders } : {}) };
    });
    return resultOf(plan, arms);
}

function resultOf(plan: PopulationPlan, arms: PopulationArmResult[]): PopulationResult {
    return {
        name: plan.name,
        ...(plan.title !== undefined ? { title: plan.title } : {}),
        size: plan.size,
        seed: plan.seed,
        parameters: plan.variables.map(parameterOf),
        arms
    };
}

const STREAMED_QUANTILES = [0.5, 0.05, 0.95] as const;

/** One arm of a streamed population: P² estimates per series, time and quantile, failures and responder counts. */
interface ArmStream {
    time?: number[];
    keys?: string[];
    blocks?: Map<string, P2Block[]>;
    failed: number;
    responders: { count: number; of: number }[];
}

/**
 * A population summarised as its patients' outputs arrive (in patient order, member-major as populationTasks
 * orders them): memory is the estimators', not the patients'. The run and `osteo merge` feed it the same
 * outputs in the same order, so both give the same numbers.
 */
export class PopulationStream {
    private readonly arms: ArmStream[];
    private received = 0;

    constructor(readonly plan: PopulationPlan) {
        this.arms = plan.arms.map(() => ({ failed: 0, responders: (plan.responders ?? []).map(() => ({ count: 0, of: 0 })) }));
    }

    /** The next outputs, continuing where the last call stopped. */
    add(outputs: readonly TaskOutput[]): void {
        for (const o of outputs) {
            const arm = this.arms[this.received++ % this.plan.arms.length];
            if (!o.ok || !o.series || !o.time) { arm.failed++; continue; }
            if (!arm.blocks) {
                arm.time = o.time;
                arm.keys = Object.keys(o.series);
                arm.blocks = new Map(arm.keys.map(key => [key, STREAMED_QUANTILES.map(p => new P2Block(o.time!.length, p))]));
            }
            for (const key of arm.keys!) for (const block of arm.blocks.get(key)!) block.add(o.series[key]);
            (this.plan.responders ?? []).forEach((r, i) => {
                const values = o.series![r.key];
                if (!values) return;
                const v = interpolate(o.time!, values, r.atDays);
                if (!Number.isFinite(v)) return;
                arm.responders[i].of++;
                if (r.comparison === '>' ? v > r.threshold : v < r.threshold) arm.responders[i].count++;
            });
        }
    }

    result(): PopulationResult {
        const arms = this.plan.arms.map((desc, a): PopulationArmResult => {
            const s = this.arms[a];
            const median: Record<string, number[]> = {}, p05: Record<string, number[]> = {}, p95: Record<string, number[]> = {};
            for (const key of s.keys ?? []) {
                const [m, lo, hi] = s.blocks!.get(key)!;
                median[key] = m.estimates(); p05[key] = lo.estimates(); p95[key] = hi.estimates();
            }
            const responders = this.plan.responders && this.plan.responders.length > 0
                ? this.plan.responders.map((r, i) => ({ label: r.label, key: r.key, atDays: r.atDays, comparison: r.comparison, threshold: r.threshold,
                    count: s.responders[i].count, of: s.responders[i].of, fraction: s.responders[i].of > 0 ? s.responders[i].count / s.responders[i].of : NaN }))
                : undefined;
            return { name: desc.arm, time: s.time ?? [], median, p05, p95, failed: s.failed, ...(responders ? { responders } : {}) };
        });
        return resultOf(this.plan, arms);
    }
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
