/**
 * A Sobol or Morris study as one SVG figure — the one drawing of it, for `osteo sensitivity --format svg`, the
 * results view and the HTML report (the webview inserts this markup; every text from the result is escaped):
 * the parameters ranked, a bar per index with its bootstrap 95 % interval as a whisker (Sobol: total and
 * first-order; Morris: μ*, with σ as an open marker on the same axis), assumed or fitted parameters hatched
 * with a dashed outline and labelled "(assumed)" as in the local sensitivity view; then, when the study has
 * several times, the index of the leading parameters over time — beside the bars on a wide figure, under
 * them on a narrow one.
 */
import { formatDays, type GlobalSensitivityParameter, type GlobalSensitivityResult } from '../simulator/index.js';
import { escapeHtml as esc } from './escape.js';
import { formatTicks, formatValue } from './format.js';
import { armColor, type ThemeKind } from './palette.js';
import { niceTicks } from './ticks.js';

export interface SvgTheme {
    readonly kind: ThemeKind;
    readonly foreground: string;
    readonly background: string;
    readonly grid: string;
    readonly fontFamily: string;
}

export interface GlobalSensitivitySvgOptions {
    /** Parameters drawn (the largest first); default 10. */
    readonly top?: number;
    /** Pixels; default 960. Below STACK_BELOW the over-time panel goes under the bars. */
    readonly width?: number;
    readonly theme?: SvgTheme;
    /** The title and subtitle lines at the top (default true; the results view has its own caption). */
    readonly caption?: boolean;
    /** Makes the ids of the hatch patterns unique when several figures share a page. */
    readonly idPrefix?: string;
}

export const LIGHT_SVG_THEME: SvgTheme = { kind: 'light', foreground: '#1f1f1f', background: '#ffffff', grid: '#d6d6d6', fontFamily: 'system-ui, -apple-system, Segoe UI, sans-serif' };
export const DEFAULT_TOP = 10;
/** Narrower figures stack the two panels. */
export const STACK_BELOW = 720;

const ROW = 28;

/** "rankl_per_tnf (assumed): total 0.81 [0.60, 1.10], first 0.77 [0.55, 1.02]" — the tooltip and the view's read-out. */
export function describeParameter(p: GlobalSensitivityParameter, sobol: boolean, rank: number, unit: string): string {
    const ci = (c: [number, number] | undefined) => c ? ` [${formatValue(c[0])}, ${formatValue(c[1])}]` : '';
    const short = (x: number) => Number.isFinite(x) ? String(Number(x.toPrecision(4))) : '—';
    const range = `range ${short(p.low)} to ${short(p.high)}${p.unit && p.unit !== '–' ? ` ${p.unit}` : ''}`;
    const values = sobol
        ? `total index ${formatValue(p.total)}${ci(p.totalCi95)}, first order ${formatValue(p.first)}${ci(p.firstCi95)}`
        : `μ* ${formatValue(p.muStar)}${ci(p.muStarCi95)} ${unit} per whole range, σ ${formatValue(p.sigma)}, μ ${formatValue(p.mu)}`;
    return `${rank}. ${p.name}${p.assumption ? ' (assumed value, not calibrated)' : ''}: ${values}; ${range}`;
}

