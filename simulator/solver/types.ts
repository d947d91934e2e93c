/** Public types of the ODE solver. Plain data and functions only: no VS Code, LSP or Langium types. */

export interface OdeSystem {
    readonly size: number;
    rhs(t: number, y: Float64Array, dydt: Float64Array): void;
    /** Optional analytic Jacobian, row-major n×n: jac[i*n + j] = ∂f_i/∂y_j. Finite differences otherwise. */
    jacobian?(t: number, y: Float64Array, jac: Float64Array): void;
}

export type SolverMethod = 'ros34pw2' | 'ros34prw' | 'dopri5' | 'bdf';

export interface SolverOptions {
    /**
     * Default 'ros34pw2' (stiff, a true Rosenbrock-W method: reuses its Jacobian across steps); 'ros34prw' (stiff,
     * fresh Jacobian every step); 'dopri5' is explicit, for non-stiff systems; 'bdf' is a variable-order (1–5)
     * multistep method (NDF) for stiff systems with smooth pieces between doses.
     */
    method?: SolverMethod;
    /** Relative tolerance, default 1e-6. */
    rtol?: number;
    /** Absolute tolerance, one value or one per state; default 1e-9. Must be positive. */
    atol?: number | ArrayLike<number>;
    /** First step after t0 and after every jump; estimated from the system when absent. */
    initialStep?: number;
    maxStep?: number;
    /** Step attempts allowed per smooth piece between jumps (accepted + rejected), default 1e6 → SolverError. */
    maxSteps?: number;
    /** Polled every few steps; returning true throws CancelledError. */
    isCancelled?: () => boolean;
}

export interface SolverStats {
    steps: number;
    rejectedSteps: number;
    rhsEvaluations: number;
    jacobianEvaluations: number;
    decompositions: number;
}

/** The integration cannot continue: step size underflow, non-finite state or derivative, step budget spent, bad input. */
export class SolverError extends Error {
    /**
     * @param time the time (in the system's unit) where integration stopped
     * @param component index of the offending state when one is known (non-finite value)
     */
    constructor(message: string, readonly time: number, readonly component?: number) {
        super(message);
        this.name = 'SolverError';
    }
}

export class CancelledError extends Error {
    constructor(message = 'simulation cancelled') {
        super(message);
        this.name = 'CancelledError';
    }
}

export function emptyStats(): SolverStats {
    return { steps: 0, rejectedSteps: 0, rhsEvaluations: 0, jacobianEvaluations: 0, decompositions: 0 };
}
