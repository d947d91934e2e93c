import type { GoodnessOfFit, ObservationResult } from './data/observations.js';
/**
 * The JSON results contract of `osteo run --format json` and the `osteo/simulate` request
 * (the JSON of `osteo run --format json`, README "Command line"). Fields beyond the contract only extend it.
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
    /** Extension: days of the summary columns the scenario asks for (`report at 6 months, 2 years`); absent: 1 year. */
    readonly summaryTimes?: number[];
    /** Extension: the arm the differences are taken against (`compare to ARM`); absent: the first arm. */
    readonly reference?: string;
    /** Extension: one entry per `sweep` of the scenario (absent when it has none). */
    readonly sweeps?: SweepResult[];
    /** Extension: one entry per `population` of the scenario (absent when it has none). */
    readonly populations?: PopulationResult[];
    /** Extension: one entry per `sensitivity` block of the scenario (absent when it has none). */
    readonly sensitivities?: ScenarioSensitivityResult[];
    /** Extension: one entry per `observe` of the scenario, data beside the prediction (absent when it has none). */
    readonly observations?: ObservationResult[];
    /** Extension: points, weighted SSR and RMSE over every observation (with `observations`). */
    readonly goodnessOfFit?: GoodnessOfFit;
}

/**
 * A `sweep`: one arm re-run for every value (1-D) or every pair of values (2-D grid), with one
 * measured number per run. 2-D results are row-major: `results[i * values2.length + j]` belongs to
 * `values[i]` and `values2[j]`.
 */
export interface SweepResult {
    readonly name: string;
    readonly title?: string;
    /** The arm every run of the sweep simulates. */
    readonly arm: string;
    /** What the first axis varies, in words: "start of AntiTNF in treated", "severity of rheumatoid_arthritis", "rankl_per_tnf". */
    readonly parameter: string;
    /** Values of the first axis: numbers in `unit`, or severity names. */
    readonly values: (number | string)[];
    /** Unit of `values` as written in the file ("months", "mg", the parameter table's unit); "" for severities and bare numbers. */
    readonly unit: string;
    readonly parameter2?: string;
    readonly values2?: (number | string)[];
    readonly unit2?: string;
    /** Series key measured, as in `ArmResult.series` ("bmd.lumbar_spine"). */
    readonly measure: string;
    /** Unit of the measured series ("% change", "% of baseline", "pM", "pg/mL", "mg/L", "mm", "ratio"). */
    readonly measureUnit: string;
    /** When the measure is taken, days. */
    readonly at: number;
    /** One measured value per run (row-major for 2-D sweeps). */
    readonly results: number[];
    /** 1-D sweeps: the measured series over time for each value (`series[i]` for `values[i]`), at most 200 points. */
    readonly curves?: { readonly time: number[]; readonly series: number[][] };
}

/** A `population`: every arm re-run for `size` virtual patients; percentiles over the patients at each time. */
export interface PopulationResult {
    readonly name: string;
    readonly title?: string;
    readonly size: number;
    readonly seed: number;
    /** How each varied parameter is drawn, with the typical (median) value it is drawn around. */
    readonly parameters: PopulationParameter[];
    readonly arms: PopulationArmResult[];
}

export interface PopulationParameter {
    readonly name: string;
    readonly unit: string;
    readonly distribution: 'lognormal' | 'uniform' | 'categorical';
    /** categorical (severity): each category's share of the patients. */
    readonly shares?: readonly { readonly label: string; readonly share: number }[];
    /** lognormal: the median (the parameter's value); uniform: the lower bound. */
    readonly low?: number;
    readonly high?: number;
    readonly median?: number;
    /** lognormal: coefficient of variation as a fraction (0.3 for 30 %). */
    readonly cv?: number;
}

export interface PopulationArmResult {
    readonly name: string;
    /** Days, at most 200 points spanning the horizon. */
    readonly time: number[];
    /** Per series key (every series of the arm), the median over the virtual patients. */
    readonly median: Record<string, number[]>;
    readonly p05: Record<string, number[]>;
    readonly p95: Record<string, number[]>;
    /** Virtual patients whose simulation failed (solver failure); they are left out of the percentiles. */
    readonly failed: number;
    /** One per `responders` line: the share of this arm's patients beyond the threshold at the time. */
    readonly responders?: ResponderResult[];
}

