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
    | { readonly kind: 'uniform'; readonly low: number; readonly high: number };

export interface PopulationVariable {
    readonly parameter: string;
    /** The parameter table's unit. */
    readonly unit: string;
    readonly distribution: Distribution;
    /** Draws are clamped to the parameter's valid range. */
    readonly min: number;
    readonly max: number;
}

export interface PopulationPlan {
    readonly name: string;
    readonly title?: string;
    readonly size: number;
    readonly seed: number;
    readonly variables: readonly PopulationVariable[];
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
