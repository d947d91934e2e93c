/**
 * `sweep` and `population` blocks → plans of complete model descriptions (analysis/analysis-plan.ts).
 * A sweep point is compiled like the arm itself, from shallow copies of the AST nodes with the varied
 * value put in place, so that a sweep run is exactly the run the user would get by writing that value.
 */
import {
    isArm, isConditionUse, isGive, isOutput, isMediator, isDrug, isCell, isCytokine,
    type Arm, type ConditionUse, type Give, type Measure, type Population, type Quantity, type Scenario, type Sweep,
    type SweepVary, type VaryTarget
} from '../generated/ast.js';
import { DEFAULT_POPULATION_SIZE, DEFAULT_SEED, findParameter, lookupUnit, MAX_RUNS, type MeasurePlan, type ModelDescription, type ParameterInfo, type PopulationPlan, type PopulationVariable, seriesOf, type SweepAxis, type SweepPlan } from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { compileArm, IMPLICIT_ARM } from './compile-scenario.js';
import { convert } from './quantities.js';
import { compileCorrelations, compileResponders, compileVary, variesParameter } from './compile-population.js';

/** One value of an axis: what is shown, and how it changes the scenario. */
interface AxisPoint {
    readonly shown: number | string;
    readonly apply: (edit: Edit) => void;
}

/** The AST copies one sweep point compiles from. */
interface Edit {
    gives: Map<Give, Give>;
    conditions: Map<ConditionUse, ConditionUse>;
    parameters: Record<string, number>;
}

interface CompiledAxis extends SweepAxis {
    readonly points: readonly AxisPoint[];
    readonly arm?: Arm;
}

export function compileSweeps(scenario: Scenario, selectedArms?: readonly string[]): SweepPlan[] {
    const plans: SweepPlan[] = [];
    for (const sweep of scenario.members.filter((m): m is Sweep => m.$type === 'Sweep')) {
        const plan = compileSweep(scenario, sweep, selectedArms);
        if (plan) plans.push(plan);
    }
    return plans;
}

function compileSweep(scenario: Scenario, sweep: Sweep, selectedArms?: readonly string[]): SweepPlan | undefined {
    if (sweep.vary.length === 0) throw new CompileError(`sweep ${sweep.name} varies nothing (e.g. vary rankl_per_tnf from 5 to 40 step 5)`, sweep);
    if (sweep.vary.length > 2) throw new CompileError(`sweep ${sweep.name} varies ${sweep.vary.length} inputs; a sweep has one or two vary lines`, sweep.vary[2]);
    const axes = sweep.vary.map(v => compileAxis(scenario, v));
    const named = axes.map(a => a.arm).filter((a): a is Arm => !!a);
    if (named.length === 2 && named[0] !== named[1]) {
        throw new CompileError(`sweep ${sweep.name} varies arms ${named[0].name} and ${named[1].name}; a sweep runs one arm`, sweep.vary[1]);
    }
    const arms = scenario.members.filter(isArm);
    const arm = named[0] ?? arms[0];
    const armName = arm?.name ?? IMPLICIT_ARM;
    if (selectedArms && !selectedArms.includes(armName)) return undefined;
    const total = axes.reduce((n, a) => n * a.points.length, 1);
    if (total > MAX_RUNS) throw new CompileError(`sweep ${sweep.name} has ${total} runs; at most ${MAX_RUNS} are allowed`, sweep);
    const base = compileArm(scenario, arm);
    const measure = compileMeasure(sweep, base);

    const runs: ModelDescription[] = [];
    const grid = axes.length === 1 ? axes[0].points.map(p => [p]) : axes[0].points.flatMap(p => axes[1].points.map(q => [p, q]));
    for (const combination of grid) {
        const edit: Edit = { gives: new Map(), conditions: new Map(), parameters: {} };
        for (const point of combination) point.apply(edit);
        runs.push(compilePoint(scenario, arm, base, edit));
    }
    return {
        name: sweep.name, title: sweep.title, arm: armName, measure, runs,
        axes: axes.map(({ label, unit, values }) => ({ label, unit, values }))
    };
}

