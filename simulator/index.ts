/**
 * The engine's public face: what the language (compiler, validation, editor help), the report, the CLI,
 * the server and its worker may use. The engine reads plain data (model descriptions) and returns plain
 * data (results); it never imports Langium, VS Code or the generated AST.
 */
export { AnalysisFailedError } from './analysis/analysis-error.js';
export { DEFAULT_POPULATION_SIZE, DEFAULT_SEED, MAX_RUNS } from './analysis/analysis-plan.js';
export type { MeasurePlan, PopulationCorrelation, PopulationPlan, PopulationTarget, PopulationVariable, ResponderPlan, SweepAxis, SweepPlan } from './analysis/analysis-plan.js';
export { planGlobalSensitivityRequest, planSensitivityRequest } from './analysis/sensitivity-request.js';
export type { GlobalSensitivityRequest, SensitivityRequest } from './analysis/sensitivity-request.js';
export { boneModelEvaluator, DEFAULT_SAMPLES, globalSensitivityResult, globalSensitivityTasks, MAX_GLOBAL_RUNS, MIN_SAMPLES, ADVISED_SOBOL_SAMPLES, RANGE_FACTOR, planGlobalSensitivity, rowOutputs } from './analysis/global-sensitivity-plan.js';
export type { FactorRequest, GlobalSensitivityPlan } from './analysis/global-sensitivity-plan.js';
export { analyse, designRow, designRowCount, globalSensitivity } from './analysis/global-sensitivity.js';
export type { Factor, GlobalDesign, GlobalIndices, GlobalMethod, RowEvaluator, RowOutputs } from './analysis/global-sensitivity.js';
export { planSensitivity, sensitivityResult, sensitivityTasks } from './analysis/sensitivity.js';
export { studyResult, studyRuns, studyTasks } from './analysis/sensitivity-study.js';
export type { SensitivityStudyPlan } from './analysis/sensitivity-study.js';
export type { SensitivityPlan } from './analysis/sensitivity.js';
export { seriesOf } from './analysis/series-keys.js';
export { runTask } from './analysis/sim-task.js';
export { DEFAULT_HEIGHT_CM, mostellerBsa } from './analysis/population-member.js';
export type { SimTask, TaskOutput } from './analysis/sim-task.js';
export { sweepTasks } from './analysis/sweep.js';
export { serialRunner } from './analysis/task-runner.js';
export type { TaskRunner, TaskRunOptions } from './analysis/task-runner.js';
export type { CompiledScenario } from './compiled-scenario.js';
export { exportPython } from './export/index.js';
export { LOCAL_SITES } from './model-description.js';
export type { ConditionDescription, ConditionProcess, CytokineName, DoseEvent, DrugDescription, ImmuneCellName, InfusionDescription, MechanismVerb, MediatorName, ModelDescription, PatientDescription, SiteName } from './model-description.js';
export { MODEL_INFO } from './model/model-info.js';
export { findParameter, ModelInputError, PARAMETERS, resolveParameters } from './model/parameters.js';
export type { ParameterInfo, ParameterValues } from './model/parameters.js';
export { ANTIRESORPTIVE_CLASSES, BIOLOGIC_CLASSES, DRUG_CLASS_INFO, EXPLORATORY_NOTE, isExploratoryMechanism, LOCAL_RELEASE_NOTE, SHORT_TERM_CLASSES, TARGETED_DELIVERY_NOTE } from './pharmacology.js';
export type { GlobalSensitivityParameter, GlobalSensitivityResult, ScenarioSensitivityResult, ArmResult, PopulationArmResult, PopulationParameter, PopulationResult, ResponderResult, RunResult, ScenarioResult, SensitivityParameter, SensitivityResult, SeriesSummary, SweepResult } from './results.js';
export { analysisBatch, analysisRuns, ArmFailedError, armsOnly, buildRunResult, runAnalyses, withAnalyses, SelectionError, simulateCompiled } from './run-scenarios.js';
export type { AnalysedScenario, AnalysisBatch, SimulateOptions } from './run-scenarios.js';
export { simulateArm, valueAt } from './simulate.js';
export { CancelledError, solvePiecewise } from './solver/index.js';
export type { Jump, OdeSystem, SolverOptions, SolverStats } from './solver/index.js';
export { allUnits, CANONICAL_UNIT, DAYS_PER_MONTH, DAYS_PER_YEAR, describeDimension, dosingRate, formatDays, lookupUnit, toCanonical, unitsOf } from './units.js';
export type { Dimension } from './units.js';
export { DOSE_DIMENSIONS, QUANTITY_TABLE, quantitySlot } from './quantity-table.js';
export type { QuantityRange, QuantitySlot } from './quantity-table.js';
export { CsvParser, DataReadError, delimiterOf, MAX_DATA_BYTES, MAX_DATA_ROWS, parseCsvText, quoteCell } from './data/csv-table.js';
export type { CsvTable, DataColumn } from './data/csv-table.js';
export { checkColumns, findColumn, goodnessOfFit, groupsOf, selectPoints } from './data/observations.js';
export type { DataProblem, DataSpec, GoodnessOfFit, ObservationPlan, ObservationResult, SelectedPoints } from './data/observations.js';
export { DEFAULT_SEED as DEFAULT_FIT_SEED, DEFAULT_STARTS } from './fit/fit-problem.js';
export type { FitEstimate, FitProblem } from './fit/fit-problem.js';
export { finishFit, FitFailedError, fitStartTasks, runFit } from './fit/run-fit.js';
export type { EstimateResult, FitCurve, FitResult, RunFitOptions } from './fit/run-fit.js';
