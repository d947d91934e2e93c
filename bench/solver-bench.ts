/*
 * Solver benchmark: steps, evaluations, wall time and error for Robertson and a 10-year PK/PD dosing problem.
 * Default method ROS34PW2 (Jacobian reused); ROS34PRw rows for comparison. Run: node_modules/.bin/esbuild bench/solver-bench.ts --bundle --platform=node --outfile=/tmp/solver-bench.cjs && node /tmp/solver-bench.cjs
 */
import { type Jump, type OdeSystem, solvePiecewise, type SolverOptions } from '../simulator/index.js';

const robertson: OdeSystem = {
    size: 3,
    rhs(_t, y, d) {
        d[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
        d[2] = 3e7 * y[1] * y[1];
        d[1] = -d[0] - d[2];
    }
};

/** research/numerics-and-libs.md Appendix B: depot → central ⇄ peripheral driving slow bone states. */
const pkpd: OdeSystem = {
    size: 7,
    rhs(_t, y, d) {
        const [A, C, P, S, OC, OB] = y;
        const E = 0.8 * C / (0.5 + C);
        d[0] = -48 * A;
        d[1] = 48 * A / 10 - 29 * C + 0.5 * P;
        d[2] = 5 * C - 0.5 * P;
        d[3] = 0.5 * (1 - E) - 0.5 * S;
        d[4] = 0.2 * S * Math.sqrt(Math.max(OC, 0)) - 0.2 * OC;
        d[5] = 0.02 * (OC - OB);
        d[6] = 1e-3 * (OB - OC);
    }
};
const PKPD_REFERENCE = [0.96777080552, 0.93798438185, 0.94111622463, 1.00294418877]; // S, OC, OB, BMD at 3650 d

function time(label: string, run: () => { stats: object; error: string }): void {
    run(); // warm-up (JIT)
    const runs: number[] = [];
    let last!: ReturnType<typeof run>;
    for (let k = 0; k < 5; k++) {
        const start = performance.now();
        last = run();
        runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    console.log(`${label.padEnd(44)} ${runs[2].toFixed(2).padStart(8)} ms  ${JSON.stringify(last.stats)}  ${last.error}`);
}

function robertsonRun(tEnd: number, reference: number[], options: SolverOptions) {
    const r = solvePiecewise(robertson, Float64Array.of(1, 0, 0), 0, [tEnd], [], options);
    const y = r.states[0];
    const absErr = Math.max(...reference.map((v, i) => Math.abs(y[i] - v)));
    const relErr = Math.max(...reference.map((v, i) => Math.abs(y[i] - v) / Math.abs(v)));
    return { stats: r.stats, error: `maxAbsErr ${absErr.toExponential(1)} maxRelErr ${relErr.toExponential(1)}` };
}

function pkpdRun(options: SolverOptions) {
    const jumps: Jump[] = [];
    for (let t = 7; t < 3650; t += 7) jumps.push({ time: t, apply: y => { y[0] += 100; } });
    const r = solvePiecewise(pkpd, Float64Array.of(100, 0, 0, 1, 1, 1, 1), 0, [3650], jumps, options);
    const y = r.states[0];
    const relErr = Math.max(...PKPD_REFERENCE.map((v, i) => Math.abs(y[i + 3] - v) / v));
    return { stats: r.stats, error: `maxRelErr(bone) ${relErr.toExponential(1)}` };
}

const R40 = [0.7158270687193301, 9.185534764557270e-06, 0.2841637457460739];
const R1E11 = [2.0833401496996675e-08, 8.333360770328291e-14, 0.9999999791665134];
time('Robertson [0,40] ros34pw2 1e-6/1e-10', () => robertsonRun(40, R40, { rtol: 1e-6, atol: 1e-10 }));
time('Robertson [0,1e11] ros34pw2 1e-6/1e-10', () => robertsonRun(1e11, R1E11, { rtol: 1e-6, atol: 1e-10 }));
time('Robertson [0,1e11] ros34prw 1e-6/1e-10', () => robertsonRun(1e11, R1E11, { method: 'ros34prw', rtol: 1e-6, atol: 1e-10 }));
time('Robertson [0,1e11] ros34pw2 1e-8/1e-12', () => robertsonRun(1e11, R1E11, { rtol: 1e-8, atol: 1e-12 }));
const pkAtol = [1e-4, 1e-5, 1e-5, 1e-9, 1e-9, 1e-9, 1e-9];
time('PK/PD 10 y weekly ros34pw2 1e-6, per-state atol', () => pkpdRun({ rtol: 1e-6, atol: pkAtol }));
time('PK/PD 10 y weekly ros34pw2 1e-4, per-state atol', () => pkpdRun({ rtol: 1e-4, atol: pkAtol }));
time('PK/PD 10 y weekly ros34prw 1e-6, per-state atol', () => pkpdRun({ method: 'ros34prw', rtol: 1e-6, atol: pkAtol }));
time('PK/PD 10 y weekly dopri5 1e-6, per-state atol', () => pkpdRun({ method: 'dopri5', rtol: 1e-6, atol: pkAtol }));
time('PK/PD 10 y weekly ros34pw2 1e-6, atol 1e-10', () => pkpdRun({ rtol: 1e-6, atol: 1e-10 }));
