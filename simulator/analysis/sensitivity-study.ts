/**
 * A scenario's `sensitivity` block (docs/language.md §3.7), compiled: a local plan or a Morris/Sobol design,
 * run by `osteo run` and the results view with the scenario's sweeps and populations (one batch of tasks,
 * split by `--shard` like them), and turned into the same results `osteo sensitivity` prints.
 */
import type { ScenarioSensitivityResult } from '../results.js';
import { analyse, designRowCount, type GlobalMethod } from './global-sensitivity.js';
import { globalSensitivityResult, globalSensitivityTasks, rowOutputs, type GlobalSensitivityPlan } from './global-sensitivity-plan.js';
import { sensitivityResult, sensitivityTasks, type SensitivityPlan } from './sensitivity.js';
import type { SimTask, TaskOutput } from './sim-task.js';

interface StudyName {
    readonly name: string;
    readonly title?: string;
}

export type SensitivityStudyPlan = StudyName & (
    | { readonly method: 'local'; readonly local: SensitivityPlan }
    | { readonly method: GlobalMethod; readonly global: GlobalSensitivityPlan }
);

/** Runs the study takes. */
export function studyRuns(study: SensitivityStudyPlan): number {
    return study.method === 'local' ? sensitivityTasks(study.local).length : designRowCount(study.global.design);
}

/** Its tasks, in the order the result reads them (the run's batch; a shard runs a range of them). */
export function studyTasks(study: SensitivityStudyPlan): SimTask[] {
    return study.method === 'local' ? sensitivityTasks(study.local) : globalSensitivityTasks(study.global);
}

/** The result from the outputs of every task (SelectionError when too few Morris/Sobol samples ran; AnalysisFailedError when a local run failed). */
export function studyResult(study: SensitivityStudyPlan, outputs: readonly TaskOutput[]): ScenarioSensitivityResult {
    const named = { name: study.name, ...(study.title !== undefined ? { title: study.title } : {}) };
    if (study.method === 'local') return { ...named, method: 'local', ...sensitivityResult(study.local, outputs) };
    return { ...named, ...globalSensitivityResult(study.global, analyse(study.global.design, rowOutputs(outputs))) };
}
