/**
 * Where dose events go on a chart's time axis: one row per dosed arm (so arms never hide each other's
 * doses), triangles when doses are sparse, thin ticks when they would overlap (weekly dosing for years).
 */
import type { DoseMark } from './view-model.js';

export interface DoseRow {
    readonly armIndex: number;
    /** 0 = bottom row. */
    readonly row: number;
    /** Pixel positions, inside the plot. */
    readonly xs: number[];
    readonly labels: string[];
    readonly style: 'triangle' | 'tick';
}

const MIN_TRIANGLE_SPACING_PX = 9;

export function doseRows(doses: readonly DoseMark[], toPixel: (x: number) => number, left: number, right: number,
    hiddenArms: ReadonlySet<number> = new Set()): DoseRow[] {
    const byArm = new Map<number, DoseMark[]>();
    for (const dose of doses) {
        if (hiddenArms.has(dose.armIndex)) continue;
        const list = byArm.get(dose.armIndex) ?? [];
        list.push(dose);
        byArm.set(dose.armIndex, list);
    }
    return [...byArm.keys()].sort((a, b) => a - b).map((armIndex, row) => {
        const visible = byArm.get(armIndex)!
            .map(d => ({ px: toPixel(d.x), d }))
            .filter(({ px }) => Number.isFinite(px) && px >= left - 0.5 && px <= right + 0.5)
            .sort((a, b) => a.px - b.px);
        let spacing = Infinity;
        for (let i = 1; i < visible.length; i++) spacing = Math.min(spacing, visible[i].px - visible[i - 1].px);
        return {
            armIndex, row,
            xs: visible.map(v => v.px),
            labels: visible.map(v => `${v.d.drug} ${formatMg(v.d.amountMg)} mg`),
            style: spacing < MIN_TRIANGLE_SPACING_PX ? 'tick' : 'triangle'
        };
    });
}

function formatMg(mg: number): string {
    return Number.isInteger(mg) ? String(mg) : mg.toPrecision(3);
}
