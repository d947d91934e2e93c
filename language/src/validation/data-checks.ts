/**
 * Checks of observed data and fits (docs/data-and-fit.md §4). The data file is read through the
 * process's cache (streamed in 1 MiB chunks, never twice while unchanged), so these checks are
 * asynchronous; everything they say is placed on the `.osteo` line and names the CSV line.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import { isArm, isObserve, type DataTable, type Estimate, type Fit, type Observe } from '../generated/ast.js';
import { checkColumns, findParameter, PARAMETERS, selectPoints, seriesOf, type DataProblem } from '../../../simulator/index.js';
import { dataFiles, type DataLoad } from '../workspace/data-files.js';
import { dataPathOf, dataSpecOf, observedArm, shownDataPath } from '../compiler/compile-data.js';
import { compileArm } from '../compiler/compile-scenario.js';
import { measuredKey, parameterQuantity } from '../compiler/compile-analysis.js';
import { issue, IssueCodes, type IssueCode } from './issue-codes.js';
import { closestNames } from './name-suggestions.js';
import { scenarioDuration, scenarioOf } from './scenario-facts.js';
import { formatDays } from './quantities.js';

/** Most starts a fit may ask for. */
export const MAX_STARTS = 1000;

/** The file as the user should read it: relative to the `.osteo` file that mentions it. */
function shownPath(decl: DataTable, from: Observe | DataTable = decl): string {
    const file = dataPathOf(decl)!;
    return shownDataPath(file, AstUtils.getDocument(from));
}

async function load(decl: DataTable): Promise<DataLoad | undefined> {
    const file = dataPathOf(decl);
    return file ? dataFiles.load(file) : undefined;
}

const PROBLEM_CODES: Record<DataProblem['code'], IssueCode> = {
    'data-column-missing': IssueCodes.DataColumnMissing,
    'data-not-numeric': IssueCodes.DataNotNumeric,
    'data-group-unknown': IssueCodes.DataGroupUnknown,
    'data-group-required': IssueCodes.DataGroupRequired,
    'data-group-unexpected': IssueCodes.DataGroupUnexpected,
    'data-empty': IssueCodes.DataEmpty
};

export async function checkDataTable(decl: DataTable, accept: ValidationAcceptor): Promise<void> {
    if (decl.file === undefined) {
        accept('error', `Data ${decl.name} names no file: add \`file "data/measurements.csv"\`.`, { node: decl, property: 'name', ...issue(IssueCodes.MissingProperty) });
        return;
    }
    if (decl.timeColumn === undefined) accept('error', `Data ${decl.name} has no time column: add e.g. \`time column "month" in months\`.`, { node: decl, property: 'name', ...issue(IssueCodes.MissingProperty) });
    if (decl.valueColumn === undefined) accept('error', `Data ${decl.name} has no value column: add e.g. \`value column "bmd_pct"\`.`, { node: decl, property: 'name', ...issue(IssueCodes.MissingProperty) });
    const spec = dataSpecOf(decl);
    if (typeof spec === 'string' && decl.timeColumn !== undefined && decl.valueColumn !== undefined) {
        const property = decl.error && !(decl.error.value > 0) ? 'error' : 'timeUnit';
        accept('error', `${spec[0].toUpperCase()}${spec.slice(1)}.`, { node: decl, property, ...issue(property === 'error' ? IssueCodes.OutOfRange : IssueCodes.WrongUnit) });
    }
    const loaded = await load(decl);
    if (!loaded) return;
    if (!loaded.ok) {
        const code = loaded.error.code === 'data-file-missing' ? IssueCodes.DataFileMissing : IssueCodes.DataFileUnreadable;
        accept('error', `Data file ${shownPath(decl)} ${loaded.error.message}.`, { node: decl, property: 'file', ...issue(code) });
        return;
    }
    if (typeof spec === 'string') return;
    for (const problem of checkColumns(loaded.table, spec)) {
        accept('error', `Data file ${shownPath(decl)} ${problem.message}.`, {
            node: decl, property: problem.property === 'group' || !problem.property ? 'file' : problem.property,
            ...issue(PROBLEM_CODES[problem.code], problem.available ? { columns: problem.available, column: problem.column } : {})
        });
    }
}

