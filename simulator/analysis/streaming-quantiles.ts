/**
 * Quantiles of a stream without keeping it: the P² algorithm (Jain & Chlamtac 1985, Commun. ACM 28:1076),
 * five markers per estimate. One block estimates one quantile for many cells (every time point of a series)
 * that receive one value each per observation, so the desired marker positions are shared. Deterministic:
 * the same values in the same order give the same estimates. Used for populations too large to keep every
 * patient's series (population.ts, STREAMING_ABOVE).
 */
export class P2Block {
    /** Marker heights and positions, 5 per cell. */
    private readonly q: Float64Array;
    private readonly n: Float64Array;
    private readonly desired = new Float64Array(5);
    private readonly increment: Float64Array;
    private count = 0;

    constructor(readonly cells: number, readonly p: number) {
        this.q = new Float64Array(cells * 5);
        this.n = new Float64Array(cells * 5);
        this.increment = Float64Array.from([0, p / 2, p, (1 + p) / 2, 1]);
        this.desired.set([0, 2 * p, 4 * p, 2 + 2 * p, 4]);
    }

    /** One observation: a value per cell. */
    add(values: ArrayLike<number>): void {
        const { q, n, cells } = this;
        if (this.count < 5) {
            for (let c = 0; c < cells; c++) {
                q[c * 5 + this.count] = values[c];
                n[c * 5 + this.count] = this.count;
            }
            this.count++;
            if (this.count === 5) for (let c = 0; c < cells; c++) sortFive(q, c * 5);
            return;
        }
        this.count++;
        for (let i = 0; i < 5; i++) this.desired[i] += this.increment[i];
        for (let c = 0; c < cells; c++) {
            const o = c * 5, x = values[c];
            let k: number;
            if (x < q[o]) { q[o] = x; k = 0; }
            else if (x < q[o + 1]) k = 0;
            else if (x < q[o + 2]) k = 1;
            else if (x < q[o + 3]) k = 2;
            else if (x <= q[o + 4]) k = 3;
            else { q[o + 4] = x; k = 3; }
            for (let i = k + 1; i < 5; i++) n[o + i] += 1;
            for (let i = 1; i <= 3; i++) {
                const d = this.desired[i] - n[o + i];
                if ((d >= 1 && n[o + i + 1] - n[o + i] > 1) || (d <= -1 && n[o + i - 1] - n[o + i] < -1)) {
                    const s = d > 0 ? 1 : -1;
                    const parabolic = q[o + i] + s / (n[o + i + 1] - n[o + i - 1]) * (
                        (n[o + i] - n[o + i - 1] + s) * (q[o + i + 1] - q[o + i]) / (n[o + i + 1] - n[o + i])
                        + (n[o + i + 1] - n[o + i] - s) * (q[o + i] - q[o + i - 1]) / (n[o + i] - n[o + i - 1]));
                    q[o + i] = q[o + i - 1] < parabolic && parabolic < q[o + i + 1] ? parabolic
                        : q[o + i] + s * (q[o + i + s] - q[o + i]) / (n[o + i + s] - n[o + i]);
                    n[o + i] += s;
                }
            }
        }
    }

    /** The estimates, one per cell (exact, type 7, while fewer than five observations came). */
    estimates(): number[] {
        const out: number[] = [];
        for (let c = 0; c < this.cells; c++) {
            if (this.count >= 5) { out.push(this.q[c * 5 + 2]); continue; }
            const sorted = Array.from(this.q.subarray(c * 5, c * 5 + this.count)).sort((a, b) => a - b);
            if (sorted.length === 0) { out.push(NaN); continue; }
            const h = (sorted.length - 1) * this.p, lo = Math.floor(h), hi = Math.min(sorted.length - 1, lo + 1);
            out.push(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
        }
        return out;
    }
}

function sortFive(a: Float64Array, o: number): void {
    for (let i = 1; i < 5; i++) {
        const v = a[o + i];
        let j = i - 1;
        while (j >= 0 && a[o + j] > v) { a[o + j + 1] = a[o + j]; j--; }
        a[o + j + 1] = v;
    }
}
