import type { ArmResult, PopulationResult, RunResult, ScenarioResult, SensitivityParameter, SensitivityResult, SweepResult } from '../../simulator/results.js';

/** A hand-made arm: `series` maps keys to a function of time in days. */
export function arm(name: string, time: number[], series: Record<string, (t: number, i: number) => number>,
    doses: ArmResult['doses'] = []): ArmResult {
    const values = Object.fromEntries(Object.entries(series).map(([k, f]) => [k, time.map((t, i) => f(t, i))]));
    return { name, time, series: values, summary: {}, stats: { steps: 10, rhsEvaluations: 100, solveSeconds: 0.01 }, doses };
}

export function days(n: number, step = 1): number[] {
    return Array.from({ length: Math.floor(n / step) + 1 }, (_, i) => i * step);
}

export function scenario(arms: ArmResult[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
    return { name: 'Test', title: 'A test scenario', durationDays: arms[0]?.time.at(-1) ?? 0, arms, reported: [], assumptions: [], ...extra };
}

export function run(scenarios: ScenarioResult[]): RunResult {
    return { tool: 'osteo', version: '9.9.9', model: { name: 'TestModel', version: '1.0' }, scenarios };
}

/** A 1-D sweep of the start of a drug, with its curves over time: BMD recovers less the later the start. */
export function sweep1d(time: number[], extra: Partial<SweepResult> = {}): SweepResult {
    const values = [1, 3, 6, 12, 24];
    const curve = (start: number) => time.map(t => -4 * (1 - Math.exp(-t / 200)) + (t > start * 30.4 ? 3 * (1 - Math.exp(-(t - start * 30.4) / 300)) : 0));
    const series = values.map(curve);
    return {
        name: 'StartTiming', title: 'When to start anti-TNF', arm: 'treated', parameter: 'start of AntiTNF in treated', values, unit: 'months',
        measure: 'bmd.lumbar_spine', measureUnit: '% change', at: time[time.length - 1], results: series.map(s => s[s.length - 1]),
        curves: { time, series }, ...extra
    };
}

/** A 2-D sweep, dose × interval, row-major (`results[i * values2.length + j]`). */
export function sweep2d(extra: Partial<SweepResult> = {}): SweepResult {
    const values = [10, 20, 40, 80];
    const values2 = [7, 14, 28];
    const results = values.flatMap(d => values2.map(iv => -3 + 4 * (d / 80) * (14 / iv)));
    return {
        name: 'DoseInterval', arm: 'treated', parameter: 'dose of Adalimumab in treated', values, unit: 'mg',
        parameter2: 'interval of Adalimumab in treated', values2, unit2: 'days',
        measure: 'bmd.total_hip', measureUnit: '% change', at: 365.25, results, ...extra
    };
}

/** A population with a band that widens over time for two arms. */
export function population(time: number[], arms: string[] = ['untreated', 'treated']): PopulationResult {
    return {
        name: 'Cohort', title: 'Variability between patients', size: 200, seed: 42,
        parameters: [{ name: 'rankl_per_tnf', unit: '1/pM', distribution: 'lognormal', median: 0.5, cv: 0.3 }],
        arms: arms.map((name, a) => {
            const mid = time.map(t => -(4 - 2 * a) * (1 - Math.exp(-t / 300)));
            const spread = time.map(t => 0.5 + t / 400);
            return {
                name, time, failed: a === 1 ? 3 : 0,
                median: { 'bmd.lumbar_spine': mid, osteoclasts: time.map(() => 120 - 10 * a) },
                p05: { 'bmd.lumbar_spine': mid.map((m, i) => m - spread[i]), osteoclasts: time.map(() => 100 - 10 * a) },
                p95: { 'bmd.lumbar_spine': mid.map((m, i) => m + spread[i]), osteoclasts: time.map(() => 140 - 10 * a) }
            };
        })
    };
}

/** A sensitivity result, already ranked as the engine ranks it, with two assumed parameters among twelve. */
export function sensitivity(extra: Partial<SensitivityResult> = {}): SensitivityResult {
    const parameters: SensitivityParameter[] = [
        ['k_resorption', 0.7, '1/day', -1.8, false], ['rankl_per_tnf', 0.5, '1/pM', -1.2, true], ['opg_production', 2e-4, 'pM/day', 0.9, false],
        ['k_formation', 0.02, '1/day', 0.75, false], ['tnf_clearance', 2.1, '1/day', 0.6, false], ['il6_gain', 1.5, '', -0.45, true],
        ['pth_level', 1, 'pM', 0.3, false], ['precursor_pool', 1e-3, 'pM', -0.22, false], ['ob_apoptosis', 0.19, '1/day', -0.15, false],
        ['oc_apoptosis', 0.7, '1/day', 0.1, false], ['tgf_beta_release', 1e-4, '', 0.05, false], ['mineral_lag', 90, 'days', -0.01, false]
    ].map(([name, value, unit, coefficient, assumption]) => ({
        name: name as string, value: value as number, unit: unit as string, coefficient: coefficient as number,
        assumption: assumption as boolean, difference: 'central' as const
    }));
    return {
        scenario: 'RaTiming', arm: 'early', output: 'bmd.lumbar_spine', at: 1095.75, baseline: -2.4, form: 'absolute', step: 0.01,
        parameters, notes: [], ...extra
    };
}
