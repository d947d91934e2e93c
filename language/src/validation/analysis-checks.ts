/**
 * Checks of `sweep` and `population` blocks (docs/language.md §3.5): what a vary line names exists
 * in the scenario, values have the right dimension and range, grids stay within 10,000 runs, and
 * `measure` names a series the model computes within the horizon. Tolerant of partial ASTs.
 */
import type { ValidationAcceptor } from 'langium';
import {
    isArm, isCell, isConditionUse, isCytokine, isDrug, isGive, isMediator, isOutput,
    isSweep, type Measure, type Population, type PopulationVary, type Quantity, type Responders, type Scenario, type Sensitivity, type SensitivityFactor, type Sweep, type SweepVary
} from '../generated/ast.js';
import { describeDimension, type Dimension, findParameter, lookupUnit, MAX_RUNS, type ParameterInfo, PARAMETERS } from '../../../simulator/index.js';
import { parameterQuantity } from '../compiler/compile-analysis.js';
import { compileDrug } from '../compiler/compile-drug.js';
import { pkFieldValue, type PkField } from '../compiler/compile-population.js';
import { issue, IssueCodes } from './issue-codes.js';
import { closestNames } from './name-suggestions.js';
import { formatDays, measure as measureOf } from './quantities.js';
import { drugOf, dosingOf, scenarioDuration, scenarioOf } from './scenario-facts.js';

/** Cells and mediators the model has a series for (the results contract, simulator/results.ts). */
const COMPUTED_CELLS = new Set(['osteoclasts', 'osteoblasts', 'osteoblast_precursors']);
const COMPUTED_MEDIATORS = new Set(['RANKL', 'OPG']);

// ------------------------------------------------------------------ sweep

const ANALYSES = new Set(['Sweep', 'Population', 'Sensitivity']);

/** Sweeps, populations and sensitivity studies are named in the results: the names must differ within a scenario. */
export function checkAnalysisName(node: Sweep | Population | Sensitivity, accept: ValidationAcceptor): void {
    const scenario = scenarioOf(node);
    if (!node.name || !scenario) return;
    const first = scenario.members.find(m => ANALYSES.has(m.$type) && (m as Sweep | Population | Sensitivity).name === node.name);
    if (first && first !== node) {
        accept('error', `${named('Scenario', scenario.name, '')} already has a sweep, population or sensitivity named '${node.name}'.`, { node, property: 'name', ...issue(IssueCodes.DuplicateName) });
    }
}

export function checkSweep(sweep: Sweep, accept: ValidationAcceptor): void {
    checkAnalysisName(sweep, accept);
    if (sweep.vary.length === 0) {
        accept('error', `${named('Sweep', sweep.name)} varies nothing: add a line such as \`vary rankl_per_tnf from 5 to 40 step 5\`.`,
            { node: sweep, property: 'name', ...issue(IssueCodes.AnalysisStructure) });
    } else if (sweep.vary.length > 2) {
        accept('error', 'A sweep has one vary line (a curve) or two (a grid); split the others into another sweep.',
            { node: sweep.vary[2], ...issue(IssueCodes.AnalysisStructure) });
    }
    if (sweep.measure.length === 0) {
        accept('error', `${named('Sweep', sweep.name)} has no \`measure\` line: say what each run reports, e.g. \`measure bmd at lumbar_spine at 2 years\`.`,
            { node: sweep, property: 'name', ...issue(IssueCodes.AnalysisStructure) });
    }
    for (const extra of sweep.measure.slice(1)) {
        accept('error', 'A sweep measures one output; declare another sweep for a second one.', { node: extra, ...issue(IssueCodes.AnalysisStructure) });
    }
    const arms = sweep.vary.map(v => v.target?.arm?.ref).filter(a => a !== undefined);
    if (arms.length === 2 && arms[0] !== arms[1]) {
        accept('error', `A sweep runs one arm, but its vary lines name ${arms[0]!.name} and ${arms[1]!.name}.`,
            { node: sweep.vary[1].target, property: 'arm', ...issue(IssueCodes.VaryTarget) });
    }
    const runs = sweepRuns(sweep);
    if (runs !== undefined && runs > MAX_RUNS && sweep.vary.length <= 2) {
        accept('error', `This sweep has ${runs.toLocaleString('en-US')} runs; at most ${MAX_RUNS.toLocaleString('en-US')} are allowed (use a coarser step).`,
            { node: sweep, property: 'name', ...issue(IssueCodes.TooManyRuns) });
    }
}