/** `responders bmd at total_hip > 0 at 2 years`: count / of patients (failed runs excluded) meet the condition. */
export interface ResponderResult {
    readonly label: string;
    readonly key: string;
    readonly atDays: number;
    readonly comparison: '>' | '<';
    /** In the series' unit (bmd: % change from baseline). */
    readonly threshold: number;
    readonly count: number;
    readonly of: number;
    readonly fraction: number;
}

/** `osteo sensitivity` and the `osteo/sensitivity` request: local sensitivities of one output at one time. */
export interface SensitivityResult {
    readonly scenario: string;
    readonly arm: string;
    /** Series key, as in `ArmResult.series`. */
    readonly output: string;
    /** Days. */
    readonly at: number;
    /** The output's value with every parameter at its value. */
    readonly baseline: number;
    /**
     * normalised: d ln(output) / d ln(parameter), dimensionless (an elasticity).
     * absolute: d output / d ln(parameter), in the output's unit (for outputs that are % changes, which may be 0 or negative).
     */
    readonly form: 'normalised' | 'absolute';
    /** Relative step of the central differences: the parameter is multiplied by exp(±step). */
    readonly step: number;
    /** Every model parameter, by |coefficient| descending. */
    readonly parameters: SensitivityParameter[];
    /** What the user should know about how some coefficients were obtained. */
    readonly notes: string[];
}

export interface SensitivityParameter {
    readonly name: string;
    readonly value: number;
    readonly unit: string;
    readonly coefficient: number;
    /** True when the value is an ASSUMPTION or a calibration fit (basis !== 'published'). */
    readonly assumption: boolean;
    /**
     * How the derivative was taken: central in ln(parameter) (the rule), one-sided where a bound is
     * within the step, or `absolute` for a parameter whose value is 0: then the coefficient is per
     * unit of the parameter (d output / d parameter, or d ln(output) / d parameter), see `notes`.
     */
    readonly difference: 'central' | 'forward' | 'backward' | 'absolute';
}

export interface ArmResult {
    readonly name: string;
    /** Days. */
    readonly time: number[];
    /** Every series of the contract, same length as `time`. */
    readonly series: Record<string, number[]>;
    readonly summary: Record<string, SeriesSummary>;
    readonly stats: SolverStats;
    /**
     * Extension: drug concentrations (every `drug.*` series) at dose-following times, for charts that
     * must not alias (docs/language.md "Charts"); absent when the output grid already resolves every
     * dosing interval. `series` keys as in `series`, each the length of `time`.
     */
    readonly drugCurves?: { readonly time: number[]; readonly series: Record<string, number[]> };
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

/** One parameter of a global sensitivity: its range, and Sobol or Morris indices (docs/language.md "Global sensitivity"). */
export interface GlobalSensitivityParameter {
    readonly name: string;
    readonly unit: string;
    /** The range sampled uniformly (the parameter table's unit). */
    readonly low: number;
    readonly high: number;
    /** Sobol: first-order and total indices with bootstrap 95 % intervals. */
    readonly first?: number;
    readonly firstCi95?: [number, number];
    readonly total?: number;
    readonly totalCi95?: [number, number];
    /** Morris: mean |elementary effect| (output unit per whole range), its 95 % interval, mean and standard deviation. */
    readonly muStar?: number;
    readonly muStarCi95?: [number, number];
    readonly mu?: number;
    readonly sigma?: number;
    /** The value is an assumption or a calibration fit (basis ≠ published). */
    readonly assumption: boolean;
}

export interface GlobalSensitivityResult {
    readonly method: 'sobol' | 'morris';
    readonly scenario: string;
    readonly arm: string;
    readonly output: string;
    readonly unit: string;
    /** Days: the time of `parameters`. */
    readonly at: number;
    /** Sobol: base samples N; Morris: trajectories r. */
    readonly samples: number;
    /** Model runs: N (k + 2) or r (k + 1). */
    readonly runs: number;
    readonly seed: number;
    /** Samples (blocks or trajectories) whose runs all succeeded; only these enter the estimates. */
    readonly samplesUsed: number;
    /** Ranked: Sobol by total index, Morris by μ*, descending. */
    readonly parameters: GlobalSensitivityParameter[];
    /** The same indices at each requested time (indices over time), ascending; the last is `at`. */
    readonly overTime: { readonly at: number; readonly parameters: GlobalSensitivityParameter[] }[];
    readonly notes: string[];
}

/** A scenario's `sensitivity` block as `osteo run` returns it: its name, then what `osteo sensitivity --format json` prints. */
export type ScenarioSensitivityResult = { readonly name: string; readonly title?: string }
    & ((SensitivityResult & { readonly method: 'local' }) | GlobalSensitivityResult);
