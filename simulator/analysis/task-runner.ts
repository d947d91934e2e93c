import { runTask, type SimTask, type TaskOutput } from './sim-task.js';

export interface TaskRunOptions {
    /** Called after each finished task with the count done and the total. */
    readonly onProgress?: (done: number, total: number) => void;
    readonly isCancelled?: () => boolean;
}

/**
 * Runs a batch of independent tasks and returns their outputs in task order: in this thread
 * (serialRunner) or on the worker pool (runtime/worker-pool.ts), with identical results.
 */
export interface TaskRunner {
    run(tasks: readonly SimTask[], options?: TaskRunOptions): Promise<TaskOutput[]>;
}

export const serialRunner: TaskRunner = {
    async run(tasks, options = {}) {
        const outputs: TaskOutput[] = [];
        for (const task of tasks) {
            outputs.push(runTask(task, options.isCancelled));
            options.onProgress?.(outputs.length, tasks.length);
        }
        return outputs;
    }
};