/** Runs of the sweep (the product of its axes), when every axis can be counted. */
export function sweepRuns(sweep: Sweep): number | undefined {
    let runs = 1;
    for (const vary of sweep.vary.slice(0, 2)) {
        const n = axisRuns(vary);
        if (n === undefined) return undefined;
        runs *= n;
    }
    return sweep.vary.length > 0 ? runs : undefined;
}

/** Values on one axis: the list's length, or the count of from, from + step, … ≤ to. */
export function axisRuns(vary: SweepVary): number | undefined {
    if (vary.values.length > 0) return vary.values.length;
    const from = measureOf(vary.from), to = measureOf(vary.to), step = measureOf(vary.step);
    if (!from || !to || !step || !(step.value > 0) || !(to.value > from.value)) return undefined;
    if (from.dimension !== to.dimension || from.dimension !== step.dimension) return undefined;
    return Math.floor((to.value - from.value) / step.value + 1e-9) + 1;
}

export function checkSweepVary(vary: SweepVary, accept: ValidationAcceptor): void {
    const target = vary.target;
    if (!target) return;
    const scenario = scenarioOf(vary);
    if (target.aspect === 'severity') {
        checkSeverityVary(vary, scenario, accept);
        return;
    }
    if (target.aspect) {
        checkGiveVary(vary, scenario, accept);
        return;
    }
    if (!target.parameter) return;
    const parameter = findParameter(target.parameter);
    if (!parameter) {
        unknownParameter(target.parameter, { node: target, property: 'parameter' }, accept);
        return;
    }
    for (const q of numbersOf(vary, accept)) checkParameterValue(q, parameter, accept, vary.step === q);
    checkRange(vary, accept);
}

function checkGiveVary(vary: SweepVary, scenario: Scenario | undefined, accept: ValidationAcceptor): void {
    const target = vary.target;
    const arm = target.arm?.ref;
    const given = target.given?.ref;
    if (arm && given) {
        const gives = arm.interventions.filter(isGive).filter(g => g.target?.ref === given);
        if (gives.length === 0) {
            accept('error', `${given.name} is not given in arm ${arm.name}: a sweep varies a \`give\` of the arm.`,
                { node: target, property: 'given', ...issue(IssueCodes.VaryTarget) });
        } else if (gives.length > 1) {
            accept('error', `${given.name} is given ${gives.length} times in arm ${arm.name}; the sweep would not know which \`give\` to vary.`,
                { node: target, property: 'given', ...issue(IssueCodes.VaryTarget) });
        } else if (target.aspect !== 'start' && !dosingOf(gives[0])) {
            accept('error', `${given.name} has no dose in arm ${arm.name}, so its ${target.aspect} cannot vary.`, { node: target, ...issue(IssueCodes.VaryTarget) });
        } else if (target.aspect === 'interval' && dosingOf(gives[0])?.once) {
            accept('error', `${given.name} is given once; it has no interval to vary.`, { node: target, property: 'aspect', ...issue(IssueCodes.VaryTarget) });
        }
    }
    const isDose = target.aspect === 'dose';
    const dimensions: Dimension[] = isDose ? ['mass', 'massPerWeight'] : ['time'];
    const label = `${target.aspect} of ${target.given?.$refText ?? '…'}`;
    const duration = scenarioDuration(scenario);
    for (const q of numbersOf(vary, accept)) {
        const m = measureOf(q);
        if (!m) {
            if (q.unit && !lookupUnit(q.unit)) accept('error', `Unknown unit '${q.unit}': the ${label} is ${dimensions.map(describeDimension).join(' or ')}.`, { node: q, property: 'unit', ...issue(IssueCodes.UnknownUnit, { suggestions: [] }) });
            continue;
        }
        if (m.dimension === undefined || !dimensions.includes(m.dimension)) {
            accept('error', `The ${label} is ${dimensions.map(describeDimension).join(' or ')}${q.unit ? `, not '${q.unit}'` : ': add a unit'}.`,
                { node: q, ...issue(q.unit ? IssueCodes.WrongUnit : IssueCodes.MissingUnit, { units: isDose ? ['mg', 'mg/kg'] : ['months', 'weeks', 'days', 'years'] }) });
            continue;
        }
        const strict = isDose || target.aspect === 'interval' || q === vary.step;
        if (strict ? !(m.value > 0) : m.value < 0) {
            accept('error', `The ${label} must be ${strict ? 'greater than 0' : 'at least 0'}.`, { node: q, ...issue(IssueCodes.OutOfRange) });
        } else if (target.aspect === 'start' && q !== vary.step && duration !== undefined && m.value >= duration) {
            accept('warning', `Starting at ${formatDays(m.value)} never starts within the ${formatDays(duration)} horizon.`, { node: q, ...issue(IssueCodes.NeverStarts) });
        }
    }
    checkRange(vary, accept);
}