export async function checkObserve(observe: Observe, accept: ValidationAcceptor): Promise<void> {
    const scenario = scenarioOf(observe);
    if (!scenario) return;
    const armName = observedArm(observe, scenario);
    if (!armName && !observe.arm) {
        const arms = scenario.members.filter(isArm).map(a => a.name);
        accept('error', `Say which arm this observe compares with: \`in ${arms[0] ?? 'ARM'}\` (the arms are ${arms.join(', ')}).`, { node: observe, property: 'data', ...issue(IssueCodes.NotComputed) });
        return;
    }
    const computed = computedProblem(observe, armName);
    if (computed) accept('error', computed, { node: observe, property: computed.includes('site') ? 'site' : 'target', ...issue(IssueCodes.NotComputed) });
    const decl = observe.data?.ref;
    if (!decl) return;
    const spec = dataSpecOf(decl);
    const loaded = await load(decl);
    // The declaration's own problems are reported on the declaration.
    if (!loaded?.ok || typeof spec === 'string') return;
    if (checkColumns(loaded.table, spec).length > 0) return;
    const points = selectPoints(loaded.table, spec, observe.group);
    if (Array.isArray(points)) {
        for (const problem of points) {
            const onGroup = problem.property === 'group';
            const where = observe.group !== undefined || problem.code === 'data-empty' ? 'group' : 'data';
            accept('error', `Data ${decl.name} (${shownPath(decl, observe)}): ${problem.message}.`,
                { node: observe, property: onGroup ? where : problem.code === 'data-empty' ? where : 'data', ...issue(PROBLEM_CODES[problem.code]) });
        }
        return;
    }
    const duration = scenarioDuration(scenario);
    if (duration === undefined) return;
    const after = points.times.filter(t => t > duration * (1 + 1e-12));
    const before = points.times.filter(t => t < 0);
    const usable = points.times.length - after.length - before.length;
    if (usable === 0) {
        accept('error', `None of the ${points.times.length} points of ${decl.name}${observe.group !== undefined ? ` (group "${observe.group}")` : ''} lies within the scenario's ${formatDays(duration)}.`,
            { node: observe, property: 'data', ...issue(IssueCodes.DataEmpty) });
    } else if (after.length > 0 || before.length > 0) {
        const parts = [after.length > 0 ? `${after.length} after the scenario's ${formatDays(duration)}` : '', before.length > 0 ? `${before.length} before time 0` : ''].filter(Boolean);
        accept('warning', `${after.length + before.length} point${after.length + before.length === 1 ? '' : 's'} of ${decl.name} (${parts.join(', ')}) ${after.length + before.length === 1 ? 'is' : 'are'} ignored.`,
            { node: observe, property: 'data', ...issue(IssueCodes.DataOutsideHorizon) });
    }
}

/** Why the observed series does not exist in the arm, or undefined when it does. */
function computedProblem(observe: Observe, armName: string | undefined): string | undefined {
    if (!observe.target?.ref) return undefined;
    const { key, problem } = measuredKey(observe as never);
    if (!key) return `${problem![0].toUpperCase()}${problem!.slice(1)}.`;
    const scenario = scenarioOf(observe)!;
    const arm = scenario.members.filter(isArm).find(a => a.name === armName);
    let series: Map<string, string>;
    try {
        series = seriesOf(compileArm(scenario, arm));
    } catch {
        // An arm the compiler cannot build has its own diagnostics.
        return undefined;
    }
    return series.has(key) ? undefined : `${key} is not computed in arm ${armName} (${key.startsWith('drug.') ? 'the drug is not given there' : 'the scenario has no condition at that site'}).`;
}

