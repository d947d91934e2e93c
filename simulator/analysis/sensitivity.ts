/**
 * Local sensitivity of one output at one time to every model parameter, by central finite
 * differences in ln(parameter): p·exp(±h). Normalised (an elasticity, d ln y / d ln p) for outputs
 * that are levels; absolute (d y / d ln p, in the output's unit) for outputs that are changes from
 * baseline (BMD % change, height loss), which may be 0 or change sign.
 */
import type { ModelDescription } from '../model-description.js';
import { PARAMETERS, type ParameterInfo } from '../model/parameters.js';
import type { SensitivityParameter, SensitivityResult } from '../results.js';
import { AnalysisFailedError } from './analysis-error.js';
import { SelectionError } from '../selection-error.js';
import { isChangeFromBaseline } from './series-keys.js';
import type { SimTask, TaskOutput } from './sim-task.js';

/** ln-step: ±1 % is well above the solver's error (rtol 1e-6) and well inside the linear range. */
export const DEFAULT_LOG_STEP = 0.01;
/** Relative size (of the table's default, or 1) of the step for a parameter whose value is 0. */
const ZERO_VALUE_STEP = 1e-3;

interface Probe {
    readonly info: ParameterInfo;
    readonly value: number;
    readonly difference: SensitivityParameter['difference'];
    /** Parameter values of the up and down runs (the base value stands for a missing side). */
    readonly up: number;
    readonly down: number;
}

export interface SensitivityPlan {
    readonly desc: ModelDescription;
    readonly output: string;
    readonly atDays: number;
    readonly step: number;
    readonly probes: readonly Probe[];
}

export function planSensitivity(desc: ModelDescription, output: string, atDays: number, step = DEFAULT_LOG_STEP, only?: readonly string[]): SensitivityPlan {
    for (const name of only ?? []) if (!PARAMETERS.some(p => p.name === name)) throw new SelectionError(`'${name}' is not a model parameter (osteo list parameters names them)`);
    const probes = PARAMETERS.filter(p => !only || only.includes(p.name)).map((info): Probe => {
        const value = desc.parameters[info.name] ?? info.value;
        if (value === 0) {
            const h = ZERO_VALUE_STEP * (info.value !== 0 ? Math.abs(info.value) : 1);
            return { info, value, difference: 'absolute', up: Math.min(h, info.max), down: 0 };
        }
        let up = value * Math.exp(step), down = value * Math.exp(-step);
        let difference: Probe['difference'] = 'central';
        if (up > info.max && down >= info.min) { up = value; difference = 'backward'; }
        else if (down < info.min && up <= info.max) { down = value; difference = 'forward'; }
        else if (up > info.max && down < info.min) { up = value; down = value; }
        return { info, value, difference, up, down };
    });
    return { desc, output, atDays, step, probes };
}

/** The runs besides the base one: the up and down side of every probe, except sides at the base value. */
function sidesOf(plan: SensitivityPlan): { probe: number; side: 'up' | 'down'; value: number }[] {
    return plan.probes.flatMap((p, probe) => [
        ...(p.up !== p.value ? [{ probe, side: 'up' as const, value: p.up }] : []),
        ...(p.down !== p.value ? [{ probe, side: 'down' as const, value: p.down }] : [])
    ]);
}

/** Task 0 is the base run; then one per side (sidesOf). */
export function sensitivityTasks(plan: SensitivityPlan): SimTask[] {
    const measure = { key: plan.output, atDays: plan.atDays };
    return [
        { desc: plan.desc, measure },
        ...sidesOf(plan).map(s => ({ desc: plan.desc, measure, parameters: { [plan.probes[s.probe].info.name]: s.value } }))
    ];
}

export function sensitivityResult(plan: SensitivityPlan, outputs: readonly TaskOutput[]): SensitivityResult {
    const value = (i: number, what: string): number => {
        const out = outputs[i];
        if (!out.ok) throw new AnalysisFailedError(plan.desc.scenario, plan.desc.arm, out.timeDays, `sensitivity of ${plan.output}: the run with ${what} failed: ${out.message}`);
        return out.value!;
    };
    const baseline = value(0, 'every parameter at its value');
    const absolute = isChangeFromBaseline(plan.output) || !(baseline > 0);
    const notes: string[] = [];
    if (!isChangeFromBaseline(plan.output) && absolute) {
        notes.push(`${plan.output} is ${baseline} at day ${plan.atDays}, so its logarithm is undefined: coefficients are absolute (d output / d ln parameter).`);
    }
    const index = new Map(sidesOf(plan).map((s, i) => [`${s.probe} ${s.side}`, i + 1]));
    const side = (k: number, which: 'up' | 'down', x: number) => {
        const i = index.get(`${k} ${which}`);
        return i === undefined ? baseline : value(i, `${plan.probes[k].info.name} = ${x}`);
    };
    const parameters = plan.probes.map((p, k): SensitivityParameter => {
        const yUp = side(k, 'up', p.up);
        const yDown = side(k, 'down', p.down);
        let coefficient: number;
        if (p.up === p.down) {
            coefficient = 0;
        } else if (p.difference === 'absolute') {
            // Per unit of the parameter, since ln(0) has no neighbourhood.
            const dy = (yUp - yDown) / (p.up - p.down);
            coefficient = absolute ? dy : dy / baseline;
        } else {
            const dlnp = Math.log(p.up) - Math.log(p.down);
            coefficient = absolute || !(yUp > 0 && yDown > 0)
                ? (yUp - yDown) / dlnp / (absolute ? 1 : baseline)
                : (Math.log(yUp) - Math.log(yDown)) / dlnp;
        }
        return {
            name: p.info.name, value: p.value, unit: p.info.unit, coefficient: clean(coefficient),
            assumption: p.info.basis !== 'published', difference: p.difference
        };
    });
    const zero = parameters.filter(p => p.difference === 'absolute').map(p => p.name);
    if (zero.length > 0) {
        notes.push(`${zero.join(', ')} ${zero.length === 1 ? 'is' : 'are'} 0, where ln(parameter) is undefined: ${zero.length === 1 ? 'its coefficient is' : 'their coefficients are'} per unit of the parameter (forward difference of ${ZERO_VALUE_STEP} × the table's default).`);
    }
    const oneSided = parameters.filter(p => p.difference === 'forward' || p.difference === 'backward').map(p => p.name);
    if (oneSided.length > 0) notes.push(`${oneSided.join(', ')}: one-sided difference, the parameter's bound is within the step.`);
    parameters.sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient) || a.name.localeCompare(b.name));
    return {
        scenario: plan.desc.scenario, arm: plan.desc.arm, output: plan.output, at: plan.atDays, baseline,
        form: absolute ? 'absolute' : 'normalised', step: plan.step, parameters, notes
    };
}

/** Differences below the solver's noise floor print as 0, not 3e-17. */
function clean(x: number): number {
    return Math.abs(x) < 1e-12 ? 0 : x;
}