function checkSeverityVary(vary: SweepVary, scenario: Scenario | undefined, accept: ValidationAcceptor): void {
    const target = vary.target;
    const condition = target.condition?.ref;
    if (condition && scenario && !scenario.members.filter(isConditionUse).some(u => u.condition?.ref === condition)) {
        accept('error', `${named('Scenario', scenario.name, '')} does not use condition ${condition.name}; add \`condition ${condition.name}\` or vary one it uses.`,
            { node: target, property: 'condition', ...issue(IssueCodes.VaryTarget) });
    }
    if (vary.from || vary.values.length === 0) {
        accept('error', 'A severity takes a list: `values remission, mild, moderate, high`.', { node: vary, ...issue(IssueCodes.AnalysisStructure) });
        return;
    }
    for (const v of vary.values) {
        if (!v.severity) accept('error', 'A severity is remission, mild, moderate or high, not a number.', { node: v, ...issue(IssueCodes.WrongUnit, { units: [] }) });
    }
}

/** The quantities of a vary line; a severity where a number belongs is reported. */
function numbersOf(vary: SweepVary, accept: ValidationAcceptor): Quantity[] {
    if (vary.values.length > 0) {
        for (const v of vary.values) {
            if (v.severity) accept('error', `'${v.severity}' is a severity; this vary line takes numbers.`, { node: v, ...issue(IssueCodes.WrongUnit, { units: [] }) });
        }
        return vary.values.map(v => v.quantity).filter((q): q is Quantity => !!q);
    }
    return [vary.from, vary.to, vary.step].filter((q): q is Quantity => !!q);
}

/** from < to, step > 0, the same dimension throughout. */
function checkRange(vary: SweepVary, accept: ValidationAcceptor): void {
    if (vary.values.length > 0 || !vary.from || !vary.to || !vary.step) return;
    const from = measureOf(vary.from), to = measureOf(vary.to), step = measureOf(vary.step);
    if (!from || !to || !step) return;
    if (from.dimension !== to.dimension || from.dimension !== step.dimension) return; // the unit checks said why
    if (!(to.value > from.value)) {
        accept('error', `'to' must be greater than 'from' (the sweep runs from ${vary.from.$cstNode?.text} upward).`, { node: vary.to, ...issue(IssueCodes.TimeOrder) });
    }
    if (!(step.value > 0)) accept('error', 'The step must be greater than 0.', { node: vary.step, ...issue(IssueCodes.OutOfRange) });
}

// ------------------------------------------------------------------ measure

