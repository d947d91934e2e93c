/**
 * Arm colours from the Okabe–Ito palette, which stays distinguishable under the common colour-vision
 * deficiencies; the order differs by background so the first arms get the highest-contrast colours.
 * Beyond the palette, arms repeat colours with a different dash pattern.
 */

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

const LIGHT = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const DARK = ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#D55E00', '#FFFFFF'];

export function armColor(index: number, theme: ThemeKind): string {
    const palette = theme === 'light' || theme === 'high-contrast-light' ? LIGHT : DARK;
    return palette[index % palette.length];
}

/** Dash for the n-th series of a chart (osteoclasts solid, osteoblasts dashed, …) and for palette wrap-around. */
export function dashFor(seriesIndex: number, armIndex: number, theme: ThemeKind): number[] {
    const paletteSize = theme === 'light' || theme === 'high-contrast-light' ? LIGHT.length : DARK.length;
    const variant = seriesIndex + Math.floor(armIndex / paletteSize);
    return DASHES[variant % DASHES.length];
}

const DASHES: number[][] = [[], [7, 4], [2, 3], [10, 3, 2, 3]];

export function lineWidth(theme: ThemeKind): number {
    return theme.startsWith('high-contrast') ? 2.5 : 1.75;
}
