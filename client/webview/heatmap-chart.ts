/**
 * A 2-D sweep drawn on a canvas: one cell per pair of values in the viridis ramp, labelled axes, a
 * colour scale, and a read-out of the cell under the pointer or under the keyboard cursor (arrows).
 */
import type { SweepView } from '../../report/sweep-view.js';
import { cellAtPoint, cellRect, heatCell, type HeatCell, type HeatmapLayout, type PlotBox } from '../../report/heatmap.js';
import { textOn, viridis, viridisRgb } from '../../report/color-ramp.js';
import { formatTicks, formatValue } from '../../report/format.js';
import { niceTicks } from '../../report/ticks.js';
import { composePng, type Drawable } from './plot.js';
import type { ThemeColors } from './theme.js';

const HEIGHT = 320;

export class HeatmapChart implements Drawable {
    private readonly canvas: HTMLCanvasElement;
    private readonly layout: HeatmapLayout;
    private box: PlotBox = { left: 0, top: 0, width: 0, height: 0 };
    private cssWidth = 0;
    private hover: HeatCell | undefined;
    private selected: { column: number; row: number } | undefined;
    private readonly resizeObserver: ResizeObserver;

    constructor(readonly id: string, private readonly sweep: SweepView, private readonly container: HTMLElement, private readonly readoutElement: HTMLElement,
        private theme: ThemeColors, private readonly onDrawn: () => void) {
        this.layout = sweep.heatmap!;
        this.canvas = document.createElement('canvas');
        this.canvas.tabIndex = 0;
        this.canvas.setAttribute('role', 'img');
        this.canvas.setAttribute('aria-label', `Heat map of ${sweep.measureLabel} ${sweep.atLabel} over ${sweep.parameter} and ${sweep.parameter2}; `
            + 'use the arrow keys to read each cell');
        container.replaceChildren(this.canvas);
        this.canvas.addEventListener('mousemove', e => this.pointerAt(e.offsetX, e.offsetY));
        this.canvas.addEventListener('mouseleave', () => { this.hover = undefined; this.draw(); this.showReadout(); });
        this.canvas.addEventListener('keydown', e => this.key(e));
        this.canvas.addEventListener('focus', () => {
            this.selected ??= { column: 0, row: this.layout.rowLabels.length - 1 };
            this.draw();
            this.showReadout();
        });
        this.resizeObserver = new ResizeObserver(() => {
            if (Math.abs(this.width() - this.cssWidth) > 1) this.draw();
        });
        this.resizeObserver.observe(container);
        this.draw();
        this.showReadout();
        this.onDrawn();
    }

    setTheme(theme: ThemeColors): void {
        this.theme = theme;
        this.draw();
    }

    setHiddenArms(): void {
        // A sweep belongs to one arm; the toolbar's arm toggles do not apply.
    }

    toPng(): string {
        return composePng(this.canvas, this.cssWidth, `${this.sweep.name}: ${this.sweep.measureLabel} ${this.sweep.atLabel}`, [], this.theme);
    }

    destroy(): void {
        this.resizeObserver.disconnect();
        this.canvas.remove();
    }

    private width(): number {
        return Math.max(320, Math.floor(this.container.clientWidth));
    }

    private pointerAt(x: number, y: number): void {
        const cell = cellAtPoint(this.layout, this.box, x, y);
        if (cell === this.hover) return;
        this.hover = cell;
        this.draw();
        this.showReadout();
    }

    private key(event: KeyboardEvent): void {
        const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
        const columns = this.layout.columnLabels.length, rows = this.layout.rowLabels.length;
        const current = this.selected ?? { column: 0, row: rows - 1 };
        let next: { column: number; row: number } | undefined;
        if (moves[event.key]) {
            const [dc, dr] = moves[event.key];
            next = { column: Math.min(columns - 1, Math.max(0, current.column + dc)), row: Math.min(rows - 1, Math.max(0, current.row + dr)) };
        } else if (event.key === 'Home') next = { column: 0, row: current.row };
        else if (event.key === 'End') next = { column: columns - 1, row: current.row };
        if (!next) return;
        event.preventDefault();
        this.selected = next;
        this.draw();
        this.showReadout();
    }

