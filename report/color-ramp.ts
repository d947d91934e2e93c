/**
 * Sequential colours for ordered quantities (a swept value, a heat-map cell): viridis, which is
 * perceptually uniform, prints in grey scale and stays readable under the common colour-vision
 * deficiencies. Curves use a sub-range per background so no curve vanishes into the page.
 */
import type { ThemeKind } from './palette.js';

const VIRIDIS: [number, number, number][] = [
    [68, 1, 84], [72, 40, 120], [62, 73, 137], [49, 104, 142], [38, 130, 142],
    [31, 158, 137], [53, 183, 121], [110, 206, 88], [253, 231, 37]
];

/** The colour at `t` ∈ [0, 1] of the full ramp (0 dark purple, 1 yellow). */
export function viridis(t: number): string {
    const [r, g, b] = viridisRgb(t);
    return `rgb(${r}, ${g}, ${b})`;
}

export function viridisRgb(t: number): [number, number, number] {
    const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
    const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
    const f = x - i;
    const a = VIRIDIS[i], b = VIRIDIS[i + 1];
    return [0, 1, 2].map(k => Math.round(a[k] + f * (b[k] - a[k]))) as [number, number, number];
}

/** A curve's colour: yellow is too faint on white and purple on a dark page, so each theme trims one end. */
export function rampColor(t: number, theme: ThemeKind): string {
    const light = theme === 'light' || theme === 'high-contrast-light';
    const [lo, hi] = light ? [0, 0.82] : [0.22, 1];
    return viridis(lo + Math.min(1, Math.max(0, t)) * (hi - lo));
}

/** Text colour that stays legible on a cell of colour `rgb` (WCAG relative luminance). */
export function textOn(rgb: readonly [number, number, number]): string {
    const [r, g, b] = rgb.map(c => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.3 ? '#000000' : '#ffffff';
}

/** Position of `value` on [min, max] as 0..1; a flat range maps to the middle. */
export function rampPosition(value: number, min: number, max: number): number {
    if (!(max > min)) return 0.5;
    return Math.min(1, Math.max(0, (value - min) / (max - min)));
}
