/**
 * One interactive chart (uPlot): a line per arm (and per series when a chart holds several), dose
 * marks on the time axis, a hover read-out of every arm's value, drag to zoom, double-click to reset.
 */
import uPlot from 'uplot';
import type { ChartView, ResultsView } from '../../report/view-model.js';
import { armColor, dashFor, lineWidth } from '../../report/palette.js';
import { formatTicks, formatValue } from '../../report/format.js';
import { doseStripRows, stripHeight, stripKeys, STRIP_GAP_PX, STRIP_ROW_PX } from '../../report/dose-strip.js';
import { timeIncrements } from '../../report/time-ticks.js';
import { chartToSvg } from '../../report/svg-chart.js';
import type { ThemeColors } from './theme.js';
import { composePng } from './plot.js';

export interface ChartOptions {
    readonly view: Pick<ResultsView, 'timeScale' | 'arms'>;
    readonly chart: ChartView;
    readonly theme: ThemeColors;
    readonly hiddenArms: ReadonlySet<number>;
    readonly log: boolean;
    /** Crosshair sync group: charts of one scenario share the time cursor. */
    readonly syncKey: string;
    /** Legend click on a line: the caller toggles the whole arm everywhere. */
    readonly onToggleArm: (armIndex: number, show: boolean) => void;
    readonly onDrawn: () => void;
}

const HEIGHT = 260;

export class InteractiveChart {
    private plot: uPlot | undefined;
    private options: ChartOptions;
    private readonly resizeObserver: ResizeObserver;

    constructor(private readonly container: HTMLElement, options: ChartOptions) {
        this.options = options;
        this.create();
        this.resizeObserver = new ResizeObserver(() => this.resize());
        this.resizeObserver.observe(container);
    }

    get chartId(): string {
        return this.options.chart.id;
    }

    /** Rebuilds the plot (theme, log axis): uPlot fixes colours and scale distribution at creation. */
    update(changes: Partial<Pick<ChartOptions, 'theme' | 'log' | 'hiddenArms'>>): void {
        this.options = { ...this.options, ...changes };
        const range = this.currentXRange();
        this.create();
        if (range) this.plot?.setScale('x', { min: range[0], max: range[1] });
    }

    setArmVisible(armIndex: number, show: boolean): void {
        const plot = this.plot;
        if (!plot) return;
        seriesArms(this.options.chart).forEach((arm, i) => {
            if (arm === armIndex && plot.series[i + 1].show !== show) plot.setSeries(i + 1, { show }, false);
        });
        this.options = { ...this.options, hiddenArms: this.hiddenAfter(armIndex, show) };
        plot.redraw(false, false);
    }

    resetZoom(): void {
        if (this.plot) this.plot.setScale('x', { min: 0, max: this.options.chart.horizon });
    }

    /** PNG of what is on screen: title, plot, axes and a legend, on the theme's background. */
    toPng(): string {
        const plot = this.plot;
        if (!plot) return '';
        const { theme } = this.options;
        const legend = this.options.chart.lines.filter(l => !this.options.hiddenArms.has(l.armIndex)).map(line => ({
            label: line.label,
            color: armColor(line.armIndex, theme.kind),
            dash: dashFor(line.seriesIndex, line.armIndex, theme.kind)
        }));
        for (const o of this.options.chart.observed ?? []) {
            if (!this.options.hiddenArms.has(o.armIndex)) legend.push({ label: `● ${o.label}`, color: armColor(o.armIndex, theme.kind), dash: [1, 3] });
        }
        return composePng(plot.ctx.canvas, plot.width, this.options.chart.title, legend, theme);
    }

    toSvg(): string {
        const { view, chart, theme, hiddenArms, log } = this.options;
        return chartToSvg(view, chart, {
            theme: theme.kind, hiddenArms, log, xRange: this.currentXRange(), fontFamily: theme.fontFamily,
            colors: { foreground: theme.foreground, background: theme.background, grid: theme.grid }
        });
    }

    destroy(): void {
        this.resizeObserver.disconnect();
        this.plot?.destroy();
        this.plot = undefined;
    }

    private currentXRange(): [number, number] | undefined {
        const scale = this.plot?.scales.x;
        return scale && scale.min !== undefined && scale.max !== undefined && scale.min !== null && scale.max !== null
            ? [scale.min, scale.max] : undefined;
    }

    private hiddenAfter(armIndex: number, show: boolean): Set<number> {
        const hidden = new Set(this.options.hiddenArms);
        if (show) hidden.delete(armIndex);
        else hidden.add(armIndex);
        return hidden;
    }

