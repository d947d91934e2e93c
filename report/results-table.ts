import type { ArmResult, ScenarioResult, SeriesSummary } from '../simulator/index.js';

/** Units of the result series (simulator/results.ts), for table headers. */
export function seriesUnit(key: string): string {
    if (key.startsWith('bmd.')) return '% change';
    if (key.startsWith('drug.')) return 'mg/L';
    if (key === 'rankl' || key === 'opg') return 'pM';
    if (key === 'rankl_opg_ratio') return 'ratio';
    if (key === 'TNF_alpha' || key === 'IL_6' || key === 'IL_1') return 'pg/mL';
    if (key === 'alveolar_height_loss_mm') return 'mm';
    if (key === 'osteoclasts' || key === 'osteoblasts' || key === 'osteoblast_precursors') return '% of baseline';
    return '';
}

/** end / min / value at one year of a series, from the arm's summary or computed from the samples. */
export function summaryOf(arm: ArmResult, key: string): SeriesSummary | undefined {
    const given = arm.summary[key];
    if (given) return given;
    const values = arm.series[key];
    if (!values || values.length === 0) return undefined;
    const i1y = arm.time.findIndex(t => t >= 365.25 - 1e-9);
    return { end: values[values.length - 1], min: Math.min(...values), at1y: i1y >= 0 ? values[i1y] : null };
}

/** One summary table per scenario: a row per (reported series, arm), with the end value's difference from the first arm. */
export function formatScenarioTable(scenario: ScenarioResult): string {
    const years = scenario.durationDays / 365.25;
    const horizon = years >= 1 ? plural(+years.toFixed(2), 'year') : plural(+scenario.durationDays.toFixed(1), 'day');
    const lines = [`${scenario.name}${scenario.title && scenario.title !== scenario.name ? ` — ${scenario.title}` : ''} (${horizon})`];
    const reference = scenario.arms[0];
    const header = ['series', 'arm', 'end', '1 y', 'min'];
    if (scenario.arms.length > 1) header.push(`Δ end vs ${reference.name}`);
    const rows: string[][] = [];
    for (const key of scenario.reported) {
        const unit = seriesUnit(key);
        const ref = summaryOf(reference, key);
        scenario.arms.forEach((arm, i) => {
            const s = summaryOf(arm, key);
            const label = i === 0 ? (unit ? `${key} (${unit})` : key) : '';
            const row = [label, arm.name, num(s?.end), s?.at1y === null ? '–' : num(s?.at1y), num(s?.min)];
            if (scenario.arms.length > 1) row.push(i === 0 || !s || !ref ? '' : signed(s.end - ref.end));
            rows.push(row);
        });
    }
    lines.push(...align([header, ...rows]));
    if (scenario.assumptions.length > 0) {
        lines.push('', 'Assumptions and exploratory mechanisms:', ...scenario.assumptions.map(a => `  - ${a}`));
    }
    return lines.join('\n') + '\n';
}

function plural(n: number, unit: string): string {
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function align(rows: string[][]): string[] {
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => (r[c] ?? '').length)));
    // Text columns left-aligned, numbers right-aligned.
    const out = rows.map(r => r.map((cell, c) => c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])).join('  ').trimEnd());
    out.splice(1, 0, widths.map(w => '-'.repeat(w)).join('  '));
    return out;
}

export function num(v: number | null | undefined): string {
    if (v === null || v === undefined) return '–';
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 0.01)) return v.toExponential(2);
    return v.toFixed(2);
}

function signed(v: number): string {
    const s = num(v);
    return v > 0 && !s.startsWith('-') ? `+${s}` : s;
}
