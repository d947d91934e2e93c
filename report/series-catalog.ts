/**
 * What each series of the results contract (simulator/results.ts) means on screen: its chart, label and unit.
 * Charts group series that share a unit, so a reader compares like with like.
 */

export type ChartGroup = 'bmd' | 'alveolar' | 'turnover' | 'rankl_opg' | 'ratio' | 'cytokines' | 'drugs' | 'other';

export interface ChartDefinition {
    /** Stable id, also used in exported file names. */
    readonly id: string;
    readonly group: ChartGroup;
    readonly title: string;
    readonly unit: string;
    /** Series keys drawn on this chart, in legend order. */
    readonly keys: string[];
    /** Concentrations span decades: offer a log axis. */
    readonly logCapable: boolean;
}

const SERIES_LABELS: Record<string, string> = {
    osteoclasts: 'Osteoclasts',
    osteoblasts: 'Osteoblasts',
    osteoblast_precursors: 'Osteoblast precursors',
    rankl: 'RANKL',
    opg: 'OPG',
    rankl_opg_ratio: 'RANKL:OPG ratio',
    TNF_alpha: 'TNF-α',
    IL_6: 'IL-6',
    IL_1: 'IL-1',
    alveolar_height_loss_mm: 'Alveolar bone height loss'
};

const SITE_LABELS: Record<string, string> = {
    lumbar_spine: 'Lumbar spine',
    total_hip: 'Total hip',
    femoral_neck: 'Femoral neck',
    hand: 'Hand (periarticular)',
    alveolar_bone: 'Alveolar bone'
};

const TURNOVER = ['osteoclasts', 'osteoblasts', 'osteoblast_precursors'];
const RANKL_OPG = ['rankl', 'opg'];
const CYTOKINES = ['TNF_alpha', 'IL_6', 'IL_1'];
const BMD_SITE_ORDER = ['lumbar_spine', 'total_hip', 'femoral_neck', 'hand', 'alveolar_bone'];

/** `lumbar_spine` → `Lumbar spine`; for names the catalog does not know. */
export function humanize(name: string): string {
    const spaced = name.replace(/_/g, ' ').trim();
    return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function seriesLabel(key: string): string {
    if (key.startsWith('bmd.')) return `BMD ${siteLabel(key.slice(4))}`;
    if (key.startsWith('drug.')) return humanize(key.slice(5));
    return SERIES_LABELS[key] ?? humanize(key);
}

export function siteLabel(site: string): string {
    return SITE_LABELS[site] ?? humanize(site);
}

export function seriesUnit(key: string): string {
    if (key.startsWith('bmd.')) return '% change from baseline';
    if (key.startsWith('drug.')) return 'mg/L';
    if (TURNOVER.includes(key)) return '% of baseline';
    if (RANKL_OPG.includes(key)) return 'pM';
    if (CYTOKINES.includes(key)) return 'pg/mL';
    if (key === 'rankl_opg_ratio') return 'ratio';
    if (key === 'alveolar_height_loss_mm') return 'mm';
    return '';
}

/** The charts for a set of series keys (the union over arms), in the canonical order. */
export function chartDefinitions(keys: Iterable<string>): ChartDefinition[] {
    const present = new Set(keys);
    const charts: ChartDefinition[] = [];
    const bmdSites = [...present].filter(k => k.startsWith('bmd.')).map(k => k.slice(4))
        .sort((a, b) => rank(BMD_SITE_ORDER, a) - rank(BMD_SITE_ORDER, b) || a.localeCompare(b));
    for (const site of bmdSites) {
        charts.push({ id: `bmd-${site}`, group: 'bmd', title: `BMD: ${siteLabel(site)}`, unit: '% change from baseline', keys: [`bmd.${site}`], logCapable: false });
    }
    const take = (candidates: string[]) => candidates.filter(k => present.has(k));
    const add = (id: string, group: ChartGroup, title: string, unit: string, members: string[], logCapable = false) => {
        if (members.length > 0) charts.push({ id, group, title, unit, keys: members, logCapable });
    };
    add('alveolar-height', 'alveolar', 'Alveolar bone height loss', 'mm', take(['alveolar_height_loss_mm']));
    add('turnover', 'turnover', 'Bone turnover', '% of baseline', take(TURNOVER));
    add('rankl-opg', 'rankl_opg', 'RANKL and OPG', 'pM', take(RANKL_OPG), true);
    add('rankl-opg-ratio', 'ratio', 'RANKL:OPG ratio', 'ratio', take(['rankl_opg_ratio']), true);
    add('cytokines', 'cytokines', 'Cytokines', 'pg/mL', take(CYTOKINES), true);
    add('drugs', 'drugs', 'Drug concentrations', 'mg/L', [...present].filter(k => k.startsWith('drug.')).sort(), true);

    const known = new Set(charts.flatMap(c => c.keys));
    for (const key of [...present].filter(k => !known.has(k)).sort()) {
        add(`series-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`, 'other', seriesLabel(key), seriesUnit(key), [key]);
    }
    return charts;
}

function rank(order: string[], item: string): number {
    const i = order.indexOf(item);
    return i < 0 ? order.length : i;
}

/**
 * The series keys a `report` entry names. Scenario `report` lines name language concepts
 * (`bmd` at sites, `RANKL`, a drug, `alveolar_height_loss`); the results use series keys.
 */
export function matchReported(reported: string, seriesKeys: Iterable<string>): string[] {
    const wanted = reported.toLowerCase();
    const matches: string[] = [];
    for (const key of seriesKeys) {
        const k = key.toLowerCase();
        if (k === wanted || k === `drug.${wanted}` || k.startsWith(`${wanted}.`) || k === `${wanted}_mm`) matches.push(key);
    }
    return matches;
}

/** When a scenario has no `report` line (docs/language.md §3.4). */
export const DEFAULT_REPORTED = ['bmd.lumbar_spine', 'bmd.total_hip', 'osteoclasts', 'osteoblasts'];

/** Reported series keys in report order; the spec's default set when the scenario reports nothing. */
export function reportedSeries(reported: readonly string[] | undefined, seriesKeys: readonly string[]): string[] {
    const requested = reported && reported.length > 0 ? reported : DEFAULT_REPORTED;
    return [...new Set(requested.flatMap(r => matchReported(r, seriesKeys)))];
}