function compilePoint(scenario: Scenario, arm: Arm | undefined, base: ModelDescription, edit: Edit): ModelDescription {
    let desc = base;
    if (edit.gives.size > 0 || edit.conditions.size > 0) {
        const armCopy = arm && { ...arm, interventions: arm.interventions.map(i => (isGive(i) && edit.gives.get(i)) || i) } as Arm;
        const scenarioCopy = edit.conditions.size === 0 ? scenario
            : { ...scenario, members: scenario.members.map(m => (isConditionUse(m) && edit.conditions.get(m)) || m) } as Scenario;
        desc = compileArm(scenarioCopy, armCopy);
    }
    // The output grid is identical for every point: share it.
    const parameters = Object.keys(edit.parameters).length > 0 ? { ...desc.parameters, ...edit.parameters } : desc.parameters;
    return { ...desc, sampleTimes: base.sampleTimes, parameters };
}

function compileAxis(scenario: Scenario, vary: SweepVary): CompiledAxis {
    const target = vary.target;
    if (!target) throw new CompileError('vary needs a target', vary);
    if (target.aspect === 'severity') return severityAxis(scenario, vary, target);
    if (target.aspect) return giveAxis(vary, target);
    return parameterAxis(vary, target);
}

function giveAxis(vary: SweepVary, target: VaryTarget): CompiledAxis {
    const arm = target.arm?.ref;
    const given = target.given?.ref;
    if (!arm || !given) throw new CompileError(`unknown ${arm ? 'drug or regimen' : 'arm'} in vary ${target.aspect} of`, vary);
    const gives = arm.interventions.filter(isGive).filter(g => g.target?.ref === given);
    if (gives.length === 0) throw new CompileError(`${given.name} is not given in arm ${arm.name}`, target);
    if (gives.length > 1) throw new CompileError(`${given.name} is given ${gives.length} times in arm ${arm.name}; the sweep would not know which to vary`, target);
    const give = gives[0];
    const label = `${target.aspect} of ${given.name} in ${arm.name}`;
    const dimensions = target.aspect === 'dose' ? ['mass', 'massPerWeight'] as const : ['time'] as const;
    const { unit, values } = numericValues(vary, dimensions, label);
    const points = values.map(({ shown, quantity }): AxisPoint => ({
        shown,
        apply: edit => {
            const current = edit.gives.get(give) ?? give;
            const dosing = current.dosing ?? (given.$type === 'Regimen' ? (given as { dosing?: Give['dosing'] }).dosing : undefined);
            if (target.aspect === 'start') {
                edit.gives.set(give, { ...current, from: quantity } as Give);
            } else {
                if (!dosing) throw new CompileError(`${given.name} has no dose to vary`, target);
                if (target.aspect === 'interval' && dosing.once) throw new CompileError(`${given.name} is given once; it has no interval to vary`, target);
                const changed = target.aspect === 'dose' ? { ...dosing, amount: quantity } : { ...dosing, interval: quantity };
                edit.gives.set(give, { ...current, dosing: changed } as Give);
            }
        }
    }));
    return { label, unit, values: values.map(v => v.shown), points, arm };
}

function severityAxis(scenario: Scenario, vary: SweepVary, target: VaryTarget): CompiledAxis {
    const condition = target.condition?.ref;
    if (!condition) throw new CompileError(`unknown condition '${target.condition?.$refText}'`, target);
    const use = scenario.members.filter(isConditionUse).find(u => u.condition?.ref === condition);
    if (!use) throw new CompileError(`scenario ${scenario.name} does not use condition ${condition.name}`, target);
    const label = `severity of ${condition.name}`;
    if (vary.values.length === 0 || vary.values.some(v => !v.severity)) {
        throw new CompileError(`${label} takes severities: values mild, moderate, high`, vary);
    }
    const points = vary.values.map(v => ({
        shown: v.severity!,
        apply: (edit: Edit) => { edit.conditions.set(use, { ...use, severity: v.severity } as ConditionUse); }
    }));
    return { label, unit: '', values: points.map(p => p.shown), points, arm: target.arm?.ref };
}

function parameterAxis(vary: SweepVary, target: VaryTarget): CompiledAxis {
    const info = findParameter(target.parameter ?? '');
    if (!info) throw new CompileError(`unknown model parameter '${target.parameter}'`, target);
    const values = rangeOrList(vary, info.name).map(q => {
        const value = parameterQuantity(q, info);
        if (value === undefined) throw new CompileError(`${info.name} is in ${info.unit}; '${q.unit}' does not convert to it`, q);
        if (!(value >= info.min && value <= info.max)) throw new CompileError(`${info.name} = ${value} is outside its valid range [${info.min}, ${info.max}]`, q);
        return value;
    });
    const points = gridOf(values, vary).map(value => ({
        shown: value,
        apply: (edit: Edit) => { edit.parameters[info.name] = value; }
    }));
    return { label: info.name, unit: info.unit, values: points.map(p => p.shown), points, arm: target.arm?.ref };
}

