/** Qualitative behaviour of conditions and drugs (model.md §4–§7, anchors of type Q). */
import { describe, expect, it } from 'vitest';
import { simulateArm } from '../../simulator/simulate.js';
import type { ConditionDescription, DrugDescription } from '../../simulator/model-description.js';
import type { ArmResult } from '../../simulator/results.js';
import { describe as arm, DENOSUMAB, grid, INFLIXIMAB, PERIODONTITIS, RA, ZOLEDRONATE } from './model-fixtures.js';

const YEAR = 365.25;
const weekly = (days: number) => ({ durationDays: days, sampleTimes: grid(days, 7) });
const at = (r: ArmResult, key: string, t: number) => r.series[key][r.time.indexOf(t)];
const every = (drug: string, mg: number, interval: number, until: number) =>
    Array.from({ length: Math.floor(until / interval) + 1 }, (_, k) => ({ timeDays: k * interval, drug, amountMg: mg })).filter(d => d.timeDays <= until);

const TOCILIZUMAB: DrugDescription = {
    name: 'tocilizumab', drugClass: 'anti_IL6', route: 'intravenous', mechanisms: [{ verb: 'blocks', target: 'IL_6' }],
    pk: { halfLifeDays: 13, bioavailability: 1, volumeL: 6.4 }, pd: { ic50: 1, emax: 0.95 }, targeting: 1
};
const PREDNISONE: DrugDescription = {
    name: 'prednisone', drugClass: 'glucocorticoid', route: 'oral', mechanisms: [{ verb: 'suppresses', target: 'inflammation' }],
    pk: { halfLifeDays: 3 / 24, absorptionHalfLifeDays: 0.5 / 24, bioavailability: 0.8, volumeL: 40 }, pd: { ic50: 0.02, emax: 0.8 }, targeting: 1
};

describe('rheumatoid arthritis, untreated', () => {
    const ra = simulateArm(arm({ ...weekly(371), conditions: [RA], localSites: ['hand'] }));

    it('raises each cytokine to its fold change at full activity', () => {
        expect(ra.summary.TNF_alpha.end).toBeCloseTo(5 * 4, 3);
        expect(ra.summary.IL_6.end).toBeCloseTo(5.2 * 6, 3);
        expect(ra.summary.IL_1.end).toBeCloseTo(1 * 3, 3);
    });

    it('ramps activity smoothly over about two weeks from onset', () => {
        const tnf = ra.series.TNF_alpha;
        expect(tnf[0]).toBeCloseTo(5, 9);
        expect(tnf[1]).toBeGreaterThan(6);
        expect(tnf[1]).toBeLessThan(19);
    });

    it('raises resorption and RANKL/OPG, and loses bone at every site, most in the hand (local excess)', () => {
        expect(ra.summary.osteoclasts.end).toBeGreaterThan(150);
        expect(ra.summary.rankl_opg_ratio.end).toBeGreaterThan(ra.series.rankl_opg_ratio[0] * 2);
        for (const site of ['lumbar_spine', 'total_hip', 'femoral_neck', 'hand']) expect(ra.summary[`bmd.${site}`].end, site).toBeLessThan(-0.5);
        expect(ra.summary['bmd.hand'].end).toBeLessThan(ra.summary['bmd.total_hip'].end);
    });

    it('returns to healthy cytokine levels after the condition resolves', () => {
        const resolved = simulateArm(arm({ ...weekly(364), conditions: [{ ...RA, resolvesDays: 140 }] }));
        expect(resolved.summary.TNF_alpha.end).toBeCloseTo(5, 6);
        expect(resolved.summary.osteoclasts.end).toBeCloseTo(100, 0);
    });

    it('does nothing before a later onset', () => {
        const late = simulateArm(arm({ ...weekly(364), conditions: [{ ...RA, onsetDays: 182 }] }));
        expect(at(late, 'osteoclasts', 182)).toBeCloseTo(100, 4);
        expect(late.summary.osteoclasts.end).toBeGreaterThan(150);
    });
});

describe('treatments in rheumatoid arthritis', () => {
    const base = { ...weekly(371), conditions: [RA], localSites: ['hand' as const] };
    const untreated = simulateArm(arm(base));
    const ifxDoses = [0, 14, 42, ...Array.from({ length: 6 }, (_, k) => 98 + 56 * k)].map(t => ({ timeDays: t, drug: 'infliximab', amountMg: 350 }));

    it('anti-TNF lowers TNF-α and resorption and reduces bone loss (R22 direction)', () => {
        const ifx = simulateArm(arm({ ...base, drugs: [INFLIXIMAB], doses: ifxDoses }));
        expect(ifx.summary.TNF_alpha.end).toBeLessThan(untreated.summary.TNF_alpha.end / 2);
        expect(ifx.summary.osteoclasts.end).toBeLessThan(untreated.summary.osteoclasts.end);
        for (const site of ['lumbar_spine', 'total_hip', 'hand']) expect(ifx.summary[`bmd.${site}`].end, site).toBeGreaterThan(untreated.summary[`bmd.${site}`].end);
    });

    it('an IL-6 receptor blocker leaves the IL-6 level but cuts its bone effect', () => {
        const toci = simulateArm(arm({ ...base, drugs: [TOCILIZUMAB], doses: every('tocilizumab', 560, 28, 364) }));
        expect(toci.summary.IL_6.end).toBeCloseTo(untreated.summary.IL_6.end, 3);
        expect(toci.summary.osteoclasts.end).toBeLessThan(untreated.summary.osteoclasts.end);
    });

    it('denosumab protects bone without lowering cytokines (R34)', () => {
        const den = simulateArm(arm({ ...base, drugs: [DENOSUMAB], doses: every('denosumab', 60, 182.625, 364) }));
        expect(den.summary.TNF_alpha.end).toBeCloseTo(untreated.summary.TNF_alpha.end, 6);
        expect(den.summary['bmd.lumbar_spine'].end).toBeGreaterThan(untreated.summary['bmd.lumbar_spine'].end);
    });

    it('targeted anti-TNF protects the hand more and the hip less than systemic delivery', () => {
        const plain = simulateArm(arm({ ...base, drugs: [INFLIXIMAB], doses: ifxDoses }));
        const targeted = simulateArm(arm({ ...base, drugs: [{ ...INFLIXIMAB, targeting: 4 }], doses: ifxDoses }));
        expect(targeted.summary['bmd.hand'].end).toBeGreaterThan(plain.summary['bmd.hand'].end);
        expect(targeted.summary['bmd.total_hip'].end).toBeLessThan(plain.summary['bmd.total_hip'].end);
    });
});

