import type { ArmResult, RunResult, ScenarioResult } from '../../language/src/simulator/results.js';

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