/** The quantities a vary line lists, or from/to/step. */
function rangeOrList(vary: SweepVary, what: string): Quantity[] {
    if (vary.values.length > 0) {
        if (vary.values.some(v => !v.quantity)) throw new CompileError(`${what} takes numbers, not severities`, vary);
        return vary.values.map(v => v.quantity!);
    }
    if (!vary.from || !vary.to || !vary.step) throw new CompileError(`vary ${what} needs 'from A to B step S' or 'values A, B'`, vary);
    return [vary.from, vary.to, vary.step];
}

/** A from/to/step triple expands to its grid; a list stays as it is. */
function gridOf(values: number[], vary: SweepVary): number[] {
    if (vary.values.length > 0) return values.map(v => Number(v.toPrecision(12)));
    const [from, to, step] = values;
    if (!(step > 0)) throw new CompileError('the step of a sweep must be greater than 0', vary.step);
    if (!(to > from)) throw new CompileError(`'to' must be greater than 'from'`, vary.to);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_RUNS) throw new CompileError(`the range has ${count} values; at most ${MAX_RUNS} runs are allowed`, vary);
    // from + k·step, rounded to 12 digits so that 0.1-steps print as 0.3, not 0.30000000000000004.
    return Array.from({ length: count }, (_, k) => Number((from + k * step).toPrecision(12)));
}

/** Times or doses: shown in the unit of the first quantity written, applied as quantities in that unit. */
function numericValues(vary: SweepVary, dimensions: readonly ('time' | 'mass' | 'massPerWeight')[], label: string): { unit: string; values: { shown: number; quantity: Quantity }[] } {
    const quantities = rangeOrList(vary, label);
    const first = quantities[0];
    const unit = first.unit ?? '';
    const canonical = quantities.map(q => convert(q, dimensions, `${label} value`));
    const dimension = canonical[0].dimension;
    if (canonical.some(c => c.dimension !== dimension)) throw new CompileError(`the values of ${label} mix mg and mg/kg`, vary);
    const factor = convert({ ...first, value: 1 } as Quantity, dimensions, label).value;
    const inUnit = canonical.map(c => c.value / factor);
    const shown = gridOf(inUnit, vary);
    for (const v of shown) {
        if (v < 0 || (label.startsWith('dose') || label.startsWith('interval')) && !(v > 0)) {
            throw new CompileError(`${label} must be ${label.startsWith('start') ? 'at least 0' : 'greater than 0'}, not ${v} ${unit}`, vary);
        }
    }
    return { unit, values: shown.map(v => ({ shown: v, quantity: { $type: 'Quantity', value: v, unit: first.unit, fold: false } as unknown as Quantity })) };
}

/** A quantity in the parameter table's unit; a bare number is taken as already in it. Undefined when it does not convert. */
export function parameterQuantity(q: Quantity, p: ParameterInfo): number | undefined {
    if (typeof q.value !== 'number' || !Number.isFinite(q.value)) return undefined;
    if (q.fold || !q.unit || q.unit === 'x') return q.value;
    if (q.unit.replace(/\s+/g, '') === p.unit.replace(/\s+/g, '')) return q.value;
    const from = lookupUnit(q.unit);
    if (from?.dimension === 'fraction' && (p.unit === 'fraction' || p.unit === '–')) return q.value * from.factor;
    const to = lookupUnit(p.unit);
    if (from && to && from.dimension === to.dimension) return q.value * from.factor / to.factor;
    return undefined;
}

// ------------------------------------------------------------------ measure

/** The series key a `measure` line names ("bmd.lumbar_spine", "rankl", "drug.adalimumab"), or a reason it cannot. */
export function measuredKey(measure: Measure): { key?: string; problem?: string } {
    const target = measure.target?.ref;
    if (!target) return { problem: `unknown output '${measure.target?.$refText}'` };
    const site = measure.site?.ref?.name;
    if (isOutput(target) && target.perSite) {
        return site ? { key: `${target.name}.${site}` } : { problem: `${target.name} is measured at a site (e.g. measure ${target.name} at lumbar_spine at 1 year)` };
    }
    if (site) return { problem: `${target.name} is computed for the systemic compartment only; it takes no site` };
    if (isOutput(target)) return { key: target.name === 'alveolar_height_loss' ? 'alveolar_height_loss_mm' : target.name };
    if (isMediator(target)) return { key: target.name.toLowerCase() };
    if (isDrug(target)) return { key: `drug.${target.name}` };
    if (isCell(target) || isCytokine(target)) return { key: target.name };
    return { problem: `${(target as { name?: string }).name} is not an output` };
}

