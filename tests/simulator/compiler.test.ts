import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isScenario, type Model, type Scenario } from '../../language/src/generated/ast.js';
import { CompileError, compileArm, compileScenario } from '../../language/src/compiler/index.js';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import { loadDocuments } from '../../language/src/workspace/document-loader.js';
import { createTestServices } from '../language/test-services.js';

const { parse } = await createTestServices();

async function scenarioOf(text: string): Promise<Scenario> {
    const document = await parse(text);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    const scenario = (document.parseResult.value as Model).declarations.find(isScenario);
    if (!scenario) throw new Error('no scenario in test text');
    return scenario;
}

async function compileOnly(body: string) {
    return compileScenario(await scenarioOf(`scenario S { ${body} }`));
}

async function errorOf(body: string): Promise<string> {
    try {
        await compileOnly(body);
    } catch (e) {
        expect(e).toBeInstanceOf(CompileError);
        return (e as Error).message;
    }
    throw new Error('expected a compile error');
}

describe('time, grid and defaults', () => {
    test('months and years convert with 30.4375 and 365.25 days; a short run samples daily', async () => {
        const s = await compileOnly('duration 18 months');
        const arm = s.arms[0];
        expect(s.durationDays).toBe(547.875);
        expect(arm.sampleTimes[0]).toBe(0);
        expect(arm.sampleTimes[1]).toBe(1);
        expect(arm.sampleTimes.at(-2)).toBe(547);
        expect(arm.sampleTimes.at(-1)).toBe(547.875);
        expect(arm.sampleTimes).toHaveLength(549);
    });

    test('longer than two years samples weekly and always ends at the horizon', async () => {
        const arm = (await compileOnly('duration 3 years')).arms[0];
        expect(arm.durationDays).toBe(1095.75);
        expect(arm.sampleTimes[1]).toBe(7);
        expect(arm.sampleTimes.at(-2)).toBe(1092);
        expect(arm.sampleTimes.at(-1)).toBe(1095.75);
    });

    test('exactly two years still samples daily; sample every overrides and ends without a duplicate', async () => {
        expect((await compileOnly('duration 2 years')).arms[0].sampleTimes[1]).toBe(1);
        const arm = (await compileOnly('duration 10 weeks sample every 2 weeks')).arms[0];
        expect(arm.sampleTimes).toEqual([0, 14, 28, 42, 56, 70]);
        expect((await compileOnly('duration 36 hours sample every 12 hours')).arms[0].sampleTimes).toEqual([0, 0.5, 1, 1.5]);
    });

    test('a scenario with no arm has one implicit arm named baseline with no interventions', async () => {
        const s = await compileOnly('duration 1 years');
        expect(s.arms.map(a => a.arm)).toEqual(['baseline']);
        expect(s.arms[0]).toMatchObject({ scenario: 'S', drugs: [], doses: [], infusions: [], conditions: [], localSites: [], parameters: {} });
    });

    test('patient defaults: 50-year-old premenopausal woman of 70 kg', async () => {
        expect((await compileOnly('duration 1 years')).arms[0].patient).toEqual({ ageYears: 50, sex: 'female', weightKg: 70 });
        const p = (await compileOnly('duration 1 years patient { age 52 years sex female menopause at 600 months weight 60 kg }')).arms[0].patient;
        expect(p.ageYears).toBeCloseTo(52, 12);
        expect(p.menopauseAgeYears).toBeCloseTo(50, 12);
        expect(p.weightKg).toBe(60);
    });

    test('title falls back to the name; arms keep their declared order', async () => {
        const scenario = await scenarioOf('scenario T "Two arms" { duration 1 years arm b { } arm a { } }');
        const s = compileScenario(scenario);
        expect(s.title).toBe('Two arms');
        expect(s.arms.map(a => a.arm)).toEqual(['b', 'a']);
        expect(compileScenario(scenario, ['a']).arms.map(a => a.arm)).toEqual(['a']);
        expect(compileArm(scenario, undefined).arm).toBe('baseline');
    });
});