    private showReadout(): void {
        const cell = this.hover ?? (this.selected ? heatCell(this.layout, this.selected.column, this.selected.row) : undefined);
        const s = this.sweep;
        if (!cell) {
            const range = this.layout.min === null ? 'no cell has a result' : `from ${formatValue(this.layout.min)} to ${formatValue(this.layout.max)}${s.measureUnit ? ` ${s.measureUnit}` : ''}`;
            this.readoutElement.textContent = `${this.layout.columnLabels.length} × ${this.layout.rowLabels.length} cells, ${range}. Point at a cell, or focus the map and use the arrow keys.`;
            return;
        }
        const value = cell.value === null ? 'no result' : `${formatValue(cell.value)}${s.measureUnit ? ` ${s.measureUnit}` : ''}`;
        // The axis labels, so the read-out says "10 mg" where the axis says "10".
        const across = withUnit(this.layout.columnLabels[cell.column], s.unit), up = withUnit(this.layout.rowLabels[cell.row], s.unit2 ?? '');
        this.readoutElement.textContent = `${s.parameter} = ${across}, ${s.parameter2} = ${up}: ${s.measureLabel} ${s.atLabel} = ${value}`;
    }

    private draw(): void {
        const theme = this.theme, layout = this.layout, s = this.sweep;
        const width = this.cssWidth = this.width();
        const ratio = window.devicePixelRatio || 1;
        this.canvas.width = Math.round(width * ratio);
        this.canvas.height = Math.round(HEIGHT * ratio);
        this.canvas.style.width = `${width}px`;
        this.canvas.style.height = `${HEIGHT}px`;
        const ctx = this.canvas.getContext('2d');
        if (!ctx) return;
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        const font = `12px ${theme.fontFamily}`;
        ctx.font = font;
        const rowLabelWidth = Math.max(...layout.rowLabels.map(l => ctx.measureText(l).width), 10);
        const scaleTicks = layout.min === null ? [] : niceTicks(layout.min, layout.max!, 5).filter(v => v >= layout.min! - 1e-12 && v <= layout.max! + 1e-12);
        const scaleLabels = formatTicks(scaleTicks);
        const scaleLabelWidth = Math.max(0, ...scaleLabels.map(l => ctx.measureText(l).width));
        const left = 22 + rowLabelWidth + 8, top = 10, bottom = 44, right = 16 + 14 + 6 + scaleLabelWidth + 22;
        const box = this.box = { left, top, width: Math.max(40, width - left - right), height: HEIGHT - top - bottom };

        ctx.fillStyle = theme.background;
        ctx.fillRect(0, 0, width, HEIGHT);
        for (const cell of layout.cells) {
            const r = cellRect(layout, box, cell.column, cell.row);
            if (cell.t === null) {
                ctx.fillStyle = theme.grid;
                ctx.fillRect(r.left, r.top, r.width, r.height);
                this.hatch(ctx, r);
                continue;
            }
            ctx.fillStyle = viridis(cell.t);
            ctx.fillRect(r.left, r.top, r.width + 0.5, r.height + 0.5);
            const text = formatValue(cell.value);
            if (r.width >= ctx.measureText(text).width + 8 && r.height >= 18) {
                ctx.fillStyle = textOn(viridisRgb(cell.t));
                ctx.textAlign = 'center';
                ctx.textBaseline = 'middle';
                ctx.fillText(text, r.left + r.width / 2, r.top + r.height / 2);
            }
        }
        ctx.strokeStyle = theme.foreground;
        ctx.lineWidth = 1;
        ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);

