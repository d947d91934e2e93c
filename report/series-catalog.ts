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
    // Model concentrations (Pivonka core), not serum assay values: the ratio says so (issue 11).
    rankl_opg_ratio: 'RANKL:OPG ratio (model units)',
    // The cytokine series are the free level: a neutralising antibody lowers it (docs/model.md §1.7),
    // so the drug-bound cytokine is not in it and it can fall below the healthy level.
    TNF_alpha: 'Free TNF-α',
    IL_6: 'Free IL-6',
    IL_1: 'Free IL-1',
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
    const site = siteOf(key);
    // A drug series is a concentration: in plasma, or at a local site in its tissue (docs/model.md §1.8).
    if (key.startsWith('drug.')) return `${humanize(baseOf(key).slice(5))}: ${site ? `tissue concentration, ${siteLabel(site)}` : 'plasma concentration'}`;
    if (site) return `${seriesLabel(baseOf(key))}: ${siteLabel(site)}`;
    if (key.startsWith('bmd.')) return `BMD ${siteLabel(key.slice(4))}`;
    return SERIES_LABELS[key] ?? humanize(key);
}

export function siteLabel(site: string): string {
    return SITE_LABELS[site] ?? humanize(site);
}

/**
 * The one table of the series' units (simulator/results.ts): as a chart's axis says it, and as a text table's
 * column header says it (`bmd.total_hip (% change)`: shorter, and no parentheses inside parentheses).
 */
interface UnitText { readonly chart: string; readonly table: string }
const same = (unit: string): UnitText => ({ chart: unit, table: unit });
const MODEL_UNITS = (unit: string): UnitText => ({ chart: `${unit} (model units)`, table: `${unit}, model units` });
const BMD_UNIT: UnitText = { chart: '% change from baseline', table: '% change' };
const DRUG_UNIT = same('mg/L');
const SERIES_UNITS: Record<string, UnitText> = {
    ...Object.fromEntries(TURNOVER.map(k => [k, same('% of baseline')])),
    ...Object.fromEntries(RANKL_OPG.map(k => [k, MODEL_UNITS('pM')])),
    ...Object.fromEntries(CYTOKINES.map(k => [k, same('pg/mL, free')])),
    rankl_opg_ratio: MODEL_UNITS('ratio'),
    alveolar_height_loss_mm: same('mm')
};

/** The unit of a series (a local site's series has its systemic series' unit); '' when it has none. */
export function seriesUnit(key: string, form: keyof UnitText = 'chart'): string {
    const base = baseOf(key);
    const unit = base.startsWith('bmd.') ? BMD_UNIT : base.startsWith('drug.') ? DRUG_UNIT : SERIES_UNITS[base];
    return unit?.[form] ?? '';
}

/**
 * The charts for a set of series keys (the union over arms), in the canonical order. Every chart holds
 * one series, so its lines are the arms told apart by colour alone: no chart needs dash styles, and a
 * chart has as many lines as arms (the old "Bone turnover" chart had 3 series × 4 arms = 12). A local
 * site's series (`osteoclasts@alveolar_bone`) gets its own chart beside the systemic one.
 */
export function chartDefinitions(keys: Iterable<string>): ChartDefinition[] {
    const present = new Set(keys);
    const charts: ChartDefinition[] = [];
    const bmdSites = [...present].filter(k => k.startsWith('bmd.')).map(k => k.slice(4))
        .sort((a, b) => rank(BMD_SITE_ORDER, a) - rank(BMD_SITE_ORDER, b) || a.localeCompare(b));
    for (const site of bmdSites) {
        charts.push({ id: `bmd-${site}`, group: 'bmd', title: `BMD: ${siteLabel(site)}`, unit: '% change from baseline', keys: [`bmd.${site}`], logCapable: false });
    }
    const localSites = [...new Set([...present].filter(k => k.includes('@')).map(k => k.slice(k.indexOf('@') + 1)))]
        .sort((a, b) => rank(BMD_SITE_ORDER, a) - rank(BMD_SITE_ORDER, b) || a.localeCompare(b));
    const add = (group: ChartGroup, base: string, logCapable = false) => {
        for (const site of ['', ...localSites]) {
            const key = site ? `${base}@${site}` : base;
            if (!present.has(key)) continue;
            const id = chartId(key);
            charts.push({ id, group, title: seriesLabel(key), unit: seriesUnit(key), keys: [key], logCapable });
        }
    };
    add('alveolar', 'alveolar_height_loss_mm');
    for (const key of TURNOVER) add('turnover', key);
    for (const key of RANKL_OPG) add('rankl_opg', key, true);
    add('ratio', 'rankl_opg_ratio', true);
    for (const key of CYTOKINES) add('cytokines', key, true);
    const drugs = [...new Set([...present].filter(k => k.startsWith('drug.')).map(k => baseOf(k)))].sort();
    for (const key of drugs) add('drugs', key, true);

    const known = new Set(charts.flatMap(c => c.keys));
    for (const key of [...present].filter(k => !known.has(k)).sort()) {
        charts.push({ id: chartId(key), group: 'other', title: seriesLabel(key), unit: seriesUnit(key), keys: [key], logCapable: false });
    }
    return charts;
}

/** `osteoclasts` → `osteoclasts`, `drug.adalimumab@hand` → `drug-adalimumab-at-hand`: stable ids for elements and file names. */
export function chartId(key: string): string {
    if (key in LEGACY_IDS) return LEGACY_IDS[key];
    return key.replace(/^drug\./, 'drug-').replace('@', '-at-').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Ids kept from the grouped charts, so saved state and exported file names stay valid. */
const LEGACY_IDS: Record<string, string> = { alveolar_height_loss_mm: 'alveolar-height', rankl_opg_ratio: 'rankl-opg-ratio' };

/** The series without its site: `TNF_alpha@alveolar_bone` → `TNF_alpha`. */
export function baseOf(key: string): string {
    const at = key.indexOf('@');
    return at < 0 ? key : key.slice(0, at);
}

/** The local site of a series, or undefined for systemic series. */
export function siteOf(key: string): string | undefined {
    const at = key.indexOf('@');
    return at < 0 ? undefined : key.slice(at + 1);
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
    const keys = [...seriesKeys];
    // The compiler reports exact series keys: `osteoclasts` must not also pick `osteoclasts@alveolar_bone`.
    if (keys.includes(reported)) return [reported];
    const wanted = reported.toLowerCase();
    const matches: string[] = [];
    for (const key of keys) {
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
