export { CompileError, type SourceLocation } from './compile-error.js';
export { compileArm, compileScenario, armNamesOf, IMPLICIT_ARM, DEFAULT_PATIENT, MAX_SAMPLES, type CompiledScenario, type CompileOptions } from './compile-scenario.js';
export { SEVERITY_ACTIVITY } from './compile-condition.js';
export { DEFAULT_REPORTED } from './reported-series.js';
