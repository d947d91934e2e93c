/**
 * Population variability where pharmacologists put it (docs/language.md §3.6): drug PK and potency, the patient's
 * weight, age and height, a dose in one arm, a condition's severity by shares, correlations between two varied
 * quantities, the same virtual patient in every arm, and responder fractions in the results.
 */
import { clearDocuments } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { Model } from '../../language/src/generated/ast.js';
import { compileDocument } from '../../language/src/compiler/compile-document.js';
import { drawMember, populationTasks } from '../../simulator/analysis/population.js';
import { serialRunner } from '../../simulator/analysis/task-runner.js';
import { armsOnly, runAnalyses, simulateCompiled } from '../../simulator/run-scenarios.js';
import type { PopulationPlan } from '../../simulator/index.js';
import { createTestServices } from '../language/test-services.js';

const services = await createTestServices();

async function compiled(population: string, size = 2000) {
    const document = await services.parse(`
regimen Anti { drug adalimumab dose 40 mg every 2 weeks }
regimen Tcz { drug tocilizumab dose 8 mg/kg every 4 weeks }
scenario S {
    duration 1 year
    sample every 4 weeks
    patient { weight 70 kg }
    condition rheumatoid_arthritis { severity high }
    arm untreated { }
    arm treated { give Anti give Tcz }
    population P { size ${size} seed 7 ${population} }
}`);
    await clearDocuments(services.shared, [document]);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return compileDocument(document.parseResult.value as Model)[0];
}

async function planOf(population: string, size = 2000): Promise<PopulationPlan> {
    return (await compiled(population, size)).populations![0];
}

const stats = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    return { mean, sd };
};
const draws = (plan: PopulationPlan, key: string) => Array.from({ length: plan.size }, (_, i) => drawMember(plan, i)[key]);

describe('what a population varies', () => {
    test('a drug clearance lognormal 30 %: median at the drug\'s clearance, log-sd √ln(1 + 0.3²); each arm gets it', async () => {
        const plan = await planOf('vary adalimumab.clearance lognormal 30 %');
        const nominal = Math.LN2 * 5.4 / 14; // library adalimumab: V 5.4 L, t½ 14 days, no clearance stated
        expect(plan.variables[0]).toMatchObject({ parameter: 'adalimumab.clearance', unit: 'L/day', distribution: { kind: 'lognormal', median: nominal, cv: 0.3 } });
        const logs = stats(draws(plan, 'adalimumab.clearance').map(Math.log));
        expect(logs.mean).toBeCloseTo(Math.log(nominal), 1);
        expect(logs.sd).toBeCloseTo(Math.sqrt(Math.log(1.09)), 1);
        const tasks = populationTasks({ ...plan, size: 3 });
        const cl = drawMember(plan, 1)['adalimumab.clearance'];
        expect(tasks[3].desc.arm).toBe('treated');
        expect(tasks[3].desc.drugs.find(d => d.name === 'adalimumab')!.pk.clearanceLPerDay).toBe(cl);
        expect(tasks[3].parameters).toEqual({});
    });

    test('body weight: mg/kg doses follow the drawn weight, fixed doses do not', async () => {
        const plan = await planOf('vary weight uniform 50 kg to 100 kg', 20);
        const tasks = populationTasks(plan);
        for (let m = 0; m < plan.size; m++) {
            const w = drawMember(plan, m).weight;
            const desc = tasks[m * 2 + 1].desc;
            expect(desc.patient.weightKg).toBe(w);
            expect(desc.doses.find(e => e.drug === 'tocilizumab')!.amountMg).toBeCloseTo(8 * w, 10);
            expect(desc.doses.find(e => e.drug === 'adalimumab')!.amountMg).toBe(40);
        }
    });

    test('severity shares: mild 30 %, moderate 50 %, high 20 % of the patients, the activity set per patient', async () => {
        const plan = await planOf('vary severity of rheumatoid_arthritis mild 30 %, moderate 50 %, high 20 %');
        const counts = [0, 0, 0];
        for (const c of draws(plan, 'severity of rheumatoid_arthritis')) counts[c]++;
        expect(counts.map(c => c / plan.size)).toEqual([expect.closeTo(0.3, 1), expect.closeTo(0.5, 1), expect.closeTo(0.2, 1)]);
        const task = populationTasks({ ...plan, size: 1 })[0];
        const category = drawMember(plan, 0)['severity of rheumatoid_arthritis'];
        expect(task.desc.conditions[0].activity).toBe([0.33, 0.66, 1.0][category]);
        await expect(planOf('vary severity of rheumatoid_arthritis mild 30 %, high 20 %')).rejects.toThrow(/add up to 50 %, not 100 %/);
    });

    test('the dose of a regimen in one arm varies in that arm only', async () => {
        const plan = await planOf('vary dose of Anti in treated lognormal 20 %', 5);
        const tasks = populationTasks(plan);
        const dose = drawMember(plan, 2)['dose of Anti in treated'];
        expect(tasks[5].desc.doses.filter(e => e.drug === 'adalimumab').every(e => Math.abs(e.amountMg - dose) < 1e-9 * dose)).toBe(true);
        expect(tasks[4].desc.doses).toEqual([]);
    });

    test('correlate weight, adalimumab.clearance 0.6: the normal scores correlate at 0.6', async () => {
        const plan = await planOf('vary weight lognormal 20 % vary adalimumab.clearance lognormal 30 % correlate weight, adalimumab.clearance 0.6', 4000);
        const a = draws(plan, 'weight').map(Math.log), b = draws(plan, 'adalimumab.clearance').map(Math.log);
        const sa = stats(a), sb = stats(b);
        const r = a.reduce((t, x, i) => t + (x - sa.mean) * (b[i] - sb.mean), 0) / ((a.length - 1) * sa.sd * sb.sd);
        expect(r).toBeCloseTo(0.6, 1);
        await expect(planOf('vary weight lognormal 20 % correlate weight, age 0.5')).rejects.toThrow(/correlate names 'age', which no vary line/);
    });

    test('PK, potency and patient fields are drawn around the compiled values', async () => {
        const plan = await planOf('vary adalimumab.volume lognormal 25 % vary adalimumab.ic50 lognormal 40 % vary adalimumab.ka lognormal 30 % vary age uniform 40 years to 70 years vary height lognormal 5 %', 10);
        expect(plan.variables.map(v => [v.parameter, v.unit])).toEqual([
            ['adalimumab.volume', 'L'], ['adalimumab.ic50', 'mg/L'], ['adalimumab.ka', '/day'], ['age', 'years'], ['height', 'cm']]);
        expect(plan.variables[2].distribution).toMatchObject({ median: Math.LN2 / 2.5 });
        expect(plan.variables[3].distribution).toEqual({ kind: 'uniform', low: 40, high: 70 });
    });
});