export function checkMeasure(measure: Measure, accept: ValidationAcceptor): void {
    const owner = measure.$container;
    const inSweep = isSweep(owner);
    if (inSweep && measure.arm) {
        accept('error', 'A sweep runs the arm its vary lines name (`vary X in ARM`), else the first arm; `in ARM` on the measure line is for a sensitivity block.',
            { node: measure, property: 'arm', ...issue(IssueCodes.AnalysisStructure) });
    }
    const target = measure.target?.ref;
    if (target) {
        const name = target.name;
        if (isOutput(target) && target.perSite && !measure.site) {
            accept('error', `${name} is measured at a site: \`measure ${name} at lumbar_spine at …\`.`, { node: measure, property: 'target', ...issue(IssueCodes.NotComputed) });
        } else if (!(isOutput(target) && target.perSite) && measure.site) {
            accept('error', `${name} is computed for the systemic compartment only; it takes no site.`, { node: measure, property: 'site', ...issue(IssueCodes.NotComputed) });
        } else if ((isCell(target) && !COMPUTED_CELLS.has(name)) || (isMediator(target) && !COMPUTED_MEDIATORS.has(name))) {
            accept('error', `The model has no series for ${name}; measure osteoclasts, osteoblasts, osteoblast_precursors, RANKL, OPG, a cytokine, a drug or an output.`,
                { node: measure, property: 'target', ...issue(IssueCodes.NotComputed) });
        } else if (isDrug(target)) {
            const arm = (inSweep ? owner.vary.map(v => v.target?.arm?.ref).find(a => a) : measure.arm?.ref) ?? scenarioOf(measure)?.members.find(isArm);
            if (arm && !arm.interventions.filter(isGive).some(g => drugOf(g) === target)) {
                accept('error', `${name} is not given in arm ${arm.name}, which this ${inSweep ? 'sweep' : 'study'} runs.`, { node: measure, property: 'target', ...issue(IssueCodes.NotComputed) });
            }
        } else if (!isOutput(target) && !isCell(target) && !isMediator(target) && !isCytokine(target) && !isDrug(target)) {
            accept('error', `${name} is not an output.`, { node: measure, property: 'target', ...issue(IssueCodes.NotComputed) });
        }
    }
    if (measure.times.length > 0) {
        if (inSweep) accept('error', 'A sweep measures at one time; declare another sweep for another time.', { node: measure.times[0], ...issue(IssueCodes.AnalysisStructure) });
        else if ((owner.method ?? 'local') === 'local') {
            accept('error', 'A local sensitivity is computed at one time; several times (indices over time) go with method morris or sobol.', { node: measure.times[0], ...issue(IssueCodes.AnalysisStructure) });
        }
    }
    const duration = scenarioDuration(scenarioOf(measure));
    for (const time of measure.time ? [measure.time, ...measure.times] : []) {
        const m = measureOf(time);
        if (!m) continue;
        if (m.dimension !== 'time') {
            accept('error', `The measure time is ${describeDimension('time')}${time.unit ? `, not '${time.unit}'` : ': add a unit'}.`,
                { node: time, ...issue(time.unit ? IssueCodes.WrongUnit : IssueCodes.MissingUnit, { units: ['years', 'months', 'weeks', 'days'] }) });
            continue;
        }
        if (m.value < 0) accept('error', 'The measure time must not be negative.', { node: time, ...issue(IssueCodes.OutOfRange) });
        else if (duration !== undefined && m.value > duration * (1 + 1e-12)) {
            accept('error', `The measure time ${formatDays(m.value)} is after the end of the scenario (${formatDays(duration)}).`, { node: time, ...issue(IssueCodes.OutOfRange) });
        }
    }
}

// ------------------------------------------------------------------ population

