/**
 * A 2-D sweep as a heat map: the first swept quantity across, the second up, one cell per pair of
 * values of the engine's row-major results, a colour scale over the finite results. Pure layout and
 * geometry, so the canvas drawing, the hit testing and the tests share one idea of where a cell is.
 */
import { numberOrNull } from './exploration-input.js';
import { rampPosition } from './color-ramp.js';
import { sweepAxis } from './sweep-axis.js';

export interface HeatmapLayout {
    /** Labels of the first axis, left to right (numbers ascending, names as listed). */
    readonly columnLabels: string[];
    /** Labels of the second axis, bottom to top. */
    readonly rowLabels: string[];
    /** `cells[row * columnLabels.length + column]`. */
    readonly cells: HeatCell[];
    /** Range of the finite results; null when no cell has one. */
    readonly min: number | null;
    readonly max: number | null;
}

export interface HeatCell {
    readonly column: number;
    readonly row: number;
    /** The swept values of this cell, as the sweep lists them. */
    readonly x: number | string;
    readonly y: number | string;
    readonly value: number | null;
    /** Position on the colour scale, 0..1; null for a cell without a result. */
    readonly t: number | null;
}

/** `results[i * values2.length + j]` belongs to `values[i]` and `values2[j]`; a sentence when the shapes disagree. */
export function heatmapLayout(values: readonly (number | string)[], values2: readonly (number | string)[], results: readonly unknown[]): HeatmapLayout | string {
    const across = sweepAxis(values), up = sweepAxis(values2);
    if (typeof across === 'string') return `the first axis: ${across}`;
    if (typeof up === 'string') return `the second axis: ${up}`;
    if (results.length !== values.length * values2.length) {
        return `${results.length} results for a ${values.length} × ${values2.length} grid (expected ${values.length * values2.length})`;
    }
    const finite = results.map(numberOrNull).filter((v): v is number => v !== null);
    const min = finite.length > 0 ? Math.min(...finite) : null;
    const max = finite.length > 0 ? Math.max(...finite) : null;
    const cells: HeatCell[] = [];
    up.order.forEach((j, row) => across.order.forEach((i, column) => {
        const value = numberOrNull(results[i * values2.length + j]);
        cells.push({ column, row, x: values[i], y: values2[j], value, t: value === null || min === null || max === null ? null : rampPosition(value, min, max) });
    }));
    return { columnLabels: across.labels, rowLabels: up.labels, cells, min, max };
}

export function heatCell(layout: HeatmapLayout, column: number, row: number): HeatCell | undefined {
    const columns = layout.columnLabels.length;
    if (column < 0 || row < 0 || column >= columns || row >= layout.rowLabels.length) return undefined;
    return layout.cells[row * columns + column];
}

export interface PlotBox {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
}

/** Pixel rectangle of a cell inside the plot box; row 0 sits at the bottom. */
export function cellRect(layout: HeatmapLayout, box: PlotBox, column: number, row: number): PlotBox {
    const w = box.width / layout.columnLabels.length, h = box.height / layout.rowLabels.length;
    return { left: box.left + column * w, top: box.top + box.height - (row + 1) * h, width: w, height: h };
}

/** The cell under a point, for hover; undefined outside the grid. */
export function cellAtPoint(layout: HeatmapLayout, box: PlotBox, x: number, y: number): HeatCell | undefined {
    if (x < box.left || y < box.top || x >= box.left + box.width || y >= box.top + box.height) return undefined;
    const column = Math.floor((x - box.left) / (box.width / layout.columnLabels.length));
    const row = Math.floor((box.top + box.height - y) / (box.height / layout.rowLabels.length));
    return heatCell(layout, column, row);
}
