/**
 * How a simulation fails, without Node APIs: shared by the worker pool and its worker threads (desktop server,
 * CLI) and by the in-process backend of the web server, so the request handlers tell failures apart the same
 * way in both.
 */
import { ArmFailedError, CancelledError } from '../simulator/index.js';

export type WorkerFailure =
    | { readonly kind: 'cancelled'; readonly message: string }
    | { readonly kind: 'solver-failed'; readonly message: string; readonly scenario: string; readonly arm: string; readonly timeDays: number }
    | { readonly kind: 'internal'; readonly message: string };

/**
 * Why a run or a batch did not complete: cancelled, a worker died, the solver failed (with the arm and the time),
 * or a bug in the worker. The language server maps `kind` to its error data, the CLI to a message.
 */
export class WorkerPoolError extends Error {
    constructor(readonly kind: 'cancelled' | 'worker-crashed' | 'solver-failed' | 'internal', message: string,
        readonly at?: { readonly scenario: string; readonly arm: string; readonly timeDays: number }) {
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

/** A failure reported by a worker (or the engine in process) as the error the caller sees. */
export function poolErrorOf(failure: WorkerFailure): WorkerPoolError {
    switch (failure.kind) {
        case 'cancelled': return new WorkerPoolError('cancelled', failure.message);
        case 'solver-failed': return new WorkerPoolError('solver-failed', failure.message, { scenario: failure.scenario, arm: failure.arm, timeDays: failure.timeDays });
        default: return new WorkerPoolError('internal', failure.message);
    }
}
