/**
 * What the compiler hands the engine for one scenario: plain data (model descriptions, the reported
 * series, the notes, and the sweep and population plans), so it crosses into a worker unchanged.
 */
import type { PopulationPlan, SweepPlan } from './analysis/analysis-plan.js';
import type { ModelDescription } from './model-description.js';
import type { ObservationPlan } from './data/observations.js';
import type { SensitivityStudyPlan } from './analysis/sensitivity-study.js';

/** One scenario of a document, compiled: one model description per arm. */
export interface CompiledScenario {
    readonly name: string;
    readonly title: string;
    readonly durationDays: number;
    readonly arms: ModelDescription[];
    /** Series keys chosen by the `report` lines (or the default report). */
    readonly reported: string[];
    /** Days of the summary columns (`report at …`), ascending; absent: the default (1 year). */
    readonly summaryTimes?: number[];
    /** Arm of the difference column (`compare to ARM`); absent: the first arm. */
    readonly reference?: string;
    readonly notes: string[];
    /** The scenario's `observe` lines with their data points (absent: none); their times are in the arms' output grids. */
    readonly observations?: ObservationPlan[];
}

/** A compiled scenario with its sweeps, populations and sensitivity studies (absent: none). */
export interface AnalysedScenario extends CompiledScenario {
    readonly sweeps?: SweepPlan[];
    readonly populations?: PopulationPlan[];
    readonly sensitivities?: SensitivityStudyPlan[];
}