describe('conditions', () => {
    test('severity maps to activity; library drives, overrides and local sites come through', async () => {
        const s = await compileOnly(`duration 2 years
            condition rheumatoid_arthritis { severity high onset at 3 months resolves at 1 years TNF_alpha x 6 }
            condition aging`);
        const [ra, aging] = s.arms[0].conditions;
        expect(ra).toEqual({
            name: 'rheumatoid_arthritis', scope: 'systemic', activity: 1, onsetDays: 91.3125, resolvesDays: 365.25,
            drives: { TNF_alpha: 6, IL_6: 4, IL_1: 2 }, activates: { T_cells: 2, macrophage_M1: 2 },
            sites: ['hand'], localExcess: 2, processes: []
        });
        expect(aging).toMatchObject({ activity: 0.66, onsetDays: 0, resolvesDays: undefined, processes: ['senescence'], sites: [], localExcess: 1 });
        expect(s.arms[0].localSites).toEqual(['hand']);
    });

    test('each severity has its activity', async () => {
        for (const [severity, activity] of [['remission', 0.1], ['mild', 0.33], ['moderate', 0.66], ['high', 1]] as const) {
            const s = await compileOnly(`duration 1 years condition periodontitis { severity ${severity} }`);
            expect(s.arms[0].conditions[0].activity).toBe(activity);
        }
    });

    test('a local-scope condition gets a local site; a use that lists sites replaces the declaration\'s', async () => {
        const s = await compileOnly('duration 1 years condition periodontitis condition rheumatoid_arthritis { sites hand, lumbar_spine }');
        expect(s.arms[0].conditions[0]).toMatchObject({ scope: 'local', sites: ['alveolar_bone'] });
        expect(s.arms[0].conditions[1].sites).toEqual(['hand', 'lumbar_spine']);
        expect(s.arms[0].localSites).toEqual(['hand', 'alveolar_bone']);
    });

    test('user conditions: activates cells, local excess; a resolution before onset is refused', async () => {
        const document = await parse(`condition mine { scope local drives IL_1 x 3 activates macrophage_M1 x 1.5 sites hand local_excess x 3 process glucocorticoid_excess }
            scenario S { duration 1 years condition mine }`);
        const scenario = (document.parseResult.value as Model).declarations.find(isScenario)!;
        expect(compileScenario(scenario).arms[0].conditions[0]).toMatchObject({
            scope: 'local', drives: { IL_1: 3 }, activates: { macrophage_M1: 1.5 }, sites: ['hand'], localExcess: 3, processes: ['glucocorticoid_excess']
        });
        expect(await errorOf('duration 1 years condition aging { onset at 6 months resolves at 2 months }')).toMatch(/resolves at day 60.875, not after its onset at day 182.625/);
    });
});

