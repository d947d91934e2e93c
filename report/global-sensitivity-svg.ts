/**
 * A Sobol or Morris study as one standalone SVG figure (`osteo sensitivity --method sobol --format svg`): on
 * the left the parameters ranked, a bar per index with its 95 % interval as a whisker (Sobol: total and
 * first-order; Morris: μ*), assumed or fitted parameters marked "†"; on the right the index of the leading
 * parameters over time. Every text from the result is escaped.
 */
import type { GlobalSensitivityResult } from '../simulator/index.js';
import { escapeHtml as esc } from './escape.js';
import { formatDuration, formatTicks } from './format.js';
import { armColor } from './palette.js';
import { niceTicks } from './ticks.js';

export interface GlobalSensitivitySvgOptions {
    /** Parameters drawn (the largest first). */
    readonly top?: number;
    readonly width?: number;
}

const FG = '#1f1f1f', GRID = '#d6d6d6', MUTED = '#6b6b6b';
const FONT = 'system-ui, -apple-system, Segoe UI, sans-serif';

export function globalSensitivitySvg(r: GlobalSensitivityResult, options: GlobalSensitivitySvgOptions = {}): string {
    const sobol = r.method === 'sobol';
    const top = r.parameters.slice(0, options.top ?? 10);
    const width = options.width ?? 960;
    const row = 26, header = 58, footer = 64;
    const height = header + Math.max(top.length * row, 120) + footer + 16;
    const nameW = 190, barsW = Math.round(width * 0.5) - nameW - 20;
    const x0 = nameW + 10;
    const upper = (p: typeof top[number]) => sobol ? Math.max(p.total ?? 0, p.totalCi95?.[1] ?? 0, p.firstCi95?.[1] ?? 0) : Math.max(p.muStar ?? 0, p.muStarCi95?.[1] ?? 0);
    // Sobol indices are shares of a variance, 0 to 1: an interval beyond (few samples) is clipped at the edge.
    const max = sobol ? 1 : Math.max(0, ...top.map(upper));
    const ticks = niceTicks(0, max || 1, 5);
    const scaleMax = sobol ? 1 : Math.max(max, ticks[ticks.length - 1]);
    const sx = (v: number) => x0 + Math.max(0, Math.min(1, v / scaleMax)) * barsW;
    const out: string[] = [];
    const text = (x: number, y: number, t: string, attrs = '') => out.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(t)}</text>`);
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12" fill="${FG}">`);
    out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
    text(12, 20, `${sobol ? 'Sobol indices' : 'Morris screening'} of ${r.output} at ${formatDuration(r.at)} — ${r.scenario}, arm ${r.arm}`, 'font-size="14" font-weight="600"');
    text(12, 38, `${r.samples} ${sobol ? 'base samples' : 'trajectories'}, ${r.runs} runs, seed ${r.seed}; whiskers: bootstrap 95 % intervals; † assumption or fit`, `fill="${MUTED}"`);
    // Ranked bars.
    const tickLabels = formatTicks(ticks);
    for (const [i, t] of ticks.entries()) {
        out.push(`<line x1="${sx(t).toFixed(1)}" x2="${sx(t).toFixed(1)}" y1="${header - 4}" y2="${header + top.length * row}" stroke="${GRID}"/>`);
        text(sx(t), header + top.length * row + 14, tickLabels[i], 'text-anchor="middle"');
    }
    text(x0 + barsW / 2, header + top.length * row + 32, sobol ? 'share of the output variance' : `μ* (${r.unit} per whole range)`, 'text-anchor="middle"');
    const bar = (y: number, h: number, value: number | undefined, ci: [number, number] | undefined, color: string, opacity: number) => {
        if (value === undefined || !Number.isFinite(value)) return;
        out.push(`<rect x="${x0}" y="${y.toFixed(1)}" width="${Math.max(0, sx(value) - x0).toFixed(1)}" height="${h}" fill="${color}" fill-opacity="${opacity}"/>`);
        if (ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1])) {
            const cy = y + h / 2;
            out.push(`<path d="M${sx(ci[0]).toFixed(1)} ${cy.toFixed(1)}H${sx(ci[1]).toFixed(1)}M${sx(ci[0]).toFixed(1)} ${(cy - 4).toFixed(1)}v8M${sx(ci[1]).toFixed(1)} ${(cy - 4).toFixed(1)}v8" stroke="${FG}" stroke-width="1.2" fill="none"/>`);
        }
    };
    top.forEach((p, i) => {
        const y = header + i * row;
        text(nameW, y + row / 2 + 4, `${p.name}${p.assumption ? ' †' : ''}`, 'text-anchor="end"');
        if (sobol) {
            bar(y + 3, 10, p.total, p.totalCi95, armColor(0, 'light'), 0.85);
            bar(y + 13, 10, p.first, p.firstCi95, armColor(1, 'light'), 0.85);
        } else {
            bar(y + 6, 14, p.muStar, p.muStarCi95, armColor(0, 'light'), 0.85);
        }
    });
    if (sobol) {
        const ly = height - 14;
        out.push(`<rect x="${x0}" y="${ly - 9}" width="12" height="10" fill="${armColor(0, 'light')}"/>`);
        text(x0 + 16, ly, 'total (with interactions)');
        out.push(`<rect x="${x0 + 170}" y="${ly - 9}" width="12" height="10" fill="${armColor(1, 'light')}"/>`);
        text(x0 + 186, ly, 'first order (alone)');
    }
    // Indices over time for the leading parameters.
    const leaders = top.slice(0, 5).map(p => p.name);
    const px0 = Math.round(width * 0.5) + 50, px1 = width - 40, py0 = header, py1 = header + top.length * row;
    const times = r.overTime.map(t => t.at);
    const valueAt = (t: typeof r.overTime[number], name: string) => {
        const p = t.parameters.find(q => q.name === name);
        return (sobol ? p?.total : p?.muStar) ?? NaN;
    };
    const vmax = sobol ? 1 : Math.max(0, ...r.overTime.flatMap(t => leaders.map(n => valueAt(t, n))).filter(Number.isFinite));
    const vticks = niceTicks(0, vmax || 1, 5);
    const vtop = sobol ? 1 : Math.max(vmax, vticks[vticks.length - 1]);
    const tx = (t: number) => times.length < 2 ? (px0 + px1) / 2 : px0 + (t - times[0]) / (times[times.length - 1] - times[0]) * (px1 - px0);
    const ty = (v: number) => py1 - Math.max(0, Math.min(1, v / vtop)) * (py1 - py0);
    text((px0 + px1) / 2, header - 10, `${sobol ? 'total index' : 'μ*'} over time`, 'text-anchor="middle" font-weight="600"');
    const vLabels = formatTicks(vticks);
    for (const [i, v] of vticks.entries()) {
        out.push(`<line x1="${px0}" x2="${px1}" y1="${ty(v).toFixed(1)}" y2="${ty(v).toFixed(1)}" stroke="${GRID}"/>`);
        text(px0 - 6, ty(v) + 4, vLabels[i], 'text-anchor="end"');
    }
    for (const t of times) text(tx(t), py1 + 14, formatDuration(t), 'text-anchor="middle"');
    leaders.forEach((name, k) => {
        const color = armColor(k, 'light');
        const points = r.overTime.map(t => [tx(t.at), ty(valueAt(t, name))] as const).filter(([, y]) => Number.isFinite(y));
        out.push(`<polyline points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
        for (const [x, y] of points) out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${color}"/>`);
        const lx = px0 + (k % 2) * ((px1 - px0) / 2), ly = py1 + 34 + Math.floor(k / 2) * 16;
        out.push(`<line x1="${lx}" x2="${lx + 14}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`);
        text(lx + 18, ly, name);
    });
    out.push('</svg>');
    return out.join('\n') + '\n';
}