    private resize(): void {
        const width = this.width();
        if (this.plot && width > 0 && Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: this.height() });
    }

    /** The container's width: the chart follows the panel down to 200 px (a 320 px window less its padding). */
    private width(): number {
        return Math.max(200, Math.floor(this.container.clientWidth));
    }

    /** The plot keeps its height; the dose strip below the axis adds its rows. */
    private height(): number {
        return HEIGHT + stripHeight(stripKeys(this.options.chart.doses).length);
    }

    private create(): void {
        this.plot?.destroy();
        this.container.replaceChildren();
        const { chart, view, theme, hiddenArms, log, syncKey } = this.options;
        const useLog = log && chart.logCapable;
        const font = `12px ${theme.fontFamily}`;
        const axis = (label: string): uPlot.Axis => ({
            label, font, labelFont: font, stroke: theme.foreground,
            grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 }
        });
        const readout = (_: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatValue(v));
        const strip = stripHeight(stripKeys(chart.doses).length);
        const horizon = chart.horizon;
        const observed = chart.observed ?? [];
        const aligned = alignObserved(chart);
        const xs = aligned.x;
        const options: uPlot.Options = {
            width: this.width(),
            height: this.height(),
            // The x axis always spans the whole horizon; the dose strip sits in the bottom padding.
            padding: [8, 12, strip, 0],
            scales: { x: { time: false }, y: useLog ? { distr: 3, log: 10 } : { range: (_u, min, max) => withErrorBars(observed, min, max) } },
            series: [
                { label: `Time (${view.timeScale.unit})`, value: readout },
                ...chart.lines.map(line => ({
                    label: line.label,
                    stroke: armColor(line.armIndex, theme.kind),
                    width: lineWidth(theme.kind),
                    dash: dashFor(line.seriesIndex, line.armIndex, theme.kind),
                    show: !hiddenArms.has(line.armIndex),
                    spanGaps: true,
                    points: { show: false },
                    value: readout
                })),
                // Observed data: points only (no line between samples), error bars drawn by the hook below.
                ...observed.map(o => ({
                    label: o.label,
                    stroke: armColor(o.armIndex, theme.kind),
                    fill: armColor(o.armIndex, theme.kind),
                    show: !hiddenArms.has(o.armIndex),
                    paths: () => null,
                    points: { show: true, size: 7, width: 1.5, fill: armColor(o.armIndex, theme.kind) },
                    value: readout
                }))
            ],
            axes: [
                // Whole months, quarters, years: never 0, 3, 5, 8, 10 months.
                { ...axis(`Time (${view.timeScale.unit})`), incrs: timeIncrements(view.timeScale.unit), space: 44, values: (_u, values) => formatTicks(values) },
                { ...axis(useLog ? `${chart.unit} (log)` : chart.unit), size: 64, values: (_u, values) => formatTicks(values) }
            ],
            cursor: { sync: { key: syncKey, setSeries: false }, drag: { x: true, y: false, setScale: true } },
            legend: { live: true },
            hooks: {
                draw: [plot => {
                    this.drawDoses(plot);
                    this.drawObserved(plot);
                    // What the browser test reads: the axis really reaches the end of the horizon.
                    this.container.dataset.xMax = String(plot.scales.x.max ?? '');
                    this.container.dataset.horizon = String(horizon);
                    this.options.onDrawn();
                }],
                setSeries: [(plot, index, series) => {
                    if (index === null || index === 0 || series.show === undefined) return;
                    const arm = seriesArms(chart)[index - 1];
                    const show = plot.series[index].show !== false;
                    if (arm !== undefined && show === this.options.hiddenArms.has(arm)) this.options.onToggleArm(arm, show);
                }]
            }
        };
        // On a log axis zero and negative values have no position: leave a gap rather than a bogus line.
        const positive = (values: (number | null)[]) => useLog ? values.map(v => (v !== null && v > 0 ? v : null)) : values;
        const data: uPlot.AlignedData = [
            xs,
            ...aligned.lines.map(positive),
            ...aligned.observed.map(positive)
        ];
        this.plot = new uPlot(options, data, this.container);
        this.plot.setScale('x', { min: 0, max: horizon });
    }

    /**
     * Error bars of the observed points (value ± the data's error), in the arm's colour; uPlot draws the
     * points. The container records how many points landed inside the plot (what the browser test reads).
     */
    private drawObserved(plot: uPlot): void {
        const { chart, hiddenArms, theme } = this.options;
        const observed = chart.observed ?? [];
        if (observed.length === 0) return;
        const ctx = plot.ctx;
        const ratio = ctx.canvas.width / Math.max(1, plot.width);
        const { left, top, width, height } = plot.bbox;
        const inside = (px: number, py: number) => px >= left - 0.5 && px <= left + width + 0.5 && py >= top - 0.5 && py <= top + height + 0.5;
        const log = plot.scales.y.distr === 3;
        let drawn = 0;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.setLineDash([]);
        ctx.lineWidth = Math.max(1, 1.25 * ratio);
        const cap = 3 * ratio;
        for (const o of observed) {
            if (hiddenArms.has(o.armIndex)) continue;
            ctx.strokeStyle = armColor(o.armIndex, theme.kind);
            ctx.beginPath();
            o.x.forEach((x, i) => {
                const y = o.y[i];
                if (log && y <= 0) return;
                const px = plot.valToPos(x, 'x', true);
                if (inside(px, plot.valToPos(y, 'y', true))) drawn++;
                const e = o.error?.[i] ?? 0;
                if (!(e > 0)) return;
                const hi = plot.valToPos(y + e, 'y', true);
                // On a log axis a bar reaching zero or below is drawn to the bottom of the plot.
                const lo = !log || y - e > 0 ? plot.valToPos(y - e, 'y', true) : top + height;
                ctx.moveTo(px, hi);
                ctx.lineTo(px, lo);
                ctx.moveTo(px - cap, hi);
                ctx.lineTo(px + cap, hi);
                ctx.moveTo(px - cap, lo);
                ctx.lineTo(px + cap, lo);
            });
            ctx.stroke();
        }
        ctx.restore();
        this.container.dataset.observedDrawn = String(drawn);
    }

    /**
     * Dose events as a strip below the x axis (docs/language.md "Charts"): a row per arm and drug in the
     * arm's colour, labelled in the left gutter; nothing is drawn over the curves.
     */
    private drawDoses(plot: uPlot): void {
        const { chart, hiddenArms, theme, view } = this.options;
        if (chart.doses.length === 0) return;
        const ctx = plot.ctx;
        const ratio = ctx.canvas.width / Math.max(1, plot.width);
        const { left, width } = plot.bbox;
        const rows = doseStripRows(chart.doses, x => plot.valToPos(x, 'x', true), left, left + width, hiddenArms);
        const rowHeight = STRIP_ROW_PX * ratio;
        const top = ctx.canvas.height - stripHeight(rows.length) * ratio + STRIP_GAP_PX * ratio;
        const size = (STRIP_ROW_PX - 2) * ratio / 2;
        ctx.save();
        ctx.setLineDash([]);
        ctx.font = `${9 * ratio}px ${theme.fontFamily}`;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        for (const row of rows) {
            const y0 = top + row.row * rowHeight, mid = y0 + rowHeight / 2;
            const color = armColor(row.armIndex, theme.kind);
            ctx.fillStyle = ctx.strokeStyle = color;
            ctx.globalAlpha = hiddenArms.has(row.armIndex) ? 0.35 : 1;
            const label = `${view.arms[row.armIndex]?.name ?? ''} · ${row.drug}`;
            ctx.fillText(fit(ctx, label, left - 6 * ratio), left - 4 * ratio, mid);
            ctx.lineWidth = Math.max(1, ratio);
            ctx.beginPath();
            for (const x of row.xs) {
                if (row.style === 'tick') {
                    ctx.moveTo(x, y0 + ratio);
                    ctx.lineTo(x, y0 + rowHeight - ratio);
                } else {
                    ctx.moveTo(x, y0 + rowHeight - ratio);
                    ctx.lineTo(x - size, y0 + ratio);
                    ctx.lineTo(x + size, y0 + ratio);
                    ctx.closePath();
                }
            }
            if (row.style === 'tick') ctx.stroke();
            else ctx.fill();
        }
        ctx.restore();
    }
}