describe('doses', () => {
    test('a regimen gives a dose at from, then every interval until the end; loading replaces the first dose', async () => {
        const document = await parse(`regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks loading 80 mg }
            scenario S { duration 10 weeks arm a { give AntiTNF from 2 weeks } }`);
        const scenario = (document.parseResult.value as Model).declarations.find(isScenario)!;
        const arm = compileArm(scenario, scenario.members.find(m => m.$type === 'Arm') as never);
        expect(arm.doses).toEqual([
            { timeDays: 14, drug: 'adalimumab', amountMg: 80 },
            { timeDays: 28, drug: 'adalimumab', amountMg: 40 },
            { timeDays: 42, drug: 'adalimumab', amountMg: 40 },
            // No dose at day 70: without `until` the plan stops at the end of the scenario (exclusive).
            { timeDays: 56, drug: 'adalimumab', amountMg: 40 }
        ]);
    });

    test('until is exclusive and lands exactly on month multiples', async () => {
        const s = await compileOnly('duration 3 years arm a { give denosumab 60 mg every 6 months from 0 months until 2 years }');
        expect(s.arms[0].doses.map(d => d.timeDays)).toEqual([0, 182.625, 365.25, 547.875]);
    });

    test('once gives a single dose; mg/kg doses scale with the patient weight', async () => {
        const s = await compileOnly(`duration 1 years patient { weight 80 kg }
            arm z { give zoledronate 5 mg once from 1 months }
            arm t { give tocilizumab 8 mg/kg every 4 weeks until 10 weeks }`);
        expect(s.arms[0].doses).toEqual([{ timeDays: 30.4375, drug: 'zoledronate', amountMg: 5 }]);
        expect(s.arms[1].doses).toEqual([0, 28, 56].map(t => ({ timeDays: t, drug: 'tocilizumab', amountMg: 640, scaling: { per: 'kg', amount: 8 } })));
        const defaultWeight = await compileOnly('duration 1 years arm t { give tocilizumab 8 mg/kg once }');
        expect(defaultWeight.arms[0].doses[0].amountMg).toBe(560);
    });

    test('doses of several drugs are merged in time order and each drug is described once', async () => {
        const s = await compileOnly(`duration 8 weeks arm c {
            give adalimumab 40 mg every 2 weeks from 1 weeks
            give denosumab 60 mg once
            give adalimumab 40 mg once from 3 weeks }`);
        const arm = s.arms[0];
        expect(arm.drugs.map(d => d.name)).toEqual(['adalimumab', 'denosumab']);
        expect(arm.doses.map(d => [d.timeDays, d.drug])).toEqual([
            [0, 'denosumab'], [7, 'adalimumab'], [21, 'adalimumab'], [21, 'adalimumab'], [35, 'adalimumab'], [49, 'adalimumab']
        ]);
    });

    test('a start after the horizon gives no dose and says so; until before from is refused', async () => {
        const s = await compileOnly('duration 1 years arm late { give denosumab 60 mg once from 2 years }');
        expect(s.arms[0].doses).toEqual([]);
        expect(s.notes.join(' ')).toMatch(/never starts/);
        expect(await errorOf('duration 1 years arm a { give denosumab 60 mg once from 6 months until 3 months }')).toMatch(/'until'.*must be after 'from'/);
    });

    test('a drug given without a dose is refused with a hint', async () => {
        expect(await errorOf('duration 1 years arm a { give denosumab }')).toBe('give denosumab needs a dose (e.g. give denosumab 40 mg every 2 weeks) or a regimen');
    });

    test('targeted delivery sets the targeting factor; without a factor it is noted', async () => {
        const document = await parse(`regimen Nano { drug adalimumab dose 40 mg every 2 weeks delivery nanoparticle targeting 4 }
            scenario S { duration 1 years arm a { give Nano } }`);
        const s = compileScenario((document.parseResult.value as Model).declarations.find(isScenario)!);
        expect(s.arms[0].drugs[0].targeting).toBe(4);
        const plain = await parse(`regimen Lipo { drug adalimumab dose 40 mg every 2 weeks delivery liposome }
            scenario S { duration 1 years arm a { give Lipo } }`);
        const p = compileScenario((plain.parseResult.value as Model).declarations.find(isScenario)!);
        expect(p.arms[0].drugs[0].targeting).toBe(1);
        expect(p.notes).toEqual(["Lipo: liposome delivery without a targeting factor leaves exposure unchanged (add e.g. 'targeting 4')."]);
    });

    test('infusions and set parameters come through in model units', async () => {
        const s = await compileOnly('duration 100 days arm opg { infuse OPG at 2e5 pM/day from 20 days until 80 days } set rankl_per_tnf = 25');
        expect(s.arms[0].infusions).toEqual([{ mediator: 'OPG', ratePMPerDay: 2e5, fromDays: 20, untilDays: 80 }]);
        expect(s.arms[0].parameters).toEqual({ rankl_per_tnf: 25 });
        const nano = await compileOnly('duration 100 days arm pth { infuse PTH at 1 nM/day }');
        expect(nano.arms[0].infusions[0]).toEqual({ mediator: 'PTH', ratePMPerDay: 1000, fromDays: 0, untilDays: 100 });
    });
});

