/**
 * Compiled sweeps, populations and sensitivity requests: plain, JSON-serialisable data that the
 * engine (and the worker pool) consume. The compiler (compiler/compile-analysis.ts) produces them.
 */
import type { ModelDescription } from '../model-description.js';

/** What a sweep measures: a series key of the arm, at a time. */
export interface MeasurePlan {
    readonly key: string;
    readonly unit: string;
    readonly atDays: number;
}

export interface SweepAxis {
    /** "start of AntiTNF in treated", "severity of rheumatoid_arthritis", "rankl_per_tnf". */
    readonly label: string;
    /** Unit of `values` as written ("months", "mg", the parameter table's unit), "" for severities. */
    readonly unit: string;
    readonly values: readonly (number | string)[];
}

export interface SweepPlan {
    readonly name: string;
    readonly title?: string;
    readonly arm: string;
    /** One axis (1-D) or two (a grid). */
    readonly axes: readonly SweepAxis[];
    readonly measure: MeasurePlan;
    /** One complete description per grid point, row-major over the axes. */
    readonly runs: readonly ModelDescription[];
}

export type Distribution =
    | { readonly kind: 'lognormal'; readonly median: number; readonly cv: number }
    | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
    /** A category per patient with the given shares (summing to 1); `value` is what the category sets (severity → activity). */
    | { readonly kind: 'categorical'; readonly categories: readonly { readonly label: string; readonly share: number; readonly value: number }[] };

/** What a population variable changes: a model parameter (default), a drug's PK, the patient, a dose in an arm, a condition's severity. */
export type PopulationTarget =
    | { readonly kind: 'parameter' }
    | { readonly kind: 'drug'; readonly drug: string; readonly field: 'clearance' | 'volume' | 'half_life' | 'ic50' | 'ka' | 'bioavailability' }
    | { readonly kind: 'patient'; readonly field: 'weight' | 'age' | 'height' }
    | { readonly kind: 'dose'; readonly arm: string; readonly drug: string; readonly nominalMg: number }
    | { readonly kind: 'severity'; readonly condition: string };

export interface PopulationVariable {
    /** Display name and key of the draws: the parameter, "adalimumab.clearance", "weight", "dose of R in ARM", "severity of C". */
    readonly parameter: string;
    /** The unit of the drawn values (the parameter table's for parameters). */
    readonly unit: string;
    readonly distribution: Distribution;
    /** Draws are clamped to the valid range. */
    readonly min: number;
    readonly max: number;
    /** Absent: a model parameter. */
    readonly target?: PopulationTarget;
}

/** `correlate A, B r`: indices of two continuous variables and their correlation on the normal scale. */
export interface PopulationCorrelation {
    readonly first: number;
    readonly second: number;
    readonly rho: number;
}

/** `responders OUTPUT [at SITE] > THRESHOLD at TIME`: the share of patients beyond a threshold, per arm. */
export interface ResponderPlan {
    readonly label: string;
    readonly key: string;
    readonly atDays: number;
    readonly comparison: '>' | '<';
    readonly threshold: number;
}

export interface PopulationPlan {
    readonly name: string;
    readonly title?: string;
    readonly size: number;
    readonly seed: number;
    readonly variables: readonly PopulationVariable[];
    readonly correlations?: readonly PopulationCorrelation[];
    readonly responders?: readonly ResponderPlan[];
    /** The arms every virtual patient goes through (the scenario's selected arms). */
    readonly arms: readonly ModelDescription[];
}

/** Most points a population percentile band or a sweep curve carries (enough for a chart). */
export const MAX_CURVE_POINTS = 200;
/** Largest sweep grid and population the language accepts (runs). */
export const MAX_RUNS = 10_000;
/** Defaults of a `population` without `size` or `seed`. */
export const DEFAULT_POPULATION_SIZE = 100;
export const DEFAULT_SEED = 1;