export function checkPopulation(population: Population, accept: ValidationAcceptor): void {
    checkAnalysisName(population, accept);
    const size = population.size;
    if (size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= MAX_RUNS)) {
        accept('error', `A population has 1 to ${MAX_RUNS.toLocaleString('en-US')} virtual patients (a whole number), not ${size}.`,
            { node: population, property: 'size', ...issue(size > MAX_RUNS ? IssueCodes.TooManyRuns : IssueCodes.OutOfRange) });
    }
    const seed = population.seed;
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
        accept('error', `A seed is a whole number from 0 to 4294967295, not ${seed}.`, { node: population, property: 'seed', ...issue(IssueCodes.OutOfRange) });
    }
    if (population.vary.length === 0) {
        accept('warning', `${named('Population', population.name)} varies no parameter: every virtual patient is the same. Add e.g. \`vary rankl_per_tnf lognormal 30 %\`.`,
            { node: population, property: 'name', ...issue(IssueCodes.AnalysisStructure) });
    }
    const seen = new Set<string>();
    for (const vary of population.vary) {
        if (!vary.parameter) continue;
        if (seen.has(vary.parameter)) accept('error', `${vary.parameter} is varied twice in this population.`, { node: vary, property: 'parameter', ...issue(IssueCodes.DuplicateProperty) });
        seen.add(vary.parameter);
    }
}

export function checkPopulationVary(vary: PopulationVary, accept: ValidationAcceptor): void {
    if (vary.shares.length > 0) {
        // `vary severity of C mild 30 %, …`: a categorical draw whose shares must cover every patient.
        const shares = vary.shares.map(sh => measureOf(sh.share)).map(m => m ? (m.dimension === 'fraction' || m.dimension === undefined ? m.value : NaN) : NaN);
        const total = shares.reduce((t, x) => t + x, 0);
        if (vary.aspect !== 'severity') {
            accept('error', 'Shares are for severities (`vary severity of C mild 30 %, moderate 50 %, high 20 %`); other quantities take lognormal or uniform.', { node: vary, ...issue(IssueCodes.VaryTarget) });
        } else if (Number.isFinite(total) && Math.abs(total - 1) > 1e-6) {
            accept('error', `The severity shares add up to ${+(total * 100).toPrecision(4)} %, not 100 %.`, { node: vary, property: 'shares', ...issue(IssueCodes.OutOfRange) });
        }
        return;
    }
    if (vary.aspect === 'severity') {
        accept('error', 'A severity varies by shares: e.g. `vary severity of rheumatoid_arthritis mild 30 %, moderate 50 %, high 20 %`.', { node: vary, property: 'aspect', ...issue(IssueCodes.VaryTarget) });
        return;
    }
    if (vary.drug || vary.patient || vary.aspect === 'dose') {
        checkDrawnQuantity(vary, accept);
        return;
    }
    if (!vary.parameter) return;
    const parameter = findParameter(vary.parameter);
    if (!parameter) {
        unknownParameter(vary.parameter, { node: vary, property: 'parameter' }, accept);
        return;
    }
    if (vary.distribution === 'lognormal') {
        checkCoefficientOfVariation(vary, accept);
        const value = parameter.value;
        if (!(value > 0)) accept('error', `${parameter.name} is ${value}: a log-normal spread needs a positive value; use uniform.`, { node: vary, property: 'distribution', ...issue(IssueCodes.OutOfRange) });
        return;
    }
    if (vary.low) checkParameterValue(vary.low, parameter, accept, false);
    if (vary.high) checkParameterValue(vary.high, parameter, accept, false);
    const low = vary.low && parameterQuantity(vary.low, parameter);
    const high = vary.high && parameterQuantity(vary.high, parameter);
    if (typeof low === 'number' && typeof high === 'number' && !(low < high)) {
        accept('error', `The lower bound (${low}) must be below the upper (${high}).`, { node: vary.high!, ...issue(IssueCodes.TimeOrder) });
    }
}

