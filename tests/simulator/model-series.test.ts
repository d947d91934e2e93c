/** The shape of an arm's results (simulator/results.ts): every series, right length, summaries, errors. */
import { describe, expect, it } from 'vitest';
import { simulateArm, valueAt, exploratoryMechanisms, ModelInputError } from '../../simulator/simulate.js';
import type { DrugDescription } from '../../simulator/model-description.js';
import { describe as arm, grid, INFLIXIMAB, PERIODONTITIS, RA } from './model-fixtures.js';

const CORE_SERIES = ['bmd.lumbar_spine', 'bmd.total_hip', 'bmd.femoral_neck', 'osteoclasts', 'osteoblasts', 'osteoblast_precursors',
    'rankl', 'opg', 'rankl_opg_ratio', 'TNF_alpha', 'IL_6', 'IL_1'];

describe('series of an arm', () => {
    it('has every series of the results contract, each as long as time, for a healthy untreated arm', () => {
        const r = simulateArm(arm({ durationDays: 30 }));
        expect(Object.keys(r.series).sort()).toEqual([...CORE_SERIES].sort());
        for (const key of CORE_SERIES) expect(r.series[key]).toHaveLength(r.time.length);
        expect(r.time).toEqual(grid(30));
    });

    it('adds local sites, alveolar height loss and one series per drug when they apply', () => {
        const r = simulateArm(arm({
            durationDays: 60, conditions: [RA, PERIODONTITIS], localSites: ['hand', 'alveolar_bone'], drugs: [INFLIXIMAB],
            doses: [{ timeDays: 0, drug: 'infliximab', amountMg: 350 }]
        }));
        for (const key of [...CORE_SERIES, 'bmd.hand', 'bmd.alveolar_bone', 'alveolar_height_loss_mm', 'drug.infliximab']) {
            expect(r.series[key], key).toHaveLength(r.time.length);
            expect(r.summary[key], key).toEqual({ end: r.series[key].at(-1), min: Math.min(...r.series[key]), at1y: null });
        }
        // Each local site adds its own cells, mediators, cytokines and drug exposure (docs/language.md §9).
        const local = ['osteoclasts', 'osteoblasts', 'osteoblast_precursors', 'rankl', 'opg', 'rankl_opg_ratio', 'TNF_alpha', 'IL_6', 'IL_1', 'drug.infliximab'];
        for (const site of ['hand', 'alveolar_bone']) for (const key of local) expect(r.series[`${key}@${site}`], `${key}@${site}`).toHaveLength(r.time.length);
        expect(Object.keys(r.series)).toHaveLength(CORE_SERIES.length + 4 + 2 * local.length);
    });

    it('keeps a healthy untreated arm at baseline: BMD 0 %, cells 100 %, cytokines at their healthy levels', () => {
        const r = simulateArm(arm({ durationDays: 730, sampleTimes: grid(730, 7) }));
        for (const key of ['bmd.lumbar_spine', 'bmd.total_hip', 'bmd.femoral_neck']) for (const x of r.series[key]) expect(Math.abs(x)).toBeLessThan(1e-6);
        for (const key of ['osteoclasts', 'osteoblasts', 'osteoblast_precursors']) for (const x of r.series[key]) expect(x).toBeCloseTo(100, 6);
        expect(r.summary.TNF_alpha.end).toBeCloseTo(5, 9);
        expect(r.summary.IL_6.end).toBeCloseTo(5.2, 9);
        expect(r.summary.IL_1.end).toBeCloseTo(1, 9);
        expect(Math.abs(r.summary.rankl_opg_ratio.end / (0.552 / 1.84e4) - 1)).toBeLessThan(0.005);
    });

    it('summarises each series by its end, minimum and value at one year (interpolated)', () => {
        const r = simulateArm(arm({ durationDays: 400, sampleTimes: grid(400, 7), conditions: [RA], localSites: ['hand'] }));
        const s = r.summary['bmd.total_hip'];
        const v = r.series['bmd.total_hip'];
        expect(s.end).toBe(v[v.length - 1]);
        expect(s.min).toBe(Math.min(...v));
        const k = r.time.findIndex(t => t > 365.25);
        const f = (365.25 - r.time[k - 1]) / (r.time[k] - r.time[k - 1]);
        expect(s.at1y).toBeCloseTo(v[k - 1] + f * (v[k] - v[k - 1]), 12);
        expect(simulateArm(arm({ durationDays: 100 })).summary.osteoclasts.at1y).toBeNull();
    });

    it('interpolates linearly and returns null outside the samples', () => {
        expect(valueAt([0, 10], [0, 5], 4)).toBe(2);
        expect(valueAt([0, 10], [0, 5], 10)).toBe(5);
        expect(valueAt([0, 10], [0, 5], 11)).toBeNull();
    });

    it('reports solver work', () => {
        const r = simulateArm(arm({ durationDays: 30, conditions: [RA] }));
        expect(r.stats.steps).toBeGreaterThan(0);
        expect(r.stats.rhsEvaluations).toBeGreaterThan(r.stats.steps);
        expect(r.stats.solveSeconds).toBeGreaterThanOrEqual(0);
    });
});