describe('paired arms and responders', () => {
    test('each virtual patient goes through every arm with the same draws; responder fractions per arm in the result', async () => {
        const c = await compiled('vary adalimumab.clearance lognormal 30 % vary severity of rheumatoid_arthritis mild 30 %, moderate 50 %, high 20 % responders bmd at total_hip > -1 at 1 year', 12);
        const plan = c.populations![0];
        const tasks = populationTasks(plan);
        for (let m = 0; m < plan.size; m++) {
            expect(tasks[2 * m].desc.conditions[0].activity).toBe(tasks[2 * m + 1].desc.conditions[0].activity);
        }
        const result = (await runAnalyses([c], simulateCompiled(armsOnly([c])), serialRunner))[0].populations![0];
        const outputs = await serialRunner.run(tasks);
        for (const [a, arm] of result.arms.entries()) {
            const r = arm.responders![0];
            expect(r).toMatchObject({ key: 'bmd.total_hip', comparison: '>', threshold: -1, of: 12 });
            const expected = outputs.filter((_, i) => i % 2 === a).filter(o => {
                if (!o.ok) return false;
                const t = o.time!, v = o.series!['bmd.total_hip'];
                return v[t.length - 1] > -1;
            }).length;
            expect(r.count).toBe(expected);
            expect(r.fraction).toBe(expected / 12);
        }
    });
});

describe('validation of the new vary lines', () => {
    test('they parse and validate clean; severity shares that do not add up are an error while typing', async () => {
        const { validationSetup, scenario } = await import('../language/validation-helpers.js');
        const { validate } = await validationSetup();
        const ok = await validate(`regimen Anti { drug adalimumab dose 40 mg every 2 weeks }\n${scenario(`condition rheumatoid_arthritis
    arm treated { give Anti }
    population P { vary adalimumab.clearance lognormal 30 % vary weight lognormal 15 % vary dose of Anti in treated uniform 20 mg to 80 mg
        vary severity of rheumatoid_arthritis mild 30 %, moderate 50 %, high 20 % correlate weight, adalimumab.clearance 0.6
        responders bmd at total_hip > 0 at 2 years }`)}`);
        expect(ok.diagnostics.filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
        const bad = await validate(scenario('condition rheumatoid_arthritis\npopulation P { vary severity of rheumatoid_arthritis mild 30 %, high 20 % }'));
        expect(bad.diagnostics.map(d => d.message)).toContain('The severity shares add up to 50 %, not 100 %.');
    });
});

describe('the compiler\'s refusals of drawn quantities are said while typing, at the line', () => {
    test('a drug not given, a field the drug lacks, a dose not given in the arm, bounds, CV and responders time', async () => {
        const { validationSetup, scenario } = await import('../language/validation-helpers.js');
        const { validate } = await validationSetup();
        const errors = async (population: string) => (await validate(scenario(`condition rheumatoid_arthritis
    arm a { give adalimumab 40 mg every 2 weeks }
    arm b { give tocilizumab 8 mg/kg every 4 weeks }
    population P { size 10 ${population} }`))).diagnostics.filter(d => d.severity === 1).map(d => d.message);
        expect(await errors('vary etanercept.clearance lognormal 30 %')).toEqual(['etanercept is not given in any arm of this scenario, so its clearance cannot vary.']);
        expect(await errors('vary tocilizumab.ka lognormal 30 %')).toEqual(['tocilizumab has no absorption (it is given intravenously) to vary.']);
        expect(await errors('vary dose of adalimumab in b uniform 20 mg to 80 mg')).toEqual(['adalimumab is not given with a dose in arm b, so its dose cannot vary.']);
        expect(await errors('vary weight uniform 90 kg to 50 kg')).toEqual(['The lower bound (90 kg) must be below the upper (50 kg).']);
        expect(await errors('vary weight uniform 50 mg to 90 mg')).toEqual(["This bound is a body mass (kg), not 'mg'."]);
        expect(await errors('vary adalimumab.clearance lognormal 0 %')).toEqual(['The coefficient of variation must be greater than 0.']);
        expect((await errors('vary weight lognormal 15 % responders bmd at total_hip > 0 at 20 years'))[0]).toMatch(/^The responders time 20 years is after the end of the scenario/);
        expect(await errors('vary weight lognormal 15 % responders T_cells > 0 at 1 year')).toEqual([expect.stringMatching(/^The model has no series for T_cells/)]);
        // The same lines written correctly: no error.
        expect(await errors('vary adalimumab.clearance lognormal 30 % vary weight uniform 50 kg to 90 kg vary dose of adalimumab in a uniform 20 mg to 80 mg responders bmd at total_hip > 0 at 1 year')).toEqual([]);
    });
});
