/**
 * Where the language server's simulations run, as a contract without Node types: the desktop server gives a worker
 * thread and a pool of them (simulation-runner.ts, worker-pool.ts, main.ts); the web server runs the engine in its
 * own web worker (in-process-backend.ts, browser-main.ts). simulation-handlers.ts only sees this interface, so the
 * web bundle's type check (server/tsconfig.browser.json) proves it needs nothing from Node.
 */
import type { CompiledScenario } from '../../language/src/compiler/compile-scenario.js';
import type { ScenarioResult, SimTask, TaskOutput, TaskRunOptions } from '../../simulator/index.js';

export interface PoolRunOptions extends TaskRunOptions {
    /** Receives a function that cancels the batch (an LSP cancellation token's listener calls it). */
    readonly onCancel?: (cancel: () => void) => void;
}

export interface ScenarioRunOptions {
    readonly onProgress?: (done: number, total: number, label: string) => void;
    /** Receives a function that cancels the run. */
    readonly onCancel?: (cancel: () => void) => void;
}

export interface SimulationBackend {
    /** One document's arms, one run at a time. Failures are SimulationRunError. */
    readonly runner: {
        run(compiled: CompiledScenario[], options?: ScenarioRunOptions): Promise<ScenarioResult[]>;
        dispose(): void;
    };
    /** Every sweep, population and sensitivity request. Failures are WorkerPoolError. */
    readonly pool: {
        run(tasks: readonly SimTask[], options?: PoolRunOptions): Promise<TaskOutput[]>;
        dispose(): void;
    };
}
