/** The model's grouped finite-difference Jacobian equals a plain column-by-column one. */
import { describe, expect, it } from 'vitest';
import { createBoneModel } from '../../simulator/model/bone-model.js';
import { resolveParameters } from '../../simulator/model/parameters.js';
import { describe as arm, DENOSUMAB, INFLIXIMAB, PERIODONTITIS, RA, ZOLEDRONATE } from './model-fixtures.js';

describe('grouped Jacobian', () => {
    const desc = arm({
        conditions: [RA, PERIODONTITIS], localSites: ['hand', 'alveolar_bone'],
        drugs: [INFLIXIMAB, DENOSUMAB, { ...ZOLEDRONATE, targeting: 3 }]
    });
    const model = createBoneModel(desc, resolveParameters());
    const n = model.system.size;
    // A state away from baseline: cells, cytokines and drug amounts all perturbed (deterministically).
    const y = Float64Array.from(model.y0, (v, i) => (v === 0 ? 0.5 + (i % 5) : v * (1 + 0.3 * Math.sin(i + 1))));
    const t = 20;

    it('matches dense forward differences entry by entry, with far fewer right-hand sides', () => {
        const grouped = new Float64Array(n * n);
        model.system.jacobian!(t, y, grouped);
        const f0 = new Float64Array(n), f1 = new Float64Array(n), yp = new Float64Array(n);
        model.system.rhs(t, y, f0);
        let nonzero = 0;
        for (let j = 0; j < n; j++) {
            yp.set(y);
            const h0 = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(y[j]), model.atol[j] * 1e6);
            yp[j] = y[j] + h0;
            const h = yp[j] - y[j];
            model.system.rhs(t, yp, f1);
            for (let i = 0; i < n; i++) {
                const dense = (f1[i] - f0[i]) / h;
                if (dense !== 0) nonzero++;
                expect(grouped[i * n + j], `∂f${i}/∂y${j}`).toBeCloseTo(dense, 12);
                expect(Math.abs(grouped[i * n + j] - dense)).toBeLessThanOrEqual(1e-9 * Math.abs(dense) + 1e-300);
            }
        }
        expect(nonzero).toBeGreaterThan(2 * n);
        expect(model.rhsPerJacobian).toBeLessThan(n / 2);
    });
});