describe('drug PK/PD in model units', () => {
    test('adalimumab: days, fraction, litres, mg/L', async () => {
        const drug = (await compileOnly('duration 1 years arm a { give adalimumab 40 mg once }')).arms[0].drugs[0];
        expect(drug).toEqual({
            name: 'adalimumab', drugClass: 'anti_TNF', route: 'subcutaneous',
            mechanisms: [{ verb: 'neutralizes', target: 'TNF_alpha' }],
            pk: {
                halfLifeDays: 14, absorptionHalfLifeDays: 2.5, bioavailability: 0.64, volumeL: 5.4,
                peripheralVolumeL: undefined, intercompartmentalClearanceLPerDay: undefined, clearanceLPerDay: undefined,
                vmaxMgPerDay: undefined, kmMgPerL: undefined, molarMassKDa: undefined, boneHalfLifeDays: undefined, boneUptake: undefined
            },
            pd: { ic50: 1, ic50Basis: 'concentration', emax: 0.95 },
            targeting: 1
        });
    });

    test('denosumab: two compartments and Michaelis–Menten clearance converted from per hour and ng', async () => {
        const { pk, pd } = (await compileOnly('duration 1 years arm a { give denosumab 60 mg once }')).arms[0].drugs[0];
        expect(pk.volumeL).toBeCloseTo(2.34, 12);
        expect(pk.peripheralVolumeL).toBeCloseTo(1.324, 12);
        expect(pk.intercompartmentalClearanceLPerDay).toBeCloseTo(0.44808, 12);   // 18.67 mL/h × 24
        expect(pk.clearanceLPerDay).toBeCloseTo(0.066, 12);                       // 2.75 mL/h × 24
        expect(pk.vmaxMgPerDay).toBeCloseTo(0.07464, 12);                         // 3110 ng/h × 24
        expect(pk.kmMgPerL).toBeCloseTo(0.188, 12);                               // 188 ng/mL
        expect(pk.absorptionHalfLifeDays).toBe(4.88);
        expect(pk.bioavailability).toBeCloseTo(0.729, 12);
        expect(pk.molarMassKDa).toBe(149);
        expect(pd).toEqual({ ic50: undefined, ic50Basis: undefined, emax: 1 });
    });

    test('bisphosphonates: bone half-life in days, uptake fraction, potency on the bone-bound amount; IV has no absorption', async () => {
        const { route, pk, pd } = (await compileOnly('duration 1 years arm a { give zoledronate 5 mg once }')).arms[0].drugs[0];
        expect(route).toBe('intravenous');
        expect(pk).toMatchObject({ halfLifeDays: 1 / 12, absorptionHalfLifeDays: undefined, bioavailability: 1, boneHalfLifeDays: 3652.5, boneUptake: 0.5 });
        expect(pd).toEqual({ ic50: 0.05, ic50Basis: 'bone-bound amount', emax: 1 });
    });

    test('NSAIDs: suppresses inflammation; hours become fractions of a day', async () => {
        const drug = (await compileOnly('duration 1 years arm a { give naproxen 500 mg every 12 hours }')).arms[0].drugs[0];
        expect(drug.mechanisms).toEqual([{ verb: 'suppresses', target: 'inflammation' }]);
        expect(drug.pk.halfLifeDays).toBeCloseTo(0.625, 12);
        expect(drug.pk.absorptionHalfLifeDays).toBeCloseTo(1 / 24, 12);
    });

    test('a user drug without absorption half-life gets the route default; a missing volume is refused', async () => {
        const document = await parse(`drug mine { class anti_IL1 mechanism blocks IL_1 route subcutaneous half_life 5 days volume 6 L ic50 100 ng/mL }
            drug novolume { class anti_IL1 mechanism blocks IL_1 route oral half_life 5 hours }
            scenario S { duration 1 years arm a { give mine 10 mg once } arm b { give novolume 1 mg once } }`);
        const scenario = (document.parseResult.value as Model).declarations.find(isScenario)!;
        const [a, b] = scenario.members.filter(m => m.$type === 'Arm') as never[];
        const mine = compileArm(scenario, a).drugs[0];
        expect(mine.pk).toMatchObject({ absorptionHalfLifeDays: 2, bioavailability: 1 });
        expect(mine.pd).toMatchObject({ ic50: 0.1, emax: 1 });
        expect(() => compileArm(scenario, b)).toThrow(/novolume has no volume of distribution/);
    });
});

describe('reported series', () => {
    test('default report: bmd at lumbar spine and total hip, osteoclasts, osteoblasts', async () => {
        expect((await compileOnly('duration 1 years')).reported).toEqual(['bmd.lumbar_spine', 'bmd.total_hip', 'osteoclasts', 'osteoblasts']);
    });

    test('report lines map to the result keys', async () => {
        const s = await compileOnly(`duration 1 years condition periodontitis
            arm a { give adalimumab 40 mg every 2 weeks }
            report bmd at lumbar_spine, alveolar_bone
            report osteoclasts, rankl_opg_ratio, TNF_alpha, adalimumab, RANKL, OPG, alveolar_height_loss, osteoclasts`);
        expect(s.reported).toEqual(['bmd.lumbar_spine', 'bmd.alveolar_bone', 'osteoclasts', 'rankl_opg_ratio', 'TNF_alpha',
            'drug.adalimumab', 'rankl', 'opg', 'alveolar_height_loss_mm']);
    });

    test('bmd without sites reports the default sites plus simulated local sites; unsimulated local sites are left out with a note', async () => {
        expect((await compileOnly('duration 1 years condition rheumatoid_arthritis report bmd')).reported)
            .toEqual(['bmd.lumbar_spine', 'bmd.total_hip', 'bmd.hand']);
        const s = await compileOnly('duration 1 years report bmd at femoral_neck, hand');
        expect(s.reported).toEqual(['bmd.femoral_neck']);
        expect(s.notes.join(' ')).toMatch(/bmd at hand is not reported/);
    });
});

