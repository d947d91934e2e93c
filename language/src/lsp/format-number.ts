/** How hovers and completions print a number (shared by the declaration and data descriptions). */

/** Up to six significant digits, without trailing zeros: 1095.75, 0.0015, 1.2e+6. */
export function formatNumber(x: number): string {
    if (!Number.isFinite(x)) return String(x);
    const abs = Math.abs(x);
    if (abs !== 0 && (abs >= 1e7 || abs < 1e-4)) return x.toExponential(5).replace(/\.?0+e/, 'e');
    return String(Number(x.toPrecision(6)));
}
