import type { ConditionUse, FoldEffect } from '../generated/ast.js';
import { type ConditionDescription, type ConditionProcess, type CytokineName, type ImmuneCellName, LOCAL_SITES, type SiteName } from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { days, foldOf } from './quantities.js';

/** Activity at full expression per severity (docs/model.md). */
export const SEVERITY_ACTIVITY: Record<string, number> = { remission: 0.1, mild: 0.33, moderate: 0.66, high: 1.0 };
export const DEFAULT_SEVERITY = 'moderate';

const CYTOKINES: ReadonlySet<string> = new Set<CytokineName>(['TNF_alpha', 'IL_6', 'IL_1']);
const IMMUNE_CELLS: ReadonlySet<string> = new Set<ImmuneCellName>(['T_cells', 'macrophage_M1', 'macrophage_M2']);
const SITES: ReadonlySet<string> = new Set<SiteName>(['lumbar_spine', 'total_hip', 'femoral_neck', 'hand', 'alveolar_bone']);

/** A condition as used in a scenario → its description; the use's sites and overrides win over the declaration's. */
export function compileConditionUse(use: ConditionUse): ConditionDescription {
    const condition = use.condition.ref;
    if (!condition) throw new CompileError(`unknown condition '${use.condition.$refText}'`, use);
    const name = condition.name;
    const drives: Partial<Record<CytokineName, number>> = {};
    const activates: Partial<Record<ImmuneCellName, number>> = {};
    for (const effect of [...condition.drives, ...condition.activates, ...use.overrides]) {
        applyFold(effect, name, drives, activates);
    }
    const onsetDays = use.onset ? days(use.onset, `onset of ${name}`) : 0;
    const resolvesDays = use.resolves ? days(use.resolves, `resolution of ${name}`) : undefined;
    if (onsetDays < 0) throw new CompileError(`onset of ${name} must not be negative`, use.onset);
    if (resolvesDays !== undefined && resolvesDays <= onsetDays) {
        throw new CompileError(`${name} resolves at day ${round(resolvesDays)}, not after its onset at day ${round(onsetDays)}`, use.resolves);
    }
    const siteRefs = use.sites.length > 0 ? use.sites : condition.sites;
    const sites = siteRefs.map(ref => {
        const site = ref.ref?.name;
        if (!site || !SITES.has(site)) throw new CompileError(`unknown site '${ref.$refText}' for ${name}`, use);
        return site as SiteName;
    });
    const severity = use.severity ?? DEFAULT_SEVERITY;
    return {
        name,
        scope: condition.scope ?? 'systemic',
        activity: SEVERITY_ACTIVITY[severity],
        onsetDays,
        resolvesDays,
        drives,
        activates,
        sites: [...new Set(sites)],
        localExcess: condition.localExcess ? foldOf(condition.localExcess, `local_excess of ${name}`) : 1,
        processes: [...new Set(condition.processes as ConditionProcess[])]
    };
}

function applyFold(effect: FoldEffect, condition: string, drives: Record<string, number>, activates: Record<string, number>): void {
    const target = effect.target.ref?.name;
    if (!target) throw new CompileError(`unknown target '${effect.target.$refText}' in ${condition}`, effect);
    const fold = foldOf(effect.fold, `fold change of ${target} in ${condition}`);
    if (CYTOKINES.has(target)) drives[target] = fold;
    else if (IMMUNE_CELLS.has(target)) activates[target] = fold;
    else throw new CompileError(`${condition} cannot change ${target}: conditions drive cytokines (TNF_alpha, IL_6, IL_1) and activate T_cells, macrophage_M1 or macrophage_M2`, effect);
}

/** Sites that get their own bone core: the local sites any condition names (docs/model.md). */
export function localSitesOf(conditions: readonly ConditionDescription[]): SiteName[] {
    const named = new Set(conditions.flatMap(c => c.sites));
    return LOCAL_SITES.filter(s => named.has(s));
}

function round(x: number): string {
    return Number(x.toPrecision(6)).toString();
}