        // Axis labels: one per column and row, thinned when they would collide.
        ctx.fillStyle = theme.foreground;
        ctx.textBaseline = 'top';
        ctx.textAlign = 'center';
        const columnWidth = box.width / layout.columnLabels.length;
        const widest = Math.max(...layout.columnLabels.map(l => ctx.measureText(l).width));
        const columnStep = Math.max(1, Math.ceil((widest + 8) / columnWidth));
        layout.columnLabels.forEach((label, i) => {
            if (i % columnStep === 0) ctx.fillText(label, box.left + (i + 0.5) * columnWidth, box.top + box.height + 5);
        });
        ctx.fillText(axisTitle(s.parameter, s.unit), box.left + box.width / 2, box.top + box.height + 24);
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        const rowHeight = box.height / layout.rowLabels.length;
        const rowStep = Math.max(1, Math.ceil(16 / rowHeight));
        layout.rowLabels.forEach((label, j) => {
            if (j % rowStep === 0) ctx.fillText(label, box.left - 6, box.top + box.height - (j + 0.5) * rowHeight);
        });
        ctx.save();
        ctx.translate(10, box.top + box.height / 2);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = 'center';
        ctx.fillText(axisTitle(s.parameter2 ?? '', s.unit2 ?? ''), 0, 0);
        ctx.restore();

        this.colourScale(ctx, box, scaleTicks, scaleLabels);
        const outlined = [this.selected && document.activeElement === this.canvas ? heatCell(layout, this.selected.column, this.selected.row) : undefined, this.hover];
        for (const cell of outlined) {
            if (!cell) continue;
            const r = cellRect(layout, box, cell.column, cell.row);
            ctx.lineWidth = 2.5;
            ctx.strokeStyle = theme.background;
            ctx.strokeRect(r.left + 1.5, r.top + 1.5, r.width - 3, r.height - 3);
            ctx.lineWidth = 1.5;
            ctx.strokeStyle = theme.foreground;
            ctx.strokeRect(r.left + 1.5, r.top + 1.5, r.width - 3, r.height - 3);
        }
    }

    /** Vertical gradient from the smallest result (bottom) to the largest (top), with its ticks. */
    private colourScale(ctx: CanvasRenderingContext2D, box: PlotBox, ticks: number[], labels: string[]): void {
        const layout = this.layout, theme = this.theme;
        if (layout.min === null || layout.max === null) return;
        const x = box.left + box.width + 16, w = 14;
        const gradient = ctx.createLinearGradient(0, box.top + box.height, 0, box.top);
        for (let i = 0; i <= 10; i++) gradient.addColorStop(i / 10, viridis(i / 10));
        ctx.fillStyle = gradient;
        ctx.fillRect(x, box.top, w, box.height);
        ctx.strokeStyle = theme.foreground;
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, box.top + 0.5, w - 1, box.height - 1);
        ctx.fillStyle = theme.foreground;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        const span = layout.max - layout.min;
        ticks.forEach((v, i) => {
            const y = span > 0 ? box.top + box.height - ((v - layout.min!) / span) * box.height : box.top + box.height / 2;
            ctx.beginPath();
            ctx.moveTo(x + w, y);
            ctx.lineTo(x + w + 4, y);
            ctx.stroke();
            ctx.fillText(labels[i], x + w + 6, y);
        });
        if (this.sweep.measureUnit) {
            ctx.save();
            ctx.translate(this.cssWidth - 8, box.top + box.height / 2);
            ctx.rotate(-Math.PI / 2);
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(this.sweep.measureUnit, 0, 0);
            ctx.restore();
        }
    }

    /** Cells without a result: diagonal hatching, so "missing" never reads as a colour on the scale. */
    private hatch(ctx: CanvasRenderingContext2D, r: PlotBox): void {
        ctx.save();
        ctx.beginPath();
        ctx.rect(r.left, r.top, r.width, r.height);
        ctx.clip();
        ctx.strokeStyle = this.theme.foreground;
        ctx.globalAlpha = 0.35;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let d = -r.height; d < r.width; d += 7) {
            ctx.moveTo(r.left + d, r.top + r.height);
            ctx.lineTo(r.left + d + r.height, r.top);
        }
        ctx.stroke();
        ctx.restore();
    }
}

function axisTitle(parameter: string, unit: string): string {
    return unit ? `${parameter} (${unit})` : parameter;
}

function withUnit(label: string, unit: string): string {
    return unit ? `${label} ${unit}` : label;
}
