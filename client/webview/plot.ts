/**
 * A uPlot chart built from the theme: the sweep, end-point and population charts describe themselves
 * as a function of the theme and width, and this wrapper creates, resizes, rebuilds and exports them.
 */
import uPlot from 'uplot';
import { formatTicks, formatValue } from '../../report/format.js';
import type { ThemeColors } from './theme.js';

export interface PlotSpec {
    readonly options: Omit<uPlot.Options, 'width' | 'height'>;
    readonly data: uPlot.AlignedData;
    /** Legend rows drawn under the PNG export: colour and text. */
    readonly legend: { readonly color: string; readonly label: string; readonly dash?: number[] }[];
}

export interface Drawable {
    readonly id: string;
    setTheme(theme: ThemeColors): void;
    setHiddenArms(hidden: ReadonlySet<number>): void;
    /** A PNG data URL (canvas charts) or the SVG text (drawn charts): each chart exports what it is. */
    toPng?(): string;
    toSvg?(): string;
    destroy(): void;
}

export const PLOT_HEIGHT = 260;

export class Plot implements Drawable {
    private plot: uPlot | undefined;
    private readonly resizeObserver: ResizeObserver;

    constructor(readonly id: string, private readonly title: string, private readonly container: HTMLElement,
        private theme: ThemeColors, private hidden: ReadonlySet<number>,
        private readonly build: (theme: ThemeColors, hidden: ReadonlySet<number>) => PlotSpec, private readonly onDrawn: () => void) {
        this.create();
        this.resizeObserver = new ResizeObserver(() => {
            const width = this.width();
            if (this.plot && Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: PLOT_HEIGHT });
        });
        this.resizeObserver.observe(container);
    }

    setTheme(theme: ThemeColors): void {
        this.theme = theme;
        this.create();
    }

    setHiddenArms(hidden: ReadonlySet<number>): void {
        this.hidden = new Set(hidden);
        this.create();
    }

    toPng(): string {
        const plot = this.plot;
        return plot ? composePng(plot.ctx.canvas, plot.width, this.title, this.build(this.theme, this.hidden).legend, this.theme) : '';
    }

    destroy(): void {
        this.resizeObserver.disconnect();
        this.plot?.destroy();
        this.plot = undefined;
    }

    private width(): number {
        return Math.max(200, Math.floor(this.container.clientWidth));
    }

    private create(): void {
        this.plot?.destroy();
        this.container.replaceChildren();
        const spec = this.build(this.theme, this.hidden);
        const draw = [...(spec.options.hooks?.draw ?? []), () => this.onDrawn()];
        this.plot = new uPlot({ ...spec.options, width: this.width(), height: PLOT_HEIGHT, hooks: { ...spec.options.hooks, draw } }, spec.data, this.container);
    }
}

/** Axis styling shared by every uPlot chart of the view. */
export function themedAxis(theme: ThemeColors, label: string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
    const font = `12px ${theme.fontFamily}`;
    return {
        label, font, labelFont: font, stroke: theme.foreground,
        grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 },
        values: (_u, values) => formatTicks(values),
        ...extra
    };
}

export const readout = (_: uPlot, v: number | null): string => (v === null || v === undefined ? '—' : formatValue(v));

/** `#RRGGBB` with an alpha, for band fills and faint edges. */
export function withAlpha(hex: string, alpha: number): string {
    const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255).toString(16).padStart(2, '0');
    return /^#[0-9a-f]{6}$/i.test(hex) ? `${hex}${a}` : hex;
}

/** A chart canvas with its title above and a legend below, on the theme's background. */
export function composePng(source: HTMLCanvasElement, cssWidth: number, title: string, legend: PlotSpec['legend'], theme: ThemeColors): string {
    const ratio = source.width / Math.max(1, cssWidth);
    const columns = 3, rows = Math.ceil(legend.length / columns);
    const titleHeight = 28 * ratio, legendHeight = (rows * 18 + (rows ? 10 : 0)) * ratio;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height + titleHeight + legendHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) return '';
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = theme.foreground;
    ctx.font = `600 ${14 * ratio}px ${theme.fontFamily}`;
    ctx.fillText(title, 10 * ratio, 19 * ratio);
    ctx.drawImage(source, 0, titleHeight);
    ctx.font = `${12 * ratio}px ${theme.fontFamily}`;
    const column = canvas.width / columns;
    legend.forEach((entry, i) => {
        const x = (i % columns) * column + 10 * ratio;
        const y = source.height + titleHeight + (Math.floor(i / columns) * 18 + 14) * ratio;
        ctx.strokeStyle = entry.color;
        ctx.lineWidth = 2.5 * ratio;
        ctx.setLineDash((entry.dash ?? []).map(d => d * ratio));
        ctx.beginPath();
        ctx.moveTo(x, y - 4 * ratio);
        ctx.lineTo(x + 22 * ratio, y - 4 * ratio);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = theme.foreground;
        ctx.fillText(entry.label, x + 28 * ratio, y);
    });
    return canvas.toDataURL('image/png');
}