/** The arm of each uPlot series after x: the lines, then the observed sets. */
function seriesArms(chart: ChartView): number[] {
    return [...chart.lines.map(l => l.armIndex), ...(chart.observed ?? []).map(o => o.armIndex)];
}

/**
 * uPlot draws every series on one x array: the observed times join the chart's times (lines span the
 * inserted gaps, so they are drawn as before), and each observed set has its value at its own times.
 */
export function alignObserved(chart: ChartView): { x: number[]; lines: (number | null)[][]; observed: (number | null)[][] } {
    const observed = chart.observed ?? [];
    if (observed.length === 0) return { x: chart.x, lines: chart.lines.map(l => l.values), observed: [] };
    const x = [...new Set([...chart.x, ...observed.flatMap(o => o.x)])].sort((a, b) => a - b);
    const index = new Map(x.map((t, i) => [t, i]));
    const spread = (xs: readonly number[], ys: readonly (number | null)[]) => {
        const out = new Array<number | null>(x.length).fill(null);
        xs.forEach((t, i) => { out[index.get(t)!] = ys[i]; });
        return out;
    };
    return { x, lines: chart.lines.map(l => spread(chart.x, l.values)), observed: observed.map(o => spread(o.x, o.y)) };
}

/** The y range uPlot would choose, widened to show every error bar whole. */
function withErrorBars(observed: NonNullable<ChartView['observed']>, min: number | null, max: number | null): uPlot.Range.MinMax {
    let lo = min ?? Infinity, hi = max ?? -Infinity;
    for (const o of observed) {
        o.y.forEach((y, i) => {
            const e = o.error?.[i] ?? 0;
            lo = Math.min(lo, y - e);
            hi = Math.max(hi, y + e);
        });
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [min, max];
    return uPlot.rangeNum(lo, hi, 0.1, true);
}

/** The label, shortened with an ellipsis to fit `max` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, max: number): string {
    if (max <= 0) return '';
    if (ctx.measureText(text).width <= max) return text;
    let cut = text;
    while (cut.length > 1 && ctx.measureText(`${cut}…`).width > max) cut = cut.slice(0, -1);
    return `${cut}…`;
}
