/**
 * A chart as standalone SVG, drawn from the same view model as the interactive chart: the figure a
 * user pastes into a paper or slide. Every text from the model is escaped.
 */
import type { ChartView, ResultsView } from './view-model.js';
import { armColor, dashFor, lineWidth, type ThemeKind } from './palette.js';
import { escapeHtml as esc } from './escape.js';
import { formatTicks } from './format.js';
import { doseStripRows, stripHeight, stripKeys, STRIP_GAP_PX, STRIP_ROW_PX } from './dose-strip.js';
import { timeTicks } from './time-ticks.js';
import { logTicks, niceTicks, paddedRange } from './ticks.js';

export interface SvgChartOptions {
    readonly theme?: ThemeKind;
    readonly width?: number;
    readonly height?: number;
    readonly hiddenArms?: ReadonlySet<number>;
    readonly log?: boolean;
    /** Visible time window (zoom), in the view's time units. */
    readonly xRange?: readonly [number, number];
    readonly colors?: { readonly foreground: string; readonly background: string; readonly grid: string };
    readonly fontFamily?: string;
}

const LIGHT_COLORS = { foreground: '#1f1f1f', background: '#ffffff', grid: '#d6d6d6' };
const DARK_COLORS = { foreground: '#e0e0e0', background: '#1e1e1e', grid: '#3c3c3c' };

