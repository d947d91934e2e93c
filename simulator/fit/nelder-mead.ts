/**
 * Nelder–Mead simplex search (Lagarias et al. 1998 coefficients) on the unit box, one evaluation per
 * `step` so that the caller can stop on a time budget and resume from the saved state. The fitting
 * engine's derivative-free local search, for objectives that are not sums of squares (the calibration's
 * penalties and failure values); `fit` blocks use Levenberg–Marquardt on the same unit box.
 */
export interface SimplexState {
    points: number[][];
    values: number[];
    evaluations: number;
}

const clamp = (x: number[]) => x.map(v => Math.min(1, Math.max(0, v)));

export function initialSimplex(x0: number[], size: number, f: (x: number[]) => number): SimplexState {
    const points = [clamp(x0)];
    for (let i = 0; i < x0.length; i++) {
        const p = x0.slice();
        // Step inwards when the start sits near the upper bound.
        p[i] += p[i] + size <= 1 ? size : -size;
        points.push(clamp(p));
    }
    return { points, values: points.map(f), evaluations: points.length };
}

/** One Nelder–Mead iteration (1 to n+2 evaluations). */
export function iterate(s: SimplexState, f: (x: number[]) => number): void {
    const n = s.points[0].length;
    const order = s.values.map((_, i) => i).sort((a, b) => s.values[a] - s.values[b]);
    s.points = order.map(i => s.points[i]);
    s.values = order.map(i => s.values[i]);
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += s.points[i][j] / n;
    const worst = s.points[n];
    const along = (t: number) => clamp(centroid.map((c, j) => c + t * (c - worst[j])));
    const evaluate = (x: number[]) => { s.evaluations++; return f(x); };
    const xr = along(1), fr = evaluate(xr);
    if (fr < s.values[0]) {
        const xe = along(2), fe = evaluate(xe);
        [s.points[n], s.values[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < s.values[n - 1]) {
        [s.points[n], s.values[n]] = [xr, fr];
    } else {
        const xc = fr < s.values[n] ? along(0.5) : along(-0.5), fc = evaluate(xc);
        if (fc < Math.min(fr, s.values[n])) {
            [s.points[n], s.values[n]] = [xc, fc];
        } else {
            for (let i = 1; i <= n; i++) {
                s.points[i] = clamp(s.points[i].map((v, j) => s.points[0][j] + 0.5 * (v - s.points[0][j])));
                s.values[i] = evaluate(s.points[i]);
            }
        }
    }
}

/** Spread of the simplex values: the search has converged when it is tiny. */
export function spread(s: SimplexState): number {
    return Math.max(...s.values) - Math.min(...s.values);
}

export function best(s: SimplexState): { x: number[]; value: number } {
    const i = s.values.indexOf(Math.min(...s.values));
    return { x: s.points[i], value: s.values[i] };
}
