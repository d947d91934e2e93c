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
    readonly view: ResultsView;
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
        this.options.chart.lines.forEach((line, i) => {
            if (line.armIndex === armIndex && plot.series[i + 1].show !== show) plot.setSeries(i + 1, { show }, false);
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
        const options: uPlot.Options = {
            width: this.width(),
            height: this.height(),
            // The x axis always spans the whole horizon; the dose strip sits in the bottom padding.
            padding: [8, 12, strip, 0],
            scales: { x: { time: false }, y: useLog ? { distr: 3, log: 10 } : {} },
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
                    // What the browser test reads: the axis really reaches the end of the horizon.
                    this.container.dataset.xMax = String(plot.scales.x.max ?? '');
                    this.container.dataset.horizon = String(horizon);
                    this.options.onDrawn();
                }],
                setSeries: [(plot, index, series) => {
                    if (index === null || index === 0 || series.show === undefined) return;
                    const line = chart.lines[index - 1];
                    const show = plot.series[index].show !== false;
                    if (line && show === this.options.hiddenArms.has(line.armIndex)) this.options.onToggleArm(line.armIndex, show);
                }]
            }
        };
        // On a log axis zero and negative values have no position: leave a gap rather than a bogus line.
        const data: uPlot.AlignedData = [
            chart.x,
            ...chart.lines.map(line => useLog ? line.values.map(v => (v !== null && v > 0 ? v : null)) : line.values)
        ];
        this.plot = new uPlot(options, data, this.container);
        this.plot.setScale('x', { min: 0, max: horizon });
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

/** The label, shortened with an ellipsis to fit `max` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, max: number): string {
    if (max <= 0) return '';
    if (ctx.measureText(text).width <= max) return text;
    let cut = text;
    while (cut.length > 1 && ctx.measureText(`${cut}…`).width > max) cut = cut.slice(0, -1);
    return `${cut}…`;
}