export function globalSensitivitySvg(r: GlobalSensitivityResult, options: GlobalSensitivitySvgOptions = {}): string {
    const theme = options.theme ?? LIGHT_SVG_THEME;
    const sobol = r.method === 'sobol';
    const ranked = r.parameters.slice(0, options.top ?? DEFAULT_TOP);
    const width = Math.max(300, Math.round(options.width ?? 960));
    const overTime = r.overTime.length > 1;
    const stacked = overTime && width < STACK_BELOW;
    const caption = options.caption ?? true;
    const id = options.idPrefix ?? 'osteo-gs';
    const color = (k: number) => armColor(k, theme.kind);

    // Layout: caption, bar panel (rows, axis, axis title), legend, then (stacked) the over-time panel.
    const top = caption ? 58 : 14;
    const barsRight = overTime && !stacked ? Math.round(width * 0.56) : width - 16;
    const nameW = Math.min(210, Math.round(barsRight * 0.4));
    const x0 = nameW + 10, plotW = Math.max(60, barsRight - x0 - 44);
    const rowsBottom = top + Math.max(ranked.length, 1) * ROW;
    const legendTop = rowsBottom + 44;
    const legend = legendEntries(sobol, id, theme, color);
    const legendRows = flow(legend, barsRight).rows;
    const barsBottom = legendTop + legendRows * 18;
    const panel = overTime ? (stacked
        ? { x0: 46, x1: width - 36, y0: barsBottom + 34, y1: barsBottom + 34 + 170 }
        : { x0: barsRight + 56, x1: width - 40, y0: top + 8, y1: Math.max(rowsBottom, top + 170) })
        : undefined;
    const leaders = ranked.slice(0, 5);
    const lineLegendTop = panel ? panel.y1 + 34 : 0;
    const height = Math.max(barsBottom, panel ? lineLegendTop + Math.ceil(leaders.length / 2) * 16 : 0) + 12;

    const upper = (p: GlobalSensitivityParameter) => sobol ? Math.max(p.total ?? 0, p.totalCi95?.[1] ?? 0, p.firstCi95?.[1] ?? 0)
        : Math.max(p.muStar ?? 0, p.muStarCi95?.[1] ?? 0, p.sigma ?? 0);
    // Sobol indices are shares of a variance, 0 to 1: an estimate or interval beyond (few samples) is clipped at the edge.
    const ticks = sobol ? [0, 0.2, 0.4, 0.6, 0.8, 1] : niceTicks(0, Math.max(0, ...ranked.map(upper).filter(Number.isFinite)) || 1, 5);
    const scaleMax = sobol ? 1 : Math.max(ticks[ticks.length - 1], 1e-300);
    const sx = (v: number) => x0 + Math.max(0, Math.min(1, v / scaleMax)) * plotW;

    const out: string[] = [];
    const text = (x: number, y: number, t: string, attrs = '') => out.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(t)}</text>`);
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(theme.fontFamily)}" font-size="12" fill="${esc(theme.foreground)}" role="img" aria-label="${esc(`${sobol ? 'Sobol indices' : 'Morris screening'} of ${r.output}, parameters ranked`)}">`);
    out.push(`<rect width="${width}" height="${height}" fill="${esc(theme.background)}"/>`);
    out.push('<defs>');
    for (const k of [0, 1]) {
        out.push(`<pattern id="${id}-hatch-${k}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${color(k)}" fill-opacity="0.18"/><line x1="0" y1="0" x2="0" y2="6" stroke="${color(k)}" stroke-width="3"/></pattern>`);
    }
    out.push('</defs>');
    if (caption) {
        text(12, 20, `${sobol ? 'Sobol indices' : 'Morris screening'} of ${r.output} at ${formatDays(r.at)} — ${r.scenario}, arm ${r.arm}`, 'font-size="14" font-weight="600"');
        text(12, 38, `${r.samples} ${sobol ? 'base samples' : 'trajectories'}, ${r.runs} runs, seed ${r.seed}${r.samplesUsed < r.samples ? ` (${r.samplesUsed} used)` : ''}${r.parameters.length > ranked.length ? ` · the ${ranked.length} largest of ${r.parameters.length} parameters` : ''}`, `fill-opacity="0.75"`);
    }

    // The bar panel: grid, rows, axis.
    const tickLabels = formatTicks(ticks);
    for (const [i, t] of ticks.entries()) {
        out.push(`<line x1="${sx(t).toFixed(1)}" x2="${sx(t).toFixed(1)}" y1="${top - 4}" y2="${rowsBottom}" stroke="${esc(theme.grid)}"/>`);
        text(sx(t), rowsBottom + 15, tickLabels[i], 'text-anchor="middle"');
    }
    text(x0 + plotW / 2, rowsBottom + 33, sobol ? 'share of the output variance (0–1)' : `μ* and σ (${r.unit} per whole range)`, 'text-anchor="middle"');
    const bar = (y: number, h: number, value: number | undefined, ci: [number, number] | undefined, k: number, assumed: boolean) => {
        if (value === undefined || !Number.isFinite(value)) return;
        const w = Math.max(value > 0 ? 1 : 0, sx(value) - x0);
        out.push(`<rect x="${x0}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h}" fill="${assumed ? `url(#${id}-hatch-${k})` : color(k)}"${assumed ? ` stroke="${color(k)}" stroke-width="1.5" stroke-dasharray="4 2"` : ''}/>`);
        if (ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1])) {
            const cy = y + h / 2, a = sx(ci[0]).toFixed(1), b = sx(ci[1]).toFixed(1);
            out.push(`<path d="M${a} ${cy.toFixed(1)}H${b}M${a} ${(cy - 4).toFixed(1)}v8M${b} ${(cy - 4).toFixed(1)}v8" stroke="${esc(theme.foreground)}" stroke-width="1.2" fill="none"/>`);
        }
    };
    ranked.forEach((p, i) => {
        const y = top + i * ROW;
        const description = describeParameter(p, sobol, i + 1, r.unit);
        out.push(`<g class="gs-bar" data-parameter="${esc(p.name)}" data-assumption="${p.assumption}" tabindex="0" role="listitem" aria-label="${esc(description)}"><title>${esc(description)}</title>`);
        const label = `${p.name}${p.assumption ? ' (assumed)' : ''}`;
        const room = Math.floor(nameW / 6.6);
        text(nameW, y + ROW / 2 + 4, label.length > room ? `${label.slice(0, room - 1)}…` : label, `text-anchor="end"${p.assumption ? ' font-style="italic"' : ''}`);
        if (sobol) {
            bar(y + 3, 10, p.total, p.totalCi95, 0, p.assumption);
            bar(y + 15, 10, p.first, p.firstCi95, 1, p.assumption);
        } else {
            bar(y + 7, 14, p.muStar, p.muStarCi95, 0, p.assumption);
            if (p.sigma !== undefined && Number.isFinite(p.sigma)) {
                out.push(`<circle cx="${sx(p.sigma).toFixed(1)}" cy="${(y + ROW / 2).toFixed(1)}" r="4" fill="${esc(theme.background)}" stroke="${esc(theme.foreground)}" stroke-width="1.5"/>`);
            }
        }
        out.push('</g>');
    });
    if (ranked.length === 0) text(x0, top + ROW / 2, 'no parameters', 'font-style="italic"');

    // Legend of the bar panel: entries flow left to right and wrap within the panel.
    flow(legend, barsRight).positions.forEach(([x, dy], i) => out.push(...legend[i].draw(x, legendTop + dy, text)));

    // Indices over time for the leading parameters.
    if (panel) {
        const times = r.overTime.map(t => t.at);
        const valueAt = (t: typeof r.overTime[number], name: string) => {
            const p = t.parameters.find(q => q.name === name);
            return (sobol ? p?.total : p?.muStar) ?? NaN;
        };
        const vmax = sobol ? 1 : Math.max(0, ...r.overTime.flatMap(t => leaders.map(p => valueAt(t, p.name))).filter(Number.isFinite));
        const vticks = sobol ? [0, 0.2, 0.4, 0.6, 0.8, 1] : niceTicks(0, vmax || 1, 4);
        const vtop = sobol ? 1 : Math.max(vmax, vticks[vticks.length - 1]);
        const tx = (t: number) => panel.x0 + (t - times[0]) / ((times[times.length - 1] - times[0]) || 1) * (panel.x1 - panel.x0);
        const ty = (v: number) => panel.y1 - Math.max(0, Math.min(1, v / vtop)) * (panel.y1 - panel.y0);
        text((panel.x0 + panel.x1) / 2, panel.y0 - 12, `${sobol ? 'total index' : 'μ*'} over time`, 'text-anchor="middle" font-weight="600"');
        const vLabels = formatTicks(vticks);
        for (const [i, v] of vticks.entries()) {
            out.push(`<line x1="${panel.x0}" x2="${panel.x1}" y1="${ty(v).toFixed(1)}" y2="${ty(v).toFixed(1)}" stroke="${esc(theme.grid)}"/>`);
            text(panel.x0 - 6, ty(v) + 4, vLabels[i], 'text-anchor="end"');
        }
        for (const t of times) text(tx(t), panel.y1 + 15, formatDays(t), 'text-anchor="middle"');
        leaders.forEach((p, k) => {
            const c = color(k);
            const dash = p.assumption ? ' stroke-dasharray="5 3"' : '';
            const points = r.overTime.map(t => [tx(t.at), ty(valueAt(t, p.name))] as const).filter(([, y]) => Number.isFinite(y));
            out.push(`<polyline data-parameter="${esc(p.name)}" points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}" fill="none" stroke="${c}" stroke-width="2"${dash}/>`);
            for (const [x, y] of points) out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${c}"/>`);
            const columnW = (panel.x1 - panel.x0 + 40) / 2;
            const lx = panel.x0 - 40 + (k % 2) * columnW, lyy = lineLegendTop + Math.floor(k / 2) * 16;
            out.push(`<line x1="${lx.toFixed(1)}" x2="${(lx + 16).toFixed(1)}" y1="${lyy - 4}" y2="${lyy - 4}" stroke="${c}" stroke-width="2"${dash}/>`);
            const room = Math.floor((columnW - 26) / 6.6);
            const name = `${p.name}${p.assumption ? ' (assumed)' : ''}`;
            text(lx + 20, lyy, name.length > room ? `${name.slice(0, room - 1)}…` : name, p.assumption ? 'font-style="italic"' : '');
        });
    }
    out.push('</svg>');
    return out.join('\n') + '\n';
}