describe('bad input', () => {
    it('rejects an unknown parameter by name', () => {
        expect(() => simulateArm(arm({ parameters: { rankl_per_tnff: 3 } }))).toThrow(ModelInputError);
        expect(() => simulateArm(arm({ parameters: { rankl_per_tnff: 3 } }))).toThrow(/unknown model parameter 'rankl_per_tnff'/);
    });

    it('rejects a parameter outside its range with the range in the message', () => {
        expect(() => simulateArm(arm({ parameters: { oc_apoptosis: -1 } }))).toThrow(/'oc_apoptosis' = -1 is outside its valid range/);
    });

    it('rejects a dose of a drug the arm does not declare', () => {
        expect(() => simulateArm(arm({ doses: [{ timeDays: 1, drug: 'nothing', amountMg: 1 }] }))).toThrow(/dose of 'nothing'/);
    });

    it('rejects a mechanism the model has no equations for', () => {
        const odd: DrugDescription = { ...INFLIXIMAB, name: 'odd', mechanisms: [{ verb: 'neutralizes', target: 'osteoclasts' }] };
        expect(() => simulateArm(arm({ drugs: [odd] }))).toThrow(/no mechanism for 'neutralizes osteoclasts'/);
    });

    it('applies `set` overrides: a core parameter change moves the steady state but the healthy arm stays at its own baseline', () => {
        const r = simulateArm(arm({ durationDays: 200, parameters: { oc_apoptosis: 0.5 } }));
        for (const x of r.series.osteoclasts) expect(x).toBeCloseTo(100, 5);
        for (const x of r.series['bmd.lumbar_spine']) expect(Math.abs(x)).toBeLessThan(1e-6);
        const base = simulateArm(arm({ durationDays: 200 }));
        expect(r.summary.rankl.end).not.toBeCloseTo(base.summary.rankl.end, 3);
    });
});

describe('exploratory mechanisms', () => {
    it('lists cell therapies, NF-κB inhibitors, NSAIDs and targeted delivery, not established drugs', () => {
        const msc: DrugDescription = { ...INFLIXIMAB, name: 'msc', drugClass: 'cell_therapy', mechanisms: [{ verb: 'supplies', target: 'osteoblast_precursors' }] };
        const list = exploratoryMechanisms(arm({ drugs: [INFLIXIMAB, msc, { ...INFLIXIMAB, name: 'nano', targeting: 4 }] }));
        expect(list.map(a => `${a.subject}: ${a.mechanism}`)).toEqual(['msc: supplies osteoblast_precursors', 'nano: targeted delivery ×4']);
    });
});
