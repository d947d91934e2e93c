/**
 * The web language server's simulation backend: the engine runs in the server's own web worker (a browser has no
 * worker_threads and no child processes, so no pool either: sweeps and populations run one task after another).
 * The engine is synchronous, so a cancel is seen only between runs; the request then answers "cancelled".
 */
import { serialRunner, simulateCompiled, type CompiledScenario, type ScenarioResult, type SimTask, type TaskOutput } from '../../simulator/index.js';
import { failureOf, poolErrorOf } from '../../runtime/simulation-errors.js';
import type { PoolRunOptions, ScenarioRunOptions, SimulationBackend } from '../../runtime/simulation-backend.js';

/** Lets queued messages (a cancel, other requests) through before a long synchronous run. */
const yieldToMessages = () => new Promise<void>(resolve => setTimeout(resolve, 0));

export function inProcessBackend(): SimulationBackend {
    return {
        async simulate(compiled: CompiledScenario[], options: ScenarioRunOptions = {}): Promise<ScenarioResult[]> {
            let cancelled = false;
            options.onCancel?.(() => { cancelled = true; });
            await yieldToMessages();
            try {
                return simulateCompiled(compiled, { isCancelled: () => cancelled || !!options.isCancelled?.(), onProgress: options.onProgress });
            } catch (error) {
                throw poolErrorOf(failureOf(error));
            }
        },
        async run(tasks: readonly SimTask[], options: PoolRunOptions = {}): Promise<TaskOutput[]> {
            let cancelled = false;
            options.onCancel?.(() => { cancelled = true; });
            await yieldToMessages();
            try {
                return await serialRunner.run(tasks, { onProgress: options.onProgress, isCancelled: () => cancelled || !!options.isCancelled?.() });
            } catch (error) {
                const failure = failureOf(error);
                if (failure.kind === 'solver-failed') throw error;   // AnalysisFailedError and friends keep their own handling
                throw poolErrorOf(failure);
            }
        },
        dispose: () => undefined
    };
}