function compileMeasure(sweep: Sweep, base: ModelDescription): MeasurePlan {
    const measure = sweep.measure[0];
    if (!measure) throw new CompileError(`sweep ${sweep.name} has no measure (e.g. measure bmd at lumbar_spine at 2 years)`, sweep);
    if (sweep.measure.length > 1) throw new CompileError(`sweep ${sweep.name} measures more than one output; declare one sweep per output`, sweep.measure[1]);
    const { key, problem } = measuredKey(measure);
    if (!key) throw new CompileError(problem!, measure);
    const unit = seriesOf(base).get(key);
    if (unit === undefined) throw new CompileError(`${key} is not computed in arm ${base.arm}`, measure);
    const atDays = measure.time ? convert(measure.time, ['time'], 'measure time').value : base.durationDays;
    if (atDays < 0 || atDays > base.durationDays * (1 + 1e-12)) {
        throw new CompileError(`measure time (day ${+atDays.toPrecision(6)}) is outside the scenario's ${+base.durationDays.toPrecision(6)} days`, measure.time);
    }
    return { key, unit, atDays };
}

// ------------------------------------------------------------------ populations

export function compilePopulations(scenario: Scenario, arms: readonly ModelDescription[]): PopulationPlan[] {
    return scenario.members.filter((m): m is Population => m.$type === 'Population').map(population => {
        const size = population.size ?? DEFAULT_POPULATION_SIZE;
        if (!Number.isInteger(size) || size < 1 || size > MAX_RUNS) throw new CompileError(`population size must be a whole number from 1 to ${MAX_RUNS}`, population);
        const seed = population.seed ?? DEFAULT_SEED;
        if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new CompileError('a seed is a whole number from 0 to 4294967295', population);
        const set = arms[0]?.parameters ?? {};
        const variables = population.vary.map((vary): PopulationVariable => {
            if (!variesParameter(vary)) return compileVary(vary, arms);
            const info = findParameter(vary.parameter ?? '');
            if (!info) throw new CompileError(`unknown model parameter '${vary.parameter}'`, vary);
            const common = { parameter: info.name, unit: info.unit, min: info.min, max: info.max };
            if (vary.distribution === 'lognormal') {
                const cv = vary.cv ? convert(vary.cv, ['fraction', 'fold'], `coefficient of variation of ${info.name}`).value : NaN;
                if (!(cv > 0)) throw new CompileError(`the coefficient of variation of ${info.name} must be greater than 0 (e.g. lognormal 30 %)`, vary.cv ?? vary);
                const median = set[info.name] ?? info.value;
                if (!(median > 0)) throw new CompileError(`${info.name} is ${median}; a log-normal spread needs a positive value`, vary);
                return { ...common, distribution: { kind: 'lognormal', median, cv } };
            }
            const low = vary.low ? parameterQuantity(vary.low, info) : undefined;
            const high = vary.high ? parameterQuantity(vary.high, info) : undefined;
            if (low === undefined || high === undefined) throw new CompileError(`uniform bounds of ${info.name} must be in ${info.unit}`, vary);
            if (!(low < high)) throw new CompileError(`uniform ${low} to ${high}: the lower bound must be below the upper`, vary);
            if (low < info.min || high > info.max) throw new CompileError(`${info.name} must stay within [${info.min}, ${info.max}]`, vary);
            return { ...common, distribution: { kind: 'uniform', low, high } };
        });
        const keys = variables.map(v => v.parameter);
        const twice = keys.find((k, i) => keys.indexOf(k) !== i);
        if (twice) throw new CompileError(`${twice} is varied twice in population ${population.name}`, population);
        const correlations = compileCorrelations(population, variables);
        const responders = population.responders.map(r => compileResponders(r, arms));
        return {
            name: population.name, title: population.title, size, seed, variables, arms,
            ...(correlations.length > 0 ? { correlations } : {}), ...(responders.length > 0 ? { responders } : {})
        };
    });
}