export async function checkFit(fit: Fit, accept: ValidationAcceptor): Promise<void> {
    if (fit.starts !== undefined && !(Number.isInteger(fit.starts) && fit.starts >= 1 && fit.starts <= MAX_STARTS)) {
        accept('error', `starts must be a whole number from 1 to ${MAX_STARTS}.`, { node: fit, property: 'starts', ...issue(IssueCodes.OutOfRange) });
    }
    if (fit.seed !== undefined && !(Number.isInteger(fit.seed) && fit.seed >= 0 && fit.seed <= 0xffffffff)) {
        accept('error', 'A seed is a whole number from 0 to 4294967295.', { node: fit, property: 'seed', ...issue(IssueCodes.OutOfRange) });
    }
    if (fit.estimates.length === 0) {
        accept('error', `Fit ${fit.name} estimates nothing: add e.g. \`estimate rankl_per_tnf from 1 to 100 log\`.`, { node: fit, property: 'name', ...issue(IssueCodes.MissingProperty) });
    }
    const seen = new Set<string>();
    for (const estimate of fit.estimates) {
        const key = `${estimate.parameter} ${estimate.arm?.$refText ?? ''}`;
        if (seen.has(key)) accept('error', `${estimate.parameter} is estimated twice${estimate.arm ? ` in arm ${estimate.arm.$refText}` : ''}.`, { node: estimate, property: 'parameter', ...issue(IssueCodes.DuplicateProperty) });
        seen.add(key);
    }
    const scenario = scenarioOf(fit);
    const observes = scenario?.members.filter(isObserve) ?? [];
    if (observes.length === 0) {
        accept('error', `Fit ${fit.name} has no data to fit: add an \`observe … from DATA\` line to the scenario.`, { node: fit, property: 'name', ...issue(IssueCodes.FitWithoutData) });
        return;
    }
    let points = 0;
    const duration = scenarioDuration(scenario);
    for (const observe of observes) {
        const decl = observe.data?.ref;
        const spec = decl && dataSpecOf(decl);
        const loaded = decl && await load(decl);
        if (!spec || typeof spec === 'string' || !loaded?.ok) return;
        const selected = selectPoints(loaded.table, spec, observe.group);
        if (Array.isArray(selected)) return;
        points += selected.times.filter(t => t >= 0 && (duration === undefined || t <= duration * (1 + 1e-12))).length;
    }
    if (fit.estimates.length > points) {
        accept('warning', `Fit ${fit.name} estimates ${fit.estimates.length} parameters from ${points} observed point${points === 1 ? '' : 's'}: the data cannot determine them all.`,
            { node: fit, property: 'name', ...issue(IssueCodes.FitUnderdetermined) });
    }
}

export function checkEstimate(estimate: Estimate, accept: ValidationAcceptor): void {
    if (!estimate.parameter) return;
    const info = findParameter(estimate.parameter);
    if (!info) {
        const suggestions = closestNames(estimate.parameter, PARAMETERS.map(p => p.name));
        const hint = suggestions.length > 0 ? `Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?` : 'The model\'s parameters are listed in docs/model.md.';
        accept('error', `The model has no parameter '${estimate.parameter}'. ${hint}`, { node: estimate, property: 'parameter', ...issue(IssueCodes.UnknownParameter, { suggestions }) });
        return;
    }
    if (!estimate.from || !estimate.to) return;
    const lo = parameterQuantity(estimate.from, info), hi = parameterQuantity(estimate.to, info);
    if (lo === undefined || hi === undefined) {
        accept('error', `'${info.name}' is in ${info.unit}; write the bounds in it.`, { node: lo === undefined ? estimate.from : estimate.to, ...issue(IssueCodes.WrongUnit, { units: [info.unit] }) });
        return;
    }
    if (lo < info.min || hi > info.max) {
        accept('error', `The bounds of '${info.name}' must lie in its valid range [${info.min}, ${info.max}] ${info.unit}.`, { node: lo < info.min ? estimate.from : estimate.to, ...issue(IssueCodes.OutOfRange) });
    } else if (!(lo < hi)) {
        accept('error', `'from' (${lo}) must be below 'to' (${hi}).`, { node: estimate.to, ...issue(IssueCodes.OutOfRange) });
    } else if (estimate.scale === 'log' && !(lo > 0)) {
        accept('error', `A log-scale search needs bounds greater than 0; 'from' is ${lo}.`, { node: estimate.from, ...issue(IssueCodes.OutOfRange) });
    }
}
