import { describe, expect, test } from 'vitest';
import { isScenario, type Model } from '../../language/src/generated/ast.js';
import { compileScenario } from '../../language/src/compiler/index.js';
import { simulateCompiled } from '../../simulator/run-scenarios.js';
import { PARAMETERS } from '../../simulator/index.js';
import { applyMember } from '../../simulator/analysis/population-member.js';
import type { PopulationPlan } from '../../simulator/analysis/analysis-plan.js';
import { createTestServices } from '../language/test-services.js';

/**
 * Issue 12 item 8, "route local and delivery hydrogel with release kinetics": a regimen's `delivery … release T`
 * (and a drug's `route local`) puts each dose into a depot at the local site, released into the site's tissue,
 * which drains into plasma (docs/model.md §1.8). The site sees its tissue level plus plasma, so the local/systemic
 * ratio is high while the depot releases and falls towards 1 as it empties.
 */
const { parse } = await createTestServices();

async function run(text: string) {
    const document = await parse(text);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    const scenario = compileScenario((document.parseResult.value as Model).declarations.find(isScenario)!);
    const [result] = simulateCompiled([scenario]);
    return { scenario, result };
}

const parameter = (name: string) => PARAMETERS.find(p => p.name === name)!.value;

/** Value of a series at time t (linear between samples). */
function at(time: readonly number[], values: readonly number[], t: number): number {
    const k = time.findIndex(x => x >= t);
    if (k <= 0) return values[Math.max(k, 0)];
    const w = (t - time[k - 1]) / (time[k] - time[k - 1]);
    return values[k - 1] + w * (values[k] - values[k - 1]);
}

function trapezoid(time: readonly number[], values: readonly number[]): number {
    let s = 0;
    for (let k = 1; k < time.length; k++) s += (time[k] - time[k - 1]) * (values[k] + values[k - 1]) / 2;
    return s;
}

/** A linear user drug (no target-mediated clearance): plasma AUC = dose / (k · V) exactly. */
const GEL_DRUG = `
drug gel_il1 "IL-1 blocker for a depot" {
    class anti_IL1
    mechanism blocks IL_1
    route subcutaneous
    half_life 2 days
    volume 5 L
    ic50 1 mg/L
}`;