describe('mistakes the validator should have caught still give located errors, never NaN', () => {
    test('missing or wrong units', async () => {
        expect(await errorOf('duration 5')).toMatch(/duration of S needs a unit: expected a time/);
        expect(await errorOf('duration 5 mg')).toMatch(/duration of S is in 'mg' but should be a time/);
        expect(await errorOf('duration 1 years arm a { give denosumab 60 mg every 2 }')).toMatch(/dosing interval of denosumab needs a unit/);
    });

    test('a scenario without duration, and the error carries a location', async () => {
        try {
            await compileOnly('arm a { }');
            throw new Error('expected a compile error');
        } catch (e) {
            expect((e as Error).message).toBe('scenario S has no duration (e.g. duration 2 years)');
            expect((e as CompileError).location).toMatchObject({ line: 1, column: 1 });
        }
    });

    test('set names a parameter of the model table, within its range', async () => {
        expect(await errorOf('duration 1 years set no_such_thing = 3')).toBe("unknown model parameter 'no_such_thing'");
        expect(await errorOf('duration 1 years set rankl_per_tnf = -1')).toMatch(/rankl_per_tnf = -1 is outside its valid range/);
    });

    test('the validator and the compiler agree on ages: 0 is valid, a negative age is not', async () => {
        expect((await compileOnly('duration 1 years patient { age 0 years }')).arms[0].patient.ageYears).toBe(0);
        expect(await errorOf('duration 1 years patient { age -1 years }')).toBe('patient age must not be negative');
    });

    test('zero doses and absurd sampling are refused', async () => {
        expect(await errorOf('duration 1 years arm a { give denosumab 0 mg once }')).toMatch(/dose of denosumab must be greater than 0/);
        expect(await errorOf('duration 100 years sample every 1 hours')).toMatch(/coarser 'sample every'/);
    });
});

describe('realistic inputs: every example and calibration anchor compiles', () => {
    const root = path.resolve(__dirname, '../..');
    const files = ['examples', 'tests/anchors'].flatMap(dir => fs.existsSync(path.join(root, dir))
        ? fs.readdirSync(path.join(root, dir)).filter(f => f.endsWith('.osteo')).map(f => path.join(dir, f)) : []);
    // Loaded from disk with their imports, as the CLI does; files that only share regimens have no scenario.
    const withScenarios = files.filter(f => /^\s*scenario\s/m.test(fs.readFileSync(path.join(root, f), 'utf8')));

    test.each(withScenarios)('%s', async file => {
        const { shared } = createOsteoServices({ ...NodeFileSystem });
        const { roots } = await loadDocuments(shared, [URI.file(path.join(root, file))]);
        const document = roots[0];
        expect((document.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
        const scenarios = (document.parseResult.value as Model).declarations.filter(isScenario);
        expect(scenarios.length).toBeGreaterThan(0);
        for (const scenario of scenarios) {
            const compiled = compileScenario(scenario);
            for (const arm of compiled.arms) {
                expect(arm.sampleTimes[0]).toBe(0);
                expect(arm.sampleTimes.at(-1)).toBe(compiled.durationDays);
                expect(arm.doses.every(d => d.timeDays >= 0 && d.timeDays <= compiled.durationDays && d.amountMg > 0)).toBe(true);
                expect(arm.doses.every(d => arm.drugs.some(x => x.name === d.drug))).toBe(true);
                // Plain data: survives the trip to the worker thread unchanged.
                expect(structuredClone(arm)).toEqual(arm);
            }
            expect(compiled.reported.length).toBeGreaterThan(0);
        }
    });
});
