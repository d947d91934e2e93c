/**
 * How a simulation fails, without Node APIs: shared by the worker thread and pool of the desktop server and by
 * the in-process backend of the web server, so the request handlers tell failures apart the same way in both.
 */
import { ArmFailedError, CancelledError } from '../../simulator/index.js';

export type WorkerFailure =
    | { readonly kind: 'cancelled'; readonly message: string }
    | { readonly kind: 'solver-failed'; readonly message: string; readonly scenario: string; readonly arm: string; readonly timeDays: number }
    | { readonly kind: 'internal'; readonly message: string };

/** Why a run did not produce results; `failure.kind` tells cancellation, solver failure and crashes apart. */
export class SimulationRunError extends Error {
    constructor(readonly failure: WorkerFailure | { readonly kind: 'worker-crashed'; readonly message: string }) {
        super(failure.message);
    }
}

/** Why a batch did not complete: cancelled, a worker died, or a bug in the worker. */
export class WorkerPoolError extends Error {
    constructor(readonly kind: 'cancelled' | 'worker-crashed' | 'internal', message: string) {
        super(message);
        this.name = 'WorkerPoolError';
    }
}

/** The engine's exceptions as plain data (they cross a worker boundary as messages). */
export function failureOf(error: unknown): WorkerFailure {
    if (error instanceof CancelledError) return { kind: 'cancelled', message: error.message };
    if (error instanceof ArmFailedError) {
        return { kind: 'solver-failed', message: error.message, scenario: error.scenario, arm: error.arm, timeDays: error.timeDays };
    }
    return { kind: 'internal', message: (error as Error)?.message ?? String(error) };
}
