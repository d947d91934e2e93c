/**
 * Dense LU factorisation with partial pivoting, in place on a row-major n×n Float64Array.
 * Sized for the model (10–60 states), where a dense O(n³/3) factorisation costs microseconds.
 */

/** Factorises `a` in place (L below the diagonal with unit diagonal, U on and above). Returns false if singular. */
export function luFactor(a: Float64Array, n: number, pivots: Int32Array): boolean {
    for (let k = 0; k < n; k++) {
        let p = k;
        let max = Math.abs(a[k * n + k]);
        for (let i = k + 1; i < n; i++) {
            const v = Math.abs(a[i * n + k]);
            if (v > max) { max = v; p = i; }
        }
        pivots[k] = p;
        // `!(max > 0)` also rejects NaN, which would otherwise poison every later solve.
        if (!(max > 0) || max === Infinity) return false;
        if (p !== k) {
            const rk = k * n, rp = p * n;
            for (let j = 0; j < n; j++) {
                const tmp = a[rk + j]; a[rk + j] = a[rp + j]; a[rp + j] = tmp;
            }
        }
        const rk = k * n;
        const inv = 1 / a[rk + k];
        for (let i = k + 1; i < n; i++) {
            const ri = i * n;
            const l = a[ri + k] * inv;
            if (l === 0) continue;
            a[ri + k] = l;
            for (let j = k + 1; j < n; j++) a[ri + j] -= l * a[rk + j];
        }
    }
    return true;
}

/** Solves A x = b in place (`b` becomes x) with the factors from luFactor. */
export function luSolve(lu: Float64Array, n: number, pivots: Int32Array, b: Float64Array): void {
    for (let k = 0; k < n; k++) {
        const p = pivots[k];
        if (p !== k) { const tmp = b[k]; b[k] = b[p]; b[p] = tmp; }
    }
    for (let i = 1; i < n; i++) {
        const ri = i * n;
        let s = b[i];
        for (let j = 0; j < i; j++) s -= lu[ri + j] * b[j];
        b[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
        const ri = i * n;
        let s = b[i];
        for (let j = i + 1; j < n; j++) s -= lu[ri + j] * b[j];
        b[i] = s / lu[ri + i];
    }
}

/**
 * The nonzeros of LU factors, row by row (L strictly below the diagonal, then U above it), with the inverse
 * diagonal. A model's Jacobian is mostly zeros (compartments couple only through drugs), so solving with the
 * nonzeros alone is several times cheaper than the dense loops, and solves outnumber factorisations 4 to 1 or more.
 */
export class CompressedFactors {
    private readonly lowerEnd: Int32Array;
    private readonly upperEnd: Int32Array;
    private readonly cols: Int32Array;
    private readonly vals: Float64Array;
    private readonly invDiag: Float64Array;

    constructor(private readonly n: number) {
        this.lowerEnd = new Int32Array(n);
        this.upperEnd = new Int32Array(n);
        this.cols = new Int32Array(n * n);
        this.vals = new Float64Array(n * n);
        this.invDiag = new Float64Array(n);
    }

    /** Takes the factors of luFactor (row-major n×n). */
    compress(lu: Float64Array): void {
        const { n, cols, vals, lowerEnd, upperEnd, invDiag } = this;
        let k = 0;
        for (let i = 0; i < n; i++) {
            const ri = i * n;
            for (let j = 0; j < i; j++) {
                const v = lu[ri + j];
                if (v !== 0) { cols[k] = j; vals[k++] = v; }
            }
            lowerEnd[i] = k;
            for (let j = i + 1; j < n; j++) {
                const v = lu[ri + j];
                if (v !== 0) { cols[k] = j; vals[k++] = v; }
            }
            upperEnd[i] = k;
            invDiag[i] = 1 / lu[ri + i];
        }
    }

    /** Solves A x = b in place, as luSolve does, with the pivots of the same factorisation. */
    solve(pivots: Int32Array, b: Float64Array): void {
        const { n, cols, vals, lowerEnd, upperEnd, invDiag } = this;
        for (let k = 0; k < n; k++) {
            const p = pivots[k];
            if (p !== k) { const tmp = b[k]; b[k] = b[p]; b[p] = tmp; }
        }
        let start = 0;
        for (let i = 0; i < n; i++) {
            let s = b[i];
            const end = lowerEnd[i];
            for (let k = start; k < end; k++) s -= vals[k] * b[cols[k]];
            b[i] = s;
            start = upperEnd[i];
        }
        for (let i = n - 1; i >= 0; i--) {
            let s = b[i];
            const end = upperEnd[i];
            for (let k = lowerEnd[i]; k < end; k++) s -= vals[k] * b[cols[k]];
            b[i] = s * invDiag[i];
        }
    }
}
