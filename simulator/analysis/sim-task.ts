/**
 * The unit of work of sweeps, populations and sensitivity: one arm simulated with some parameter
 * values, reduced to what the analysis needs. Pure and synchronous, so a worker thread and the
 * serial path compute bit-identical numbers.
 */
import type { ModelDescription } from '../model-description.js';
import { SolverError } from '../solver/index.js';
import { ModelInputError, simulateArm, valueAt } from '../simulate.js';
import { downsampleIndices, pick } from './downsample.js';
import { runFitWork, type FitWork, type FitWorkOutput } from '../fit/run-fit.js';

export interface SimTask {
    readonly desc: ModelDescription;
    /** Parameter values put on top of the description's `set` overrides (population draws, sensitivity steps). */
    readonly parameters?: Readonly<Record<string, number>>;
    /** The value of this series at `atDays` (linear interpolation between samples). */
    readonly measure?: { readonly key: string; readonly atDays: number };
    /** The values of this series at each of these times (global sensitivity's indices over time). */
    readonly probe?: { readonly key: string; readonly times: readonly number[] };
    /** Return this series over time, downsampled. */
    readonly curve?: string;
    /** Return every series over time, downsampled (populations). */
    readonly allSeries?: boolean;
    /** A fit start or profile (simulator/fit/run-fit.ts): runs instead of the single simulation; `desc` is unused. */
    readonly fit?: FitWork;
}

export type TaskOutput =
    | {
        readonly ok: true;
        readonly value?: number;
        /** The probe's values, one per time. */
        readonly values?: number[];
        /** Downsampled sample times, with `curve` or `series`. */
        readonly time?: number[];
        readonly curve?: number[];
        readonly series?: Record<string, number[]>;
        readonly fit?: FitWorkOutput;
    }
    | { readonly ok: false; readonly message: string; readonly timeDays: number };

/** Runs one task; solver failures and bad parameters become failed outputs, cancellation throws. */
export function runTask(task: SimTask, isCancelled?: () => boolean): TaskOutput {
    if (task.fit) return { ok: true, fit: runFitWork(task.fit, isCancelled) };
    const desc = task.parameters ? { ...task.desc, parameters: { ...task.desc.parameters, ...task.parameters } } : task.desc;
    let arm;
    try {
        arm = simulateArm(desc, { isCancelled });
    } catch (error) {
        if (error instanceof SolverError) return { ok: false, message: error.message, timeDays: error.time };
        if (error instanceof ModelInputError) return { ok: false, message: error.message, timeDays: 0 };
        throw error;
    }
    let value: number | undefined;
    if (task.measure) {
        const values = arm.series[task.measure.key];
        const v = values ? valueAt(arm.time, values, task.measure.atDays) : null;
        if (v === null || !Number.isFinite(v)) return { ok: false, message: `${task.measure.key} is not available at day ${task.measure.atDays}`, timeDays: task.measure.atDays };
        value = v;
    }
    let values: number[] | undefined;
    if (task.probe) {
        const series = arm.series[task.probe.key];
        values = [];
        for (const t of task.probe.times) {
            const v = series ? valueAt(arm.time, series, t) : null;
            if (v === null || !Number.isFinite(v)) return { ok: false, message: `${task.probe.key} is not available at day ${t}`, timeDays: t };
            values.push(v);
        }
        if (!task.curve && !task.allSeries) return { ok: true, value, values };
    }
    if (!task.curve && !task.allSeries) return { ok: true, value };
    const indices = downsampleIndices(arm.time.length);
    const time = pick(arm.time, indices);
    if (task.curve) return { ok: true, value, time, curve: pick(arm.series[task.curve] ?? [], indices) };
    const series: Record<string, number[]> = {};
    for (const [key, values] of Object.entries(arm.series)) series[key] = pick(values, indices);
    return { ok: true, value, time, series };
}
