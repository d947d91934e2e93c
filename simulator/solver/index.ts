export { CancelledError, SolverError, type OdeSystem, type SolverMethod, type SolverOptions, type SolverStats } from './types.js';
export { integrate, solvePiecewise, type Jump, type PiecewiseResult } from './piecewise.js';
export { integrateFixedStep } from './fixed-step.js';
export { DEFAULT_ATOL, DEFAULT_RTOL } from './tolerances.js';
