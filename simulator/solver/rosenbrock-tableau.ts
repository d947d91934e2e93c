/**
 * Rosenbrock(-W) coefficients in the textbook form (α, Γ, b, b̂) and their transformation into the form that
 * needs no Jacobian-vector products (Hairer & Wanner, Solving ODEs II, §IV.7, eq. 7.25):
 *   (I/(hγ) − J) u_i = f(t + c_i h, y0 + Σ_j ã_ij u_j) + Σ_j (c̃_ij / h) u_j + γ_i h f_t,
 *   y1 = y0 + Σ m_j u_j,   error = Σ e_j u_j,
 * with ã = αΓ⁻¹, c̃ = diag(1/γ) − Γ⁻¹, m = bΓ⁻¹, e = (b − b̂)Γ⁻¹.
 */

export interface RosenbrockTableau {
    readonly name: string;
    readonly order: number;
    readonly embeddedOrder: number;
    /** Diagonal of Γ. */
    readonly gamma: number;
    /** Strictly lower α, row by row. */
    readonly alpha: readonly (readonly number[])[];
    /** Strictly lower part of Γ, row by row. */
    readonly gammaLower: readonly (readonly number[])[];
    readonly b: readonly number[];
    readonly bHat: readonly number[];
    /** Order conditions hold for any Jacobian approximation (a W-method), so a Jacobian may be reused freely. */
    readonly wMethod?: boolean;
}

/**
 * ROS34PRw: Rang, J. (2015) "Improved traditional Rosenbrock–Wanner methods for stiff ODEs and DAEs",
 * J. Comput. Appl. Math. 286:128–144, doi:10.1016/j.cam.2015.03.010, Table 3. Four stages, order 3, embedded
 * order 2, stiffly accurate (b = last row of α+Γ), L-stable, designed against order reduction on stiff
 * Prothero–Robinson problems. The Rosenbrock order conditions up to order 3 hold to rounding (checked in
 * tests/simulator/solver-order.test.ts). Despite the "w", these coefficients do not satisfy the W-method
 * condition Σ b_i α_i = 1/2 (it is 0.516), so an inexact Jacobian costs accuracy: see rosenbrock-stepper.ts.
 */
export const ROS34PRW: RosenbrockTableau = {
    name: 'ROS34PRw',
    order: 3,
    embeddedOrder: 2,
    gamma: 0.435866521508459,
    alpha: [
        [],
        [1.3075995645253771],
        [0.5, 0.5],
        [0.5, 0.5, 0]
    ],
    gammaLower: [
        [],
        [-1.3075995645253771],
        [-0.7098857586097217, -0.55996735960277766],
        [-0.15550856807552085, -0.95388516575112225, 0.67352721231818413]
    ],
    b: [0.34449143192447917, -0.45388516575112231, 0.67352721231818413, 0.435866521508459],
    bHat: [0.5, -0.25738812086522078, 0.43542008724775044, 0.32196803361747034]
};

/**
 * ROS34PW2: Rang, J. & Angermann, L. (2005) "New Rosenbrock W-methods of order 3 for partial differential algebraic
 * equations of index 1", BIT 45:761–787, doi:10.1007/s10543-005-0035-y. Four stages, order 3 with any
 * approximation of the Jacobian (a W-method: Σ b_i α_i = 1/2 among its conditions), embedded order 2, stiffly
 * accurate, L-stable. Because it keeps its order with an old Jacobian, the Jacobian and its factorisation are
 * reused across steps (rosenbrock-stepper.ts).
 */
export const ROS34PW2: RosenbrockTableau = {
    name: 'ROS34PW2',
    order: 3,
    embeddedOrder: 2,
    wMethod: true,
    gamma: 4.3586652150845900e-1,
    alpha: [
        [],
        [8.7173304301691801e-1],
        [8.4457060015369423e-1, -1.1299064236484185e-1],
        [0, 0, 1]
    ],
    gammaLower: [
        [],
        [-8.7173304301691801e-1],
        [-9.0338057013044082e-1, 5.4180672388095326e-2],
        [2.4212380706095346e-1, -1.2232505839045147, 5.4526025533510214e-1]
    ],
    b: [2.4212380706095346e-1, -1.2232505839045147, 1.5452602553351020, 4.3586652150845900e-1],
    bHat: [3.7810903145819369e-1, -9.6042292212423178e-2, 0.5, 2.1793326075422950e-1]
};

/** The transformed coefficients used by the stepper. */
export interface RosenbrockCoefficients {
    readonly stages: number;
    readonly gamma: number;
    /** ã, row-major s×s (strictly lower). */
    readonly a: Float64Array;
    /** c̃, row-major s×s (strictly lower). */
    readonly c: Float64Array;
    /** Stage times as fractions of h: Σ_j α_ij. */
    readonly nodes: Float64Array;
    /** γ_i = γ + Σ_j γ_ij, the weight of h·f_t in stage i. */
    readonly gammaSums: Float64Array;
    readonly m: Float64Array;
    readonly e: Float64Array;
    /** Stage i evaluates f at exactly the point of stage i−1, so that evaluation can be reused. */
    readonly reusesPreviousEvaluation: readonly boolean[];
    /**
     * Dense output y(t0 + θh) = y0 + Σ_j (θ·D[0][j] + θ²·D[1][j] + θ³·D[2][j]) u_j, row-major 3×s. Built from the
     * stages (which the linear solves damp), not from f at the step ends: a Hermite cubic multiplies any tiny
     * distance from a stiff slow manifold by hλ and was off by 0.2 % on Van der Pol μ = 1000.
     */
    readonly dense: Float64Array;
}

