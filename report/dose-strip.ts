/**
 * Dose events as a thin strip below a chart's time axis: one row per arm and drug, in the arm's legend
 * colour, so marks never cover the curves (docs/language.md "Charts"). Triangles while doses are sparse,
 * thin ticks once they would overlap (weekly dosing for years).
 */
import type { DoseMark } from './view-model.js';

export interface DoseStripRow {
    readonly armIndex: number;
    readonly drug: string;
    /** 0 = top row (nearest the axis). */
    readonly row: number;
    /** Pixel positions within [left, right]. */
    readonly xs: number[];
    /** Hover text per mark: "adalimumab 40 mg". */
    readonly labels: string[];
    readonly style: 'triangle' | 'tick';
}

/** Height of one row and the gap above the strip, in CSS pixels. */
export const STRIP_ROW_PX = 10;
export const STRIP_GAP_PX = 2;
const MIN_TRIANGLE_SPACING_PX = 9;

/** Space the strip needs below the axis for `rows` rows (0 without doses). */
export function stripHeight(rows: number): number {
    return rows > 0 ? STRIP_GAP_PX + rows * STRIP_ROW_PX : 0;
}

/** The (arm, drug) pairs that get a row, arm order then the order drugs are first given: stable across zoom and hiding. */
export function stripKeys(doses: readonly DoseMark[]): { armIndex: number; drug: string }[] {
    const seen = new Map<string, { armIndex: number; drug: string; first: number }>();
    doses.forEach((d, i) => {
        const key = `${d.armIndex}\u0000${d.drug}`;
        if (!seen.has(key)) seen.set(key, { armIndex: d.armIndex, drug: d.drug, first: i });
    });
    return [...seen.values()].sort((a, b) => a.armIndex - b.armIndex || a.first - b.first).map(({ armIndex, drug }) => ({ armIndex, drug }));
}

export function doseStripRows(doses: readonly DoseMark[], toPixel: (x: number) => number, left: number, right: number,
    hiddenArms: ReadonlySet<number> = new Set()): DoseStripRow[] {
    return stripKeys(doses).map(({ armIndex, drug }, row) => {
        const visible = hiddenArms.has(armIndex) ? [] : doses
            .filter(d => d.armIndex === armIndex && d.drug === drug)
            .map(d => ({ px: toPixel(d.x), d }))
            .filter(({ px }) => Number.isFinite(px) && px >= left - 0.5 && px <= right + 0.5)
            .sort((a, b) => a.px - b.px);
        let spacing = Infinity;
        for (let i = 1; i < visible.length; i++) spacing = Math.min(spacing, visible[i].px - visible[i - 1].px);
        return {
            armIndex, drug, row,
            xs: visible.map(v => v.px),
            labels: visible.map(v => `${v.d.drug} ${formatMg(v.d.amountMg)} mg`),
            style: spacing < MIN_TRIANGLE_SPACING_PX ? 'tick' : 'triangle'
        };
    });
}

function formatMg(mg: number): string {
    return Number.isInteger(mg) ? String(mg) : mg.toPrecision(3);
}
