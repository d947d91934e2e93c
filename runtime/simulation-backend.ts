/**
 * Where simulations run, as a contract without Node types: the desktop server and the CLI give the worker pool
 * (worker-pool.ts: worker threads, one cancellation path, one crash restart); the web server runs the engine in
 * its own web worker (server/src/in-process-backend.ts). The request handlers only see this interface, so the web
 * bundle's type check (server/tsconfig.browser.json) proves it needs nothing from Node.
 */
import type { CompiledScenario, ScenarioResult, SimTask, TaskOutput, TaskRunOptions } from '../simulator/index.js';

export interface PoolRunOptions extends TaskRunOptions {
    /** Receives a function that cancels the work (an LSP cancellation token's listener calls it). */
    readonly onCancel?: (cancel: () => void) => void;
}

export interface ScenarioRunOptions {
    /** Arms simulated so far, of all, and the arm being simulated. */
    readonly onProgress?: (done: number, total: number, label: string) => void;
    /** Receives a function that cancels the run. */
    readonly onCancel?: (cancel: () => void) => void;
    readonly isCancelled?: () => boolean;
}

/** Every failure is a WorkerPoolError (simulation-errors.ts), except an analysis's own AnalysisFailedError. */
export interface SimulationBackend {
    /** One document's scenarios and arms. */
    simulate(compiled: CompiledScenario[], options?: ScenarioRunOptions): Promise<ScenarioResult[]>;
    /** The runs of a sweep, population or sensitivity request, outputs in task order. */
    run(tasks: readonly SimTask[], options?: PoolRunOptions): Promise<TaskOutput[]>;
    dispose(): void;
}
