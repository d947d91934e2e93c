import { evaluateRhs, type StepContext, type Stepper } from './stepper.js';
import { scaledErrorNorm } from './tolerances.js';

/*
 * Dormand–Prince 5(4) with FSAL and its order-4 continuous extension: Dormand & Prince (1980); Hairer, Nørsett &
 * Wanner, Solving ODEs I, §II.5 and §II.6 (dense output coefficients of DOPRI5).
 */
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// b − b̂ (5th-order weights minus 4th-order weights).
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072,
    D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

export class Dopri5Stepper implements Stepper {
    readonly order = 5;
    readonly errorExponent = 1 / 5;
    readonly maxGrowth = 10;
    readonly reusesFactorisation = false;
    readonly carriesAcrossJumps = false;

    private readonly k2: Float64Array;
    private readonly k3: Float64Array;
    private readonly k4: Float64Array;
    private readonly k5: Float64Array;
    private readonly k6: Float64Array;
    /** f(t + h, y1) of the last attempt: the next step's first stage (FSAL). */
    private readonly k7: Float64Array;
    private readonly arg: Float64Array;
    private readonly err: Float64Array;

    constructor(private readonly ctx: StepContext) {
        const n = ctx.system.size;
        [this.k2, this.k3, this.k4, this.k5, this.k6, this.k7, this.arg, this.err] =
            Array.from({ length: 8 }, () => new Float64Array(n));
    }

    restart(): void { /* nothing carried over */ }
    reject(_err: number): void { /* nothing to refresh */ }

    attempt(t: number, h: number, y: Float64Array, k1: Float64Array, y1: Float64Array): number {
        const { ctx, k2, k3, k4, k5, k6, k7, arg, err } = this;
        const n = y.length;
        for (let i = 0; i < n; i++) arg[i] = y[i] + h * A21 * k1[i];
        evaluateRhs(ctx, t + C2 * h, arg, k2);
        for (let i = 0; i < n; i++) arg[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        evaluateRhs(ctx, t + C3 * h, arg, k3);
        for (let i = 0; i < n; i++) arg[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        evaluateRhs(ctx, t + C4 * h, arg, k4);
        for (let i = 0; i < n; i++) arg[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        evaluateRhs(ctx, t + C5 * h, arg, k5);
        for (let i = 0; i < n; i++) arg[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        evaluateRhs(ctx, t + h, arg, k6);
        for (let i = 0; i < n; i++) y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
        evaluateRhs(ctx, t + h, y1, k7);
        for (let i = 0; i < n; i++) {
            err[i] = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        }
        return scaledErrorNorm(err, y, y1, ctx.tol);
    }

    accept(_t: number, _h: number, _y1: Float64Array, f1: Float64Array): void {
        f1.set(this.k7);
    }

    interpolate(s: number, h: number, y0: Float64Array, f0: Float64Array, y1: Float64Array, f1: Float64Array, out: Float64Array): void {
        const { k3, k4, k5, k6 } = this;
        const s1 = 1 - s;
        for (let i = 0; i < out.length; i++) {
            const diff = y1[i] - y0[i];
            const r3 = h * f0[i] - diff;
            const r4 = diff - h * f1[i] - r3;
            const r5 = h * (D1 * f0[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * f1[i]);
            out[i] = y0[i] + s * (diff + s1 * (r3 + s * (r4 + s1 * r5)));
        }
    }
}
