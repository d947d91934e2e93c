/**
 * The JSON results contract of `osteo run --format json` and the `osteo/simulate` request
 * (interfaces.md). Fields beyond the contract only extend it.
 */

export interface RunResult {
    readonly tool: 'osteo';
    readonly version: string;
    readonly model: { readonly name: string; readonly version: string };
    readonly scenarios: ScenarioResult[];
}

export interface ScenarioResult {
    readonly name: string;
    readonly title: string;
    readonly durationDays: number;
    readonly arms: ArmResult[];
    /** Extension: the series keys the scenario's `report` lines choose (what is plotted and summarised). */
    readonly reported: string[];
    /** Extension: one sentence per exploratory mechanism or assumption the scenario relies on. */
    readonly assumptions: string[];
}

export interface ArmResult {
    readonly name: string;
    /** Days. */
    readonly time: number[];
    /** Every series of interfaces.md, same length as `time`. */
    readonly series: Record<string, number[]>;
    readonly summary: Record<string, SeriesSummary>;
    readonly stats: SolverStats;
    /** Extension: the arm's dose events, for marking them on the time axis. */
    readonly doses: { readonly time: number; readonly drug: string; readonly amountMg: number }[];
}

export interface SeriesSummary {
    readonly end: number;
    readonly min: number;
    /** Value at 365.25 days, or null when the horizon is shorter. */
    readonly at1y: number | null;
}

export interface SolverStats {
    readonly steps: number;
    readonly rhsEvaluations: number;
    readonly solveSeconds: number;
}