/** `lognormal CV`: a positive fraction (`30 %` or `0.3`). */
function checkCoefficientOfVariation(vary: PopulationVary, accept: ValidationAcceptor): void {
    const cv = vary.cv;
    const m = measureOf(cv);
    if (!cv || !m) return;
    if (m.dimension !== undefined && m.dimension !== 'fraction') {
        accept('error', `The coefficient of variation is a fraction: write e.g. \`30 %\` or \`0.3\`, not '${cv.$cstNode?.text}'.`, { node: cv, ...issue(IssueCodes.WrongUnit, { units: ['%'] }) });
    } else if (!(m.value > 0)) {
        accept('error', 'The coefficient of variation must be greater than 0.', { node: cv, ...issue(IssueCodes.OutOfRange) });
    } else if (m.dimension === undefined && m.value > 1) {
        accept('error', `A bare coefficient of variation is a fraction; for a percentage write \`${m.value} %\`.`, { node: cv, ...issue(IssueCodes.MissingUnit, { units: ['%'] }) });
    }
}

/**
 * `vary DRUG.FIELD`, `vary weight|age|height`, `vary dose of R in ARM`: what the compiler would refuse when the study
 * runs (compile-population.ts), said while typing at the line: the drug or dose must be given in the scenario, the
 * drug must have the field, and the distribution must fit the quantity's dimension.
 */
function checkDrawnQuantity(vary: PopulationVary, accept: ValidationAcceptor): void {
    const scenario = scenarioOf(vary);
    const arms = scenario?.members.filter(isArm) ?? [];
    let dimension: Dimension | undefined;
    if (vary.drug) {
        const drug = vary.drug.ref;
        const field = vary.field as PkField | undefined;
        if (!drug || !field) return;
        dimension = PK_FIELD_DIMENSIONS[field];
        if (!arms.some(a => a.interventions.filter(isGive).some(g => drugOf(g) === drug))) {
            accept('error', `${drug.name} is not given in any arm of this scenario, so its ${field} cannot vary.`, { node: vary, property: 'drug', ...issue(IssueCodes.VaryTarget) });
            return;
        }
        let typical: number | undefined;
        try {
            typical = pkFieldValue(compileDrug(drug, 1), field);
        } catch {
            return; // the drug's own declaration carries its error
        }
        if (!(typical! > 0)) {
            accept('error', `${drug.name} has no ${field === 'ka' ? 'absorption (it is given intravenously)' : field} to vary.`, { node: vary, property: 'field', ...issue(IssueCodes.VaryTarget) });
            return;
        }
    } else if (vary.patient) {
        dimension = vary.patient === 'weight' ? 'bodyMass' : vary.patient === 'height' ? 'length' : 'time';
    } else {
        const arm = vary.arm?.ref, given = vary.given?.ref;
        if (!arm || !given) return;
        dimension = 'mass';
        if (!arm.interventions.filter(isGive).some(g => g.target?.ref === given && dosingOf(g))) {
            accept('error', `${given.name} is not given with a dose in arm ${arm.name}, so its dose cannot vary.`, { node: vary, property: 'given', ...issue(IssueCodes.VaryTarget) });
            return;
        }
    }
    if (vary.distribution === 'lognormal') {
        checkCoefficientOfVariation(vary, accept);
        return;
    }
    const low = measureOf(vary.low), high = measureOf(vary.high);
    for (const [q, m] of [[vary.low, low], [vary.high, high]] as const) {
        if (q && m && m.dimension !== dimension) {
            accept('error', `This bound is ${describeDimension(dimension)}${q.unit ? `, not '${q.unit}'` : ': add a unit'}.`, { node: q, ...issue(q.unit ? IssueCodes.WrongUnit : IssueCodes.MissingUnit, { units: [] }) });
            return;
        }
    }
    if (low && high && !(low.value < high.value)) {
        accept('error', `The lower bound (${vary.low!.$cstNode?.text}) must be below the upper (${vary.high!.$cstNode?.text}).`, { node: vary.high!, ...issue(IssueCodes.TimeOrder) });
    }
}