export function transformTableau(t: RosenbrockTableau): RosenbrockCoefficients {
    const s = t.b.length;
    const alpha = (i: number, j: number) => (j < i ? t.alpha[i][j] ?? 0 : 0);
    const big = (i: number, j: number) => (j < i ? t.gammaLower[i][j] ?? 0 : i === j ? t.gamma : 0);
    // Γ⁻¹ by forward substitution (Γ is lower triangular).
    const inv = new Float64Array(s * s);
    for (let col = 0; col < s; col++) {
        for (let i = 0; i < s; i++) {
            let v = i === col ? 1 : 0;
            for (let k = 0; k < i; k++) v -= big(i, k) * inv[k * s + col];
            inv[i * s + col] = v / big(i, i);
        }
    }
    const a = new Float64Array(s * s), c = new Float64Array(s * s);
    const nodes = new Float64Array(s), gammaSums = new Float64Array(s);
    const m = new Float64Array(s), e = new Float64Array(s);
    for (let i = 0; i < s; i++) {
        for (let j = 0; j < i; j++) {
            let v = 0;
            for (let k = 0; k < s; k++) v += alpha(i, k) * inv[k * s + j];
            a[i * s + j] = v;
            c[i * s + j] = -inv[i * s + j];
            nodes[i] += alpha(i, j);
            gammaSums[i] += big(i, j);
        }
        gammaSums[i] += t.gamma;
    }
    for (let j = 0; j < s; j++) {
        for (let k = 0; k < s; k++) {
            m[j] += t.b[k] * inv[k * s + j];
            e[j] += (t.b[k] - t.bHat[k]) * inv[k * s + j];
        }
    }
    const reusesPreviousEvaluation = Array.from({ length: s }, (_, i) => {
        if (i < 2 || nodes[i] !== nodes[i - 1] || a[i * s + i - 1] !== 0) return false;
        for (let j = 0; j < i - 1; j++) if (a[i * s + j] !== a[(i - 1) * s + j]) return false;
        return true;
    });
    return { stages: s, gamma: t.gamma, a, c, nodes, gammaSums, m, e, reusesPreviousEvaluation,
        dense: continuousExtension(t, inv) };
}

/**
 * Weights b(θ) = θp + θ²q + θ³r meeting the order-3 Rosenbrock conditions at every θ (Σb(θ) = θ,
 * Σb(θ)β'_i = θ²/2 − γθ, Σb(θ)α_i² = θ³/3, Σb(θ)Σ_j β_ij β'_j = θ³/6 − γθ² + γ²θ), matched power by power: three
 * s×s solves when s = 4. Then p + q + r = b, so the interpolant ends exactly at the step's y1. Returned in the
 * transformed variables (× Γ⁻¹).
 */
function continuousExtension(t: RosenbrockTableau, gammaInverse: Float64Array): Float64Array {
    const s = t.b.length;
    const g = t.gamma;
    const alphaRow = (i: number) => t.alpha[i].reduce((x, v) => x + v, 0);
    const beta = (i: number, j: number) => (j < i ? (t.alpha[i][j] ?? 0) + (t.gammaLower[i][j] ?? 0) : 0);
    const betaRow = (i: number) => Array.from({ length: i }, (_, j) => beta(i, j)).reduce((x, v) => x + v, 0);
    const dense = new Float64Array(3 * s);
    if (s !== 4) return dense; // only the 4-stage tableau is used; other sizes would need more conditions
    const rows = [
        Array.from({ length: s }, () => 1),
        Array.from({ length: s }, (_, i) => betaRow(i)),
        Array.from({ length: s }, (_, i) => alphaRow(i) ** 2),
        Array.from({ length: s }, (_, i) => Array.from({ length: i }, (_, j) => beta(i, j) * betaRow(j)).reduce((x, v) => x + v, 0))
    ];
    // Right-hand sides: coefficients of θ, θ², θ³ in each condition.
    const targets = [[1, 0, 0], [-g, 0.5, 0], [0, 0, 1 / 3], [g * g, -g, 1 / 6]];
    for (let power = 0; power < 3; power++) {
        const w = solveSmall(rows, targets.map(r => r[power]));
        for (let j = 0; j < s; j++) {
            let v = 0;
            for (let k = 0; k < s; k++) v += w[k] * gammaInverse[k * s + j];
            dense[power * s + j] = v;
        }
    }
    return dense;
}

/** Gaussian elimination with partial pivoting on a small dense system (done once at load). */
function solveSmall(matrix: number[][], rhs: number[]): number[] {
    const n = rhs.length;
    const a = matrix.map((row, i) => [...row, rhs[i]]);
    for (let k = 0; k < n; k++) {
        let p = k;
        for (let i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
        [a[k], a[p]] = [a[p], a[k]];
        for (let i = k + 1; i < n; i++) {
            const l = a[i][k] / a[k][k];
            for (let j = k; j <= n; j++) a[i][j] -= l * a[k][j];
        }
    }
    const x = new Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
        let v = a[i][n];
        for (let j = i + 1; j < n; j++) v -= a[i][j] * x[j];
        x[i] = v / a[i][i];
    }
    return x;
}
