import type { SweepResult } from '../results.js';
import { AnalysisFailedError } from './analysis-error.js';
import type { SweepPlan } from './analysis-plan.js';
import type { SimTask, TaskOutput } from './sim-task.js';

/** One task per grid point, row-major; 1-D sweeps also keep the measured series as a curve. */
export function sweepTasks(plan: SweepPlan): SimTask[] {
    const curve = plan.axes.length === 1 ? plan.measure.key : undefined;
    return plan.runs.map(desc => ({ desc, measure: { key: plan.measure.key, atDays: plan.measure.atDays }, curve }));
}

export function sweepResult(plan: SweepPlan, outputs: readonly TaskOutput[]): SweepResult {
    const results: number[] = [];
    const curves: number[][] = [];
    let time: number[] | undefined;
    outputs.forEach((out, i) => {
        if (!out.ok) {
            const desc = plan.runs[i];
            throw new AnalysisFailedError(desc.scenario, desc.arm, out.timeDays,
                `sweep ${plan.name} of scenario ${desc.scenario} failed at ${pointWords(plan, i)}: ${out.message}`);
        }
        results.push(out.value!);
        if (out.curve) curves.push(out.curve);
        time ??= out.time;
    });
    const [first, second] = plan.axes;
    return {
        name: plan.name,
        ...(plan.title !== undefined ? { title: plan.title } : {}),
        arm: plan.arm,
        parameter: first.label, values: [...first.values], unit: first.unit,
        ...(second ? { parameter2: second.label, values2: [...second.values], unit2: second.unit } : {}),
        measure: plan.measure.key, measureUnit: plan.measure.unit, at: plan.measure.atDays,
        results,
        ...(second || !time ? {} : { curves: { time, series: curves } })
    };
}

/** "start of AntiTNF in treated = 6 months, rankl_per_tnf = 20". */
function pointWords(plan: SweepPlan, index: number): string {
    const [first, second] = plan.axes;
    const i = second ? Math.floor(index / second.values.length) : index;
    const words = [`${first.label} = ${first.values[i]}${first.unit ? ` ${first.unit}` : ''}`];
    if (second) {
        const j = index % second.values.length;
        words.push(`${second.label} = ${second.values[j]}${second.unit ? ` ${second.unit}` : ''}`);
    }
    return words.join(', ');
}