export function chartToSvg(view: Pick<ResultsView, 'timeScale'>, chart: ChartView, options: SvgChartOptions = {}): string {
    const theme = options.theme ?? 'light';
    const colors = options.colors ?? (theme === 'light' || theme === 'high-contrast-light' ? LIGHT_COLORS : DARK_COLORS);
    const width = options.width ?? 720, height = options.height ?? 360;
    const font = options.fontFamily ?? 'system-ui, -apple-system, Segoe UI, sans-serif';
    const log = !!options.log && chart.logCapable;
    const lines = chart.lines.filter(l => !options.hiddenArms?.has(l.armIndex));
    const observed = (chart.observed ?? []).filter(o => !options.hiddenArms?.has(o.armIndex));
    const legendRows = Math.ceil((lines.length + observed.length) / 3);
    const strip = stripHeight(stripKeys(chart.doses).length);
    const margin = { left: 64, right: 16, top: 36, bottom: 44 + strip + 18 * legendRows };
    const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;

    const [x0, x1] = options.xRange ?? [0, chart.horizon ?? chart.x[chart.x.length - 1] ?? 1];
    const inWindow = (i: number) => chart.x[i] >= x0 && chart.x[i] <= x1;
    // Observed points and their error bars count in the range: no bar is cut off by the frame.
    const observedValues = observed.flatMap(o => o.y.flatMap((y, i) => o.x[i] < x0 || o.x[i] > x1 ? [] : o.error ? [y - o.error[i], y, y + o.error[i]] : [y]));
    const yRange = paddedRange([...lines.flatMap(l => l.values.filter((_, i) => inWindow(i))), ...observedValues], log) ?? [0, 1];
    const ty = (v: number) => log ? Math.log10(v) : v;
    const [ylo, yhi] = [ty(yRange[0]), ty(yRange[1])];
    const sx = (x: number) => margin.left + ((x - x0) / ((x1 - x0) || 1)) * plotW;
    const sy = (y: number) => margin.top + plotH - ((ty(y) - ylo) / ((yhi - ylo) || 1)) * plotH;

    const parts: string[] = [];
    parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(font)}" font-size="12">`);
    parts.push(`<rect width="100%" height="100%" fill="${esc(colors.background)}"/>`);
    parts.push(`<text x="${margin.left}" y="20" font-size="14" font-weight="600" fill="${esc(colors.foreground)}">${esc(chart.title)}</text>`);
    parts.push(`<clipPath id="plot"><rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}"/></clipPath>`);

    const yTicks = (log ? logTicks(yRange[0], yRange[1]) : niceTicks(yRange[0], yRange[1])).filter(v => v >= yRange[0] && v <= yRange[1]);
    const yLabels = formatTicks(yTicks);
    yTicks.forEach((v, i) => {
        const y = sy(v).toFixed(1);
        parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y}" y2="${y}" stroke="${esc(colors.grid)}" stroke-width="1"/>`);
        parts.push(`<text x="${margin.left - 6}" y="${y}" dy="4" text-anchor="end" fill="${esc(colors.foreground)}">${esc(yLabels[i])}</text>`);
    });
    const xTicks = timeTicks(x0, x1, view.timeScale.unit, 6).filter(v => v >= x0 && v <= x1);
    const xLabels = formatTicks(xTicks);
    xTicks.forEach((v, i) => {
        const x = sx(v).toFixed(1);
        parts.push(`<line x1="${x}" x2="${x}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="${esc(colors.grid)}" stroke-width="1"/>`);
        parts.push(`<text x="${x}" y="${margin.top + plotH + 16}" text-anchor="middle" fill="${esc(colors.foreground)}">${esc(xLabels[i])}</text>`);
    });
    parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="${esc(colors.foreground)}" stroke-width="1"/>`);
    parts.push(`<text x="${margin.left + plotW / 2}" y="${margin.top + plotH + 32}" text-anchor="middle" fill="${esc(colors.foreground)}">Time (${esc(view.timeScale.unit)})</text>`);
    parts.push(`<text transform="translate(14 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="${esc(colors.foreground)}">${esc(chart.unit)}${log ? ' (log)' : ''}</text>`);

    parts.push('<g clip-path="url(#plot)" fill="none">');
    for (const line of lines) {
        const color = armColor(line.armIndex, theme);
        const dash = dashFor(line.seriesIndex, line.armIndex, theme);
        for (const segment of segments(chart.x, line.values, log)) {
            const points = segment.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
            parts.push(`<polyline points="${points}" stroke="${color}" stroke-width="${lineWidth(theme)}"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}/>`);
        }
    }
    for (const o of observed) {
        const color = armColor(o.armIndex, theme);
        o.x.forEach((x, i) => {
            const y = o.y[i];
            if (log && y <= 0) return;
            const e = o.error?.[i] ?? 0;
            const px = sx(x).toFixed(1);
            if (e > 0) {
                const top = sy(y + e).toFixed(1);
                const bottom = (log && y - e <= 0 ? margin.top + plotH : sy(y - e)).toFixed(1);
                parts.push(`<path d="M${px} ${top}V${bottom}M${(sx(x) - 3).toFixed(1)} ${top}h6M${(sx(x) - 3).toFixed(1)} ${bottom}h6" stroke="${color}" stroke-width="1.25"/>`);
            }
            parts.push(`<circle cx="${px}" cy="${sy(y).toFixed(1)}" r="3.5" fill="${color}" stroke="${esc(colors.background)}" stroke-width="1"><title>${esc(o.label)}: ${esc(String(y))}${e > 0 ? ` ± ${esc(String(e))}` : ''}</title></circle>`);
        });
    }
    parts.push('</g>');
    // Dose strip below the axis title: a row per arm and drug, in the arm's colour.
    const stripTop = margin.top + plotH + 44 + STRIP_GAP_PX;
    for (const row of doseStripRows(chart.doses, sx, margin.left, margin.left + plotW, options.hiddenArms)) {
        const y = stripTop + row.row * STRIP_ROW_PX;
        const color = armColor(row.armIndex, theme);
        parts.push(`<text x="${margin.left - 4}" y="${y + STRIP_ROW_PX / 2}" dy="3" font-size="9" text-anchor="end" fill="${esc(colors.foreground)}">${esc(row.drug)}</text>`);
        row.xs.forEach((x, i) => {
            const shape = row.style === 'tick'
                ? `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y + 1}" y2="${y + STRIP_ROW_PX - 1}" stroke="${color}" stroke-width="1">`
                : `<path d="M${x.toFixed(1)} ${y + STRIP_ROW_PX - 1} l-2.5 -5 h5 z" fill="${color}">`;
            parts.push(`${shape}<title>${esc(row.labels[i])}</title>${row.style === 'tick' ? '</line>' : '</path>'}`);
        });
    }
    lines.forEach((line, i) => {
        const x = margin.left + (i % 3) * (plotW / 3), y = height - 18 * legendRows + 18 * Math.floor(i / 3) - 4;
        const dash = dashFor(line.seriesIndex, line.armIndex, theme);
        parts.push(`<line x1="${x}" x2="${x + 22}" y1="${y - 4}" y2="${y - 4}" stroke="${armColor(line.armIndex, theme)}" stroke-width="2.5"${dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : ''}/>`);
        parts.push(`<text x="${x + 28}" y="${y}" fill="${esc(colors.foreground)}">${esc(line.label)}</text>`);
    });
    observed.forEach((o, j) => {
        const i = lines.length + j;
        const x = margin.left + (i % 3) * (plotW / 3), y = height - 18 * legendRows + 18 * Math.floor(i / 3) - 4;
        parts.push(`<circle cx="${x + 11}" cy="${y - 4}" r="3.5" fill="${armColor(o.armIndex, theme)}"/>`);
        parts.push(`<text x="${x + 28}" y="${y}" fill="${esc(colors.foreground)}">${esc(o.label)}</text>`);
    });
    parts.push('</svg>');
    return parts.join('\n');
}

/** Runs of drawable points; a null (or a non-positive value on a log axis) breaks the line. */
function segments(x: readonly number[], values: readonly (number | null)[], log: boolean): [number, number][][] {
    const result: [number, number][][] = [];
    let current: [number, number][] = [];
    values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v) || (log && v <= 0)) {
            if (current.length) result.push(current);
            current = [];
        } else {
            current.push([x[i], v]);
        }
    });
    if (current.length) result.push(current);
    return result;
}