/** `responders OUTPUT [at SITE] > X at T`: a series the model computes, a threshold in its unit, a time within the horizon. */
export function checkResponders(r: Responders, accept: ValidationAcceptor): void {
    const target = r.target?.ref;
    if (target && ((isCell(target) && !COMPUTED_CELLS.has(target.name)) || (isMediator(target) && !COMPUTED_MEDIATORS.has(target.name)))) {
        accept('error', `The model has no series for ${target.name}; count responders on osteoclasts, osteoblasts, RANKL, OPG, a cytokine, a drug or an output such as bmd.`,
            { node: r, property: 'target', ...issue(IssueCodes.NotComputed) });
    } else if (target && isOutput(target) && target.perSite && !r.site) {
        accept('error', `${target.name} is counted at a site: \`responders ${target.name} at total_hip > 0 at 2 years\`.`, { node: r, property: 'target', ...issue(IssueCodes.NotComputed) });
    }
    const time = measureOf(r.time);
    if (!r.time || !time) return;
    if (time.dimension !== 'time') {
        accept('error', `The responders time is ${describeDimension('time')}${r.time.unit ? `, not '${r.time.unit}'` : ': add a unit'}.`,
            { node: r.time, ...issue(r.time.unit ? IssueCodes.WrongUnit : IssueCodes.MissingUnit, { units: ['years', 'months', 'weeks', 'days'] }) });
        return;
    }
    const duration = scenarioDuration(scenarioOf(r));
    if (time.value < 0) accept('error', 'The responders time must not be negative.', { node: r.time, ...issue(IssueCodes.OutOfRange) });
    else if (duration !== undefined && time.value > duration * (1 + 1e-12)) {
        accept('error', `The responders time ${formatDays(time.value)} is after the end of the scenario (${formatDays(duration)}).`, { node: r.time, ...issue(IssueCodes.OutOfRange) });
    }
}

const PK_FIELD_DIMENSIONS: Readonly<Record<PkField, Dimension>> = {
    clearance: 'clearance', volume: 'volume', half_life: 'time', ic50: 'concentration', ka: 'inverseTime', bioavailability: 'fraction'
};

// ------------------------------------------------------------------ shared

export function unknownParameter(name: string, where: { node: SweepVary['target'] | PopulationVary | SensitivityFactor; property: 'parameter' }, accept: ValidationAcceptor): void {
    const suggestions = closestNames(name, PARAMETERS.map(p => p.name));
    const hint = suggestions.length > 0 ? `Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?` : 'Vary a parameter of the model (docs/model.md), or `start of`, `dose of`, `interval of`, `severity of`.';
    accept('error', `The model has no parameter '${name}'. ${hint}`, { ...where, ...issue(IssueCodes.UnknownParameter, { suggestions }) } as Parameters<ValidationAcceptor>[2]);
}

/** A value in the parameter's unit and within its valid range (a step only needs to convert and be positive). */
export function checkParameterValue(q: Quantity, parameter: ParameterInfo, accept: ValidationAcceptor, isStep: boolean): void {
    if (typeof q.value !== 'number' || !Number.isFinite(q.value)) return;
    const value = parameterQuantity(q, parameter);
    if (value === undefined) {
        accept('error', `${parameter.name} is in ${parameter.unit}; '${q.unit}' does not convert to it.`, { node: q, property: 'unit', ...issue(IssueCodes.WrongUnit, { units: [] }) });
        return;
    }
    if (isStep) return;
    if (value < parameter.min || value > parameter.max) {
        accept('error', `${parameter.name} must lie in [${parameter.min}, ${parameter.max === Number.MAX_VALUE ? '∞' : parameter.max}] (the model is meaningless outside it); ${value} is not.`,
            { node: q, ...issue(IssueCodes.OutOfRange) });
    }
}

/** "Sweep 'S'", or "This sweep" while the parser has not recovered the name yet. */
export function named(kind: string, name: string | undefined, quote = "'"): string {
    return name ? `${kind} ${quote}${name}${quote}` : `This ${kind.toLowerCase()}`;
}
