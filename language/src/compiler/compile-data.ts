/**
 * `data` declarations and `observe` lines → plain observation plans (docs/data-and-fit.md §1–2). The
 * table comes from the process's data cache, which validation has filled (read asynchronously, in
 * chunks); a caller that compiles without validating first gets a synchronous read.
 */
import { AstUtils, URI, UriUtils } from 'langium';
import { isArm, isObserve, type DataTable, type Observe, type Scenario } from '../generated/ast.js';
import { lookupUnit, selectPoints, seriesOf, type DataSpec, type ModelDescription, type ObservationPlan } from '../../../simulator/index.js';
import { dataFiles, type DataLoad } from '../workspace/data-files.js';
import { CompileError } from './compile-error.js';
import { measuredKey } from './compile-analysis.js';
import { IMPLICIT_ARM } from './compile-scenario.js';

/** How a data file is named in messages and hovers: relative to the `.osteo` file that names it. */
export function shownDataPath(file: string, from: { uri: URI }): string {
    const relative = UriUtils.relative(UriUtils.dirname(from.uri), URI.file(file));
    return relative || UriUtils.basename(URI.file(file));
}

/** Absolute path of a declaration's file (relative to the .osteo file that declares it). */
export function dataPathOf(decl: DataTable): string | undefined {
    if (decl.file === undefined) return undefined;
    const uri = AstUtils.getDocument(decl).uri;
    // An absolute path (POSIX or Windows) stands as it is; a relative one is resolved against the file's folder.
    if (/^(\/|[A-Za-z]:[\\/])/.test(decl.file)) return URI.file(decl.file).fsPath;
    return UriUtils.resolvePath(UriUtils.dirname(uri), decl.file.replace(/\\/g, '/')).fsPath;
}

/** Which columns hold what, or why the declaration is incomplete. */
export function dataSpecOf(decl: DataTable): DataSpec | string {
    if (decl.timeColumn === undefined) return `data ${decl.name} has no time column (e.g. time column "month" in months)`;
    if (decl.valueColumn === undefined) return `data ${decl.name} has no value column (e.g. value column "bmd_pct")`;
    let timeFactorDays = 1;
    if (decl.timeUnit !== undefined) {
        const unit = lookupUnit(decl.timeUnit);
        if (!unit || unit.dimension !== 'time') return `the time unit of data ${decl.name} must be a time (days, weeks, months, years), not '${decl.timeUnit}'`;
        timeFactorDays = unit.factor;
    }
    let errorValue: number | undefined;
    if (decl.error) {
        errorValue = decl.error.value;
        if (!(errorValue > 0)) return `the error of data ${decl.name} must be greater than 0`;
    }
    return {
        timeColumn: decl.timeColumn, timeFactorDays, valueColumn: decl.valueColumn,
        ...(decl.errorColumn !== undefined ? { errorColumn: decl.errorColumn, errorKind: (decl.errorKind ?? 'sd') as 'sd' | 'se' } : {}),
        ...(errorValue !== undefined ? { errorValue } : {}),
        ...(decl.groupColumn !== undefined ? { groupColumn: decl.groupColumn } : {})
    };
}

/** The table of a declaration: from the cache when validation loaded it, else read now. */
export function loadedTable(decl: DataTable): DataLoad | undefined {
    const file = dataPathOf(decl);
    if (!file) return undefined;
    return dataFiles.peek(file) ?? dataFiles.loadSync(file);
}

/** The arm an observe compares with: the named one, or the implicit baseline of a scenario without arms. */
export function observedArm(observe: Observe, scenario: Scenario): string | undefined {
    if (observe.arm) return observe.arm.ref?.name;
    return scenario.members.some(isArm) ? undefined : IMPLICIT_ARM;
}

/** Every observe of the scenario as a plan: its points inside the horizon (later ones are ignored, with a warning). */
export function compileObservations(scenario: Scenario, arms: readonly ModelDescription[]): ObservationPlan[] {
    const plans: ObservationPlan[] = [];
    for (const observe of scenario.members.filter(isObserve)) {
        const armName = observedArm(observe, scenario);
        if (!armName) throw new CompileError('say which arm this observe compares with (… in ARM from …)', observe);
        const desc = arms.find(a => a.arm === armName);
        // The arm was not selected (osteo run --arm): its observations are not compared.
        if (!desc) continue;
        const { key, problem } = measuredKey(observe as never);
        if (!key) throw new CompileError(problem!, observe);
        if (!seriesOf(desc).has(key)) throw new CompileError(`${key} is not computed in arm ${armName}`, observe);
        const decl = observe.data?.ref;
        if (!decl) throw new CompileError(`unknown data '${observe.data?.$refText}'`, observe);
        const spec = dataSpecOf(decl);
        if (typeof spec === 'string') throw new CompileError(spec, decl);
        const loaded = loadedTable(decl);
        if (!loaded) throw new CompileError(`data ${decl.name} names no file`, decl);
        if (!loaded.ok) throw new CompileError(`data file ${decl.file} ${loaded.error.message}`, decl);
        const points = selectPoints(loaded.table, spec, observe.group);
        if (Array.isArray(points)) throw new CompileError(`data ${decl.name}: ${points[0].message}`, observe);
        const inside = points.times.map((t, i) => i).filter(i => points.times[i] >= 0 && points.times[i] <= desc.durationDays * (1 + 1e-12));
        plans.push({
            data: decl.name, arm: armName, series: key, group: observe.group ?? null,
            times: inside.map(i => points.times[i]), values: inside.map(i => points.values[i]),
            errors: points.errors ? inside.map(i => points.errors![i]) : null
        });
    }
    return plans;
}

/** The arm's output grid with every observed time of that arm added (the solver then lands on them exactly). */
export function withObservedTimes(desc: ModelDescription, plans: readonly ObservationPlan[]): ModelDescription {
    const extra = plans.filter(p => p.arm === desc.arm).flatMap(p => p.times);
    if (extra.length === 0) return desc;
    const times = [...new Set([...desc.sampleTimes, ...extra])].sort((a, b) => a - b);
    return { ...desc, sampleTimes: times };
}