describe('periodontitis (local condition)', () => {
    const r = simulateArm(arm({ ...weekly(728), conditions: [PERIODONTITIS], localSites: ['alveolar_bone'] }));

    it('leaves the systemic skeleton and blood cytokines alone', () => {
        expect(r.summary.TNF_alpha.end).toBeCloseTo(5, 9);
        expect(Math.abs(r.summary['bmd.lumbar_spine'].end)).toBeLessThan(1e-6);
    });

    it('loses alveolar bone and crestal height progressively', () => {
        expect(r.summary['bmd.alveolar_bone'].end).toBeLessThan(-1);
        const h = r.series.alveolar_height_loss_mm;
        expect(h[0]).toBe(0);
        expect(at(r, 'alveolar_height_loss_mm', 364)).toBeGreaterThan(0);
        expect(h[h.length - 1]).toBeGreaterThan(at(r, 'alveolar_height_loss_mm', 364));
    });
});

describe('menopause and glucocorticoids', () => {
    it('leaves bone alone until the transition, then raises resorption and loses spine BMD', () => {
        const r = simulateArm(arm({ ...weekly(7 * YEAR), patient: { ageYears: 45, sex: 'female', weightKg: 70, menopauseAgeYears: 50 } }));
        const beforeTransition = r.time.findIndex(t => t > 2.9 * YEAR);
        expect(r.series.osteoclasts[beforeTransition - 1]).toBeCloseTo(100, 6);
        expect(r.summary.osteoclasts.end).toBeGreaterThan(110);
        expect(r.summary['bmd.lumbar_spine'].end).toBeLessThan(-1);
    });

    // With ageing, as the library's `aging` condition adds it (R18: placebo women of 72 lose hip bone). The menopausal
    // excess alone decays towards its persistent part, so 20 years on it no longer lowers BMD by itself (§1.4).
    it('starts equilibrated with a menopause in the past: cells already high, bone still falling', () => {
        const aging: ConditionDescription = { name: 'aging', scope: 'systemic', activity: 0.66, onsetDays: 0, drives: {}, activates: {}, sites: [], localExcess: 1, processes: ['senescence'] };
        const r = simulateArm(arm({ ...weekly(3 * YEAR), conditions: [aging], patient: { ageYears: 70, sex: 'female', weightKg: 70, menopauseAgeYears: 50 } }));
        expect(r.series.osteoclasts[1]).toBeCloseTo(100, 0);
        expect(r.summary['bmd.total_hip'].end).toBeLessThan(0);
    });

    it('prednisone alone lowers osteoblasts and bone even without inflammation (R27 direction)', () => {
        const r = simulateArm(arm({ ...weekly(140), drugs: [PREDNISONE], doses: Array.from({ length: 140 }, (_, d) => ({ timeDays: d, drug: 'prednisone', amountMg: 10 })) }));
        expect(r.summary.osteoblasts.min).toBeLessThan(90);
        expect(r.summary['bmd.lumbar_spine'].end).toBeLessThan(0);
    });
});

describe('stopping antiresorptives (R11)', () => {
    it('shows no resorption overshoot when a bisphosphonate wears off', () => {
        const zol = simulateArm(arm({ ...weekly(2 * YEAR), drugs: [ZOLEDRONATE], doses: [{ timeDays: 0, drug: 'zoledronate', amountMg: 5 }] }));
        expect(Math.max(...zol.series.osteoclasts.slice(1))).toBeLessThan(100);
    });

    // KNOWN MISS (anchor R11, docs/model.md §4): the osteoclast-precursor pool fills under denosumab,
    // but with its calibrated values the resorption after the stop is no higher than with no
    // treatment at all. Asserted as a miss, measured against an untreated arm (ageing alone drifts
    // resorption upward, so pre-treatment is no reference): a model that rebounds turns this red, and
    // it should then assert the rebound (≥ 1.2 × untreated, R11) instead.
    it('KNOWN MISS (R11): resorption after denosumab stops is not above the untreated arm (< 1.2 ×)', () => {
        const span = weekly(2 * YEAR);
        const den = simulateArm(arm({ ...span, drugs: [DENOSUMAB], doses: every('denosumab', 60, 182.625, 200) }));
        const untreated = simulateArm(arm({ ...span }));
        const after = (r: ArmResult) => Math.max(...r.series.osteoclasts.filter((_, k) => r.time[k] > YEAR));
        // Cover ends a dosing interval after the last dose: the drug has gone, resorption has come back.
        expect(den.series['drug.denosumab'][den.time.findIndex(t => t > YEAR)]).toBeLessThan(1);
        expect(after(den)).toBeGreaterThan(95);
        expect(after(den) / after(untreated)).toBeLessThan(1.2);
    });
});