interface LegendEntry {
    readonly width: number;
    /** SVG markup of the entry at (x, baseline y); `text` writes escaped text. */
    draw(x: number, y: number, text: (x: number, y: number, t: string) => void): string[];
}

/** The bar panel's legend: the index colours, σ for Morris, the assumed hatch, the interval whisker. */
function legendEntries(sobol: boolean, id: string, theme: SvgTheme, color: (k: number) => string): LegendEntry[] {
    const swatch = (fill: string, label: string, extra = ''): LegendEntry => ({
        width: 22 + label.length * 6.4,
        draw: (x, y, text) => { text(x + 16, y, label); return [`<rect x="${x}" y="${y - 9}" width="12" height="10" fill="${fill}"${extra}/>`]; }
    });
    const marker = (label: string, markup: (x: number, y: number) => string): LegendEntry => ({
        width: 22 + label.length * 6.4,
        draw: (x, y, text) => { text(x + 20, y, label); return [markup(x, y)]; }
    });
    return [
        ...(sobol
            ? [swatch(color(0), 'total (with interactions)'), swatch(color(1), 'first order (alone)')]
            : [swatch(color(0), 'μ* (mean |effect|)'),
                marker('σ (interactions, non-linearity)', (x, y) => `<circle cx="${x + 6}" cy="${y - 4}" r="4" fill="${esc(theme.background)}" stroke="${esc(theme.foreground)}" stroke-width="1.5"/>`)]),
        swatch(`url(#${id}-hatch-0)`, 'assumed value (not calibrated)', ` stroke="${color(0)}" stroke-dasharray="4 2"`),
        marker('95 % interval (bootstrap)', (x, y) => `<path d="M${x} ${y - 4}h14M${x} ${y - 8}v8M${x + 14} ${y - 8}v8" stroke="${esc(theme.foreground)}" stroke-width="1.2" fill="none"/>`)
    ];
}

/** Left-to-right positions (x, row offset) wrapping at `right`, and the number of rows. */
function flow(entries: readonly LegendEntry[], right: number): { positions: [number, number][]; rows: number } {
    const positions: [number, number][] = [];
    let x = 12, row = 0;
    for (const entry of entries) {
        if (x > 12 && x + entry.width > right) { x = 12; row++; }
        positions.push([x, row * 18]);
        x += entry.width + 14;
    }
    return { positions, rows: row + 1 };
}