describe('local release depot (delivery … release T, route local)', () => {
    test('hydrogel, release 7 days, periodontitis: the alveolar site sees far more than plasma early, and the ratio falls over weeks', async () => {
        const { scenario, result } = await run(`
regimen Gel { drug adalimumab  dose 40 mg once  delivery hydrogel release 7 days }
scenario PerioGel { duration 70 days  sample every 1 day
    condition periodontitis { severity moderate  sites alveolar_bone }
    arm gel { give Gel }
}`);
        expect(scenario.arms[0].drugs[0].localRelease).toEqual({ halfLifeDays: 7 });
        const arm = result.arms[0];
        const local = arm.series['drug.adalimumab@alveolar_bone'], plasma = arm.series['drug.adalimumab'];
        const ratio = (t: number) => at(arm.time, local, t) / at(arm.time, plasma, t);
        // First days: the released drug is concentrated in a few mL of tissue, plasma has barely begun to fill.
        for (const t of [1, 2, 3]) expect(ratio(t), `day ${t}`).toBeGreaterThan(20);
        // Then the depot empties while plasma (adalimumab, weeks of half-life) holds: the ratio falls towards 1.
        expect(ratio(7)).toBeLessThan(ratio(2));
        expect(ratio(21)).toBeLessThan(ratio(7));
        expect(ratio(42)).toBeLessThan(ratio(21));
        expect(ratio(70)).toBeLessThan(1.5);
        expect(ratio(70)).toBeGreaterThanOrEqual(1);
        // The site exposure is the plasma level plus the tissue level, never below plasma.
        arm.time.forEach((t, k) => { if (t > 0) expect(local[k]).toBeGreaterThanOrEqual(plasma[k] * (1 - 1e-9)); });
        expect(result.assumptions.join(' ')).toMatch(/local release depot \(release half-time 7 days\)/);
    });

    test('a longer release half-time gives a lower, later plasma peak with the same plasma AUC', async () => {
        const { result } = await run(`${GEL_DRUG}
regimen Fast { drug gel_il1  dose 20 mg once  delivery hydrogel release 3 days }
regimen Slow { drug gel_il1  dose 20 mg once  delivery hydrogel release 14 days }
scenario Release { duration 200 days  sample every 0.1 days
    condition periodontitis { severity moderate  sites alveolar_bone }
    arm fast { give Fast }
    arm slow { give Slow }
}`);
        const [fast, slow] = result.arms;
        const peak = (arm: typeof fast) => {
            const c = arm.series['drug.gel_il1'];
            const k = c.indexOf(Math.max(...c));
            return { cmax: c[k], tmax: arm.time[k] };
        };
        expect(peak(slow).cmax).toBeLessThan(0.6 * peak(fast).cmax);
        // Bateman peaks (release as absorption, plus ~0.3 day of drainage): about day 3.8 for 3 days, day 6.9 for 14 days.
        expect(peak(fast).tmax).toBeGreaterThan(3);
        expect(peak(slow).tmax).toBeGreaterThan(1.5 * peak(fast).tmax);
        // All the dose reaches plasma: AUC = dose / (ln2 / t½ · V) for a linear drug, whatever the release.
        const expected = 20 / (Math.LN2 / 2 * 5);
        for (const arm of [fast, slow]) expect(trapezoid(arm.time, arm.series['drug.gel_il1']) / expected, arm.name).toBeCloseTo(1, 2);
    });

    test('a bolus into a depot that releases at once is the site-tissue bolus: plasma and site follow the closed form', async () => {
        const { result } = await run(`${GEL_DRUG}
regimen Instant { drug gel_il1  dose 20 mg once  delivery hydrogel release 0.0001 days }
scenario Instant { duration 10 days  sample every 0.05 days
    condition periodontitis { severity moderate  sites alveolar_bone }
    arm instant { give Instant }
}`);
        const arm = result.arms[0];
        const kd = Math.LN2 / parameter('local_drainage_half_life'), ke = Math.LN2 / 2, V = 5, Vloc = parameter('local_distribution_volume');
        const plasma = (t: number) => 20 * kd / (V * (kd - ke)) * (Math.exp(-ke * t) - Math.exp(-kd * t));
        const tissue = (t: number) => 20 * Math.exp(-kd * t) / Vloc;
        for (const t of [0.1, 0.25, 0.5, 1, 2, 5, 10]) {
            expect(at(arm.time, arm.series['drug.gel_il1'], t) / plasma(t), `plasma at day ${t}`).toBeCloseTo(1, 2);
            expect(at(arm.time, arm.series['drug.gel_il1@alveolar_bone'], t) / (tissue(t) + plasma(t)), `site at day ${t}`).toBeCloseTo(1, 2);
        }
    });

    test('route local releases with the absorption half-life; without a local site the depot releases into plasma, said in a note', async () => {
        const withSite = await run(`
scenario Exo { duration 20 days  sample every 0.5 days
    condition periodontitis { severity moderate  sites alveolar_bone }
    arm exo { give msc_exosomes 5 mg once }
}`);
        expect(withSite.scenario.arms[0].drugs[0].localRelease).toEqual({ halfLifeDays: 1 });
        const exo = withSite.result.arms[0];
        expect(at(exo.time, exo.series['drug.msc_exosomes@alveolar_bone'], 1) / at(exo.time, exo.series['drug.msc_exosomes'], 1)).toBeGreaterThan(10);

        const without = await run(`${GEL_DRUG}
regimen Gel { drug gel_il1  dose 20 mg once  delivery hydrogel release 7 days }
scenario NoSite { duration 20 days
    condition aging
    arm gel { give Gel }
}`);
        const drug = without.scenario.arms[0].drugs[0];
        expect(drug.localRelease).toBeUndefined();
        expect(drug.pk.absorptionHalfLifeDays).toBe(7);
        expect(without.scenario.notes.join(' ')).toContain('Gel: the scenario has no local site');
        expect(Object.keys(without.result.arms[0].series).filter(k => k.includes('@'))).toEqual([]);
    });

    test('a population varying ka of a drug in a depot varies the depot\'s release', async () => {
        const { scenario } = await run(`${GEL_DRUG}
regimen Gel { drug gel_il1  dose 20 mg once  delivery hydrogel release 7 days }
scenario S { duration 5 days  condition periodontitis { severity moderate  sites alveolar_bone }  arm a { give Gel } }`);
        const plan = { variables: [{ parameter: 'gel_il1.ka', unit: '/day', distribution: { kind: 'lognormal', median: 0.1, cv: 0.3 }, min: 0, max: 100,
            target: { kind: 'drug', drug: 'gel_il1', field: 'ka' } }] } as unknown as PopulationPlan;
        const member = applyMember(scenario.arms[0], plan, { 'gel_il1.ka': Math.LN2 / 2 });
        expect(member.drugs[0].localRelease?.halfLifeDays).toBeCloseTo(2, 12);
    });

    test('the compiler refuses what the validator flags: release with targeting, targeting on a route-local drug, two depots of one drug', async () => {
        const compileText = async (text: string) => {
            const document = await parse(text);
            return () => compileScenario((document.parseResult.value as Model).declarations.find(isScenario)!);
        };
        const perio = (regimens: string, gives: string) => `${regimens}
scenario S { duration 30 days  condition periodontitis { severity moderate  sites alveolar_bone }  arm a { ${gives} } }`;
        expect(await compileText(perio('regimen G { drug anakinra dose 10 mg once delivery hydrogel targeting 4 release 7 days }', 'give G')))
            .toThrow("G: give either 'targeting' (a constant exposure factor) or 'release' (a local depot), not both");
        expect(await compileText(perio('regimen E { drug msc_exosomes dose 5 mg once delivery liposome targeting 4 }', 'give E')))
            .toThrow(/msc_exosomes is given locally \(route local\).*'targeting' does not apply/);
        expect(await compileText(perio(`regimen A { drug anakinra dose 10 mg once delivery hydrogel release 7 days }
regimen B { drug anakinra dose 10 mg once delivery hydrogel release 3 days }`, 'give A  give B from 10 days')))
            .toThrow('anakinra is given twice in arm a with different release or absorption (local release 7 days and local release 3 days)');
    });
});
