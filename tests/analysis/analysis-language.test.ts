import { clearDocuments, expectCompletion } from 'langium/test';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver';
import type { Model, Scenario, Sweep } from '../../language/src/generated/ast.js';
import { PARAMETERS } from '../../simulator/model/parameters.js';
import { createTestServices } from '../language/test-services.js';

const services = await createTestServices();
const { parse, Osteo } = services;

const HEAD = `
regimen Anti { drug adalimumab dose 40 mg every 2 weeks }
scenario S {
    duration 3 years
    condition rheumatoid_arthritis { severity high }
    arm untreated { }
    arm treated { give Anti from 0 months }
`;

/** Diagnostics of the scenario with `body` added; the document is closed again so names never clash. */
async function diagnosticsOf(body: string): Promise<Diagnostic[]> {
    const document = await parse(`${HEAD}${body}\n}`, { validation: true });
    await clearDocuments(services.shared, [document]);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return document.diagnostics ?? [];
}

async function errorsOf(body: string): Promise<string[]> {
    return (await diagnosticsOf(body)).filter(d => d.severity === 1).map(d => `${d.code}: ${d.message}`);
}

describe('parsing sweeps and populations', () => {
    test('the issue example parses into sweeps, vary targets and a population', async () => {
        const document = await parse(`${HEAD}
            sweep StartTime "Best start" {
                vary start of Anti in treated from 0 months to 24 months step 6 months
                measure bmd at lumbar_spine at 3 years
            }
            sweep Grid {
                vary rankl_per_tnf in untreated values 10, 20, 40
                vary severity of rheumatoid_arthritis values mild, moderate, high
                measure osteoclasts at 1 year
            }
            population Spread { size 200 vary rankl_per_tnf lognormal 30 % vary ob_suppression_by_tnf uniform 0.2 to 0.8 seed 42 }
        }`);
        await clearDocuments(services.shared, [document]);
        expect(document.parseResult.parserErrors).toEqual([]);
        const scenario = (document.parseResult.value as Model).declarations.find(d => d.$type === 'Scenario') as Scenario;
        const [start, grid] = scenario.members.filter((m): m is Sweep => m.$type === 'Sweep');
        expect(start.title).toBe('Best start');
        expect(start.vary[0].target.aspect).toBe('start');
        expect(start.vary[0].target.given?.ref?.name).toBe('Anti');
        expect(start.vary[0].target.arm?.ref?.name).toBe('treated');
        expect(start.measure[0].site?.ref?.name).toBe('lumbar_spine');
        expect(start.measure[0].time).toMatchObject({ value: 3, unit: 'years' });
        expect(grid.vary[0].target.parameter).toBe('rankl_per_tnf');
        expect(grid.vary[1].values.map(v => v.severity)).toEqual(['mild', 'moderate', 'high']);
        const population = scenario.members.find(m => m.$type === 'Population') as unknown as { size: number; seed: number; vary: { parameter: string; distribution: string }[] };
        expect(population.size).toBe(200);
        expect(population.seed).toBe(42);
        expect(population.vary.map(v => `${v.parameter} ${v.distribution}`)).toEqual(['rankl_per_tnf lognormal', 'ob_suppression_by_tnf uniform']);
    });

    test('a correct sweep and population validate without diagnostics', async () => {
        expect(await diagnosticsOf(`
            sweep A { vary dose of Anti in treated values 20 mg, 40 mg, 80 mg measure bmd at total_hip at 2 years }
            sweep B { vary interval of Anti in treated values 1 week, 2 weeks, 4 weeks measure drug.adalimumab }
            sweep C { vary rankl_per_tnf from 5 to 40 step 5 measure rankl_opg_ratio }
            population P { size 50 vary rankl_per_tnf lognormal 0.3 }`.replace('drug.adalimumab', 'adalimumab'))).toEqual([]);
    });

    test('broken sweeps never crash validation: each gets a diagnostic, none from a caught exception', async () => {
        // Langium turns an exception in a check into an "An error occurred during validation" diagnostic
        // and logs it with console.error, so "no crash" is both: no such diagnostic and nothing logged.
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        onTestFinished(() => logged.mockRestore());
        for (const body of ['sweep', 'sweep X {', 'sweep X { vary', 'sweep X { vary start of', 'sweep X { vary dose of Anti in', 'sweep X { measure bmd at at }',
            'population P { vary rankl_per_tnf lognormal }', 'population { size -3 }', 'sweep X { vary rankl_per_tnf from to step }']) {
            const document = await parse(`${HEAD}${body}`, { validation: true });
            await clearDocuments(services.shared, [document]);
            const messages = (document.diagnostics ?? []).map(d => d.message);
            expect(messages.length, `'${body}' is reported`).toBeGreaterThan(0);
            expect(messages.filter(m => /^An error occurred/.test(m)), body).toEqual([]);
        }
        expect(logged).not.toHaveBeenCalled();
    });
});

describe('validation of sweeps', () => {
    test('the vary target must exist in the scenario', async () => {
        expect(await errorsOf('sweep X { vary start of adalimumab in treated values 0 months measure osteoclasts }'))
            .toContain('vary-target: adalimumab is not given in arm treated: a sweep varies a `give` of the arm.');
        expect(await errorsOf('sweep X { vary severity of periodontitis values mild measure osteoclasts }'))
            .toContain('vary-target: Scenario S does not use condition periodontitis; add `condition periodontitis` or vary one it uses.');
        expect(await errorsOf('sweep X { vary rankl_per_tfn from 5 to 40 step 5 measure osteoclasts }'))
            .toContain("unknown-parameter: The model has no parameter 'rankl_per_tfn'. Did you mean 'rankl_per_tnf' or 'rankl_per_il1' or 'rankl_per_il6'?");
        expect((await errorsOf('sweep X { vary start of Anti in nowhere values 0 months measure osteoclasts }')).join('\n')).toMatch(/nowhere/);
    });

    test('units must have the dimension of what varies', async () => {
        expect(await errorsOf('sweep X { vary start of Anti in treated from 0 mg to 24 months step 6 months measure osteoclasts }'))
            .toContain("wrong-unit: The start of Anti is a time (hours, days, weeks, months, years), not 'mg'.");
        expect(await errorsOf('sweep X { vary dose of Anti in treated values 20, 40 measure osteoclasts }'))
            .toContain('missing-unit: The dose of Anti is a mass (ng, µg, mg, g) or a dose per body weight (mg/kg): add a unit.');
        expect(await errorsOf('sweep X { vary rankl_per_tnf values 5 days measure osteoclasts }'))
            .toContain("wrong-unit: rankl_per_tnf is in –; 'days' does not convert to it.");
        expect(await errorsOf('sweep X { vary severity of rheumatoid_arthritis values 1, 2 measure osteoclasts }'))
            .toContain('wrong-unit: A severity is remission, mild, moderate or high, not a number.');
    });

    test('ranges: from < to, step > 0, values within the parameter bounds', async () => {
        expect(await errorsOf('sweep X { vary rankl_per_tnf from 40 to 5 step 5 measure osteoclasts }'))
            .toContain("time-order: 'to' must be greater than 'from' (the sweep runs from 40 upward).");
        expect(await errorsOf('sweep X { vary rankl_per_tnf from 5 to 40 step 0 measure osteoclasts }'))
            .toContain('out-of-range: The step must be greater than 0.');
        expect(await errorsOf('sweep X { vary severity_high values 0.5, 2 measure osteoclasts }'))
            .toContain('out-of-range: severity_high must lie in [0, 1] (the model is meaningless outside it); 2 is not.');
    });

    test('the grid size is limited to 10,000 runs', async () => {
        expect(await errorsOf('sweep X { vary rankl_per_tnf from 1 to 1000 step 1 vary ob_suppression_by_tnf from 0 to 1 step 0.01 measure osteoclasts }'))
            .toContain('too-many-runs: This sweep has 101,000 runs; at most 10,000 are allowed (use a coarser step).');
        expect(await errorsOf('sweep X { vary rankl_per_tnf from 1 to 100 step 1 vary ob_suppression_by_tnf from 0 to 0.99 step 0.01 measure osteoclasts }')).toEqual([]);
    });

    test('structure: one measure, one or two vary lines in one arm', async () => {
        expect(await errorsOf('sweep X { vary rankl_per_tnf values 5, 10 }'))
            .toContain('analysis-structure: Sweep \'X\' has no `measure` line: say what each run reports, e.g. `measure bmd at lumbar_spine at 2 years`.');
        expect(await errorsOf('sweep X { measure osteoclasts }'))
            .toContain('analysis-structure: Sweep \'X\' varies nothing: add a line such as `vary rankl_per_tnf from 5 to 40 step 5`.');
        expect(await errorsOf('sweep X { vary rankl_per_tnf in untreated values 5, 10 vary start of Anti in treated values 0 months measure osteoclasts }'))
            .toContain('vary-target: A sweep runs one arm, but its vary lines name untreated and treated.');
    });

    test('measure names a computed series, at a time within the horizon', async () => {
        expect(await errorsOf('sweep X { vary rankl_per_tnf values 5, 10 measure bmd at 1 year }'))
            .toContain('not-computed: bmd is measured at a site: `measure bmd at lumbar_spine at …`.');
        expect(await errorsOf('sweep X { vary rankl_per_tnf values 5, 10 measure T_cells }'))
            .toContain('not-computed: The model has no series for T_cells; measure osteoclasts, osteoblasts, osteoblast_precursors, RANKL, OPG, a cytokine, a drug or an output.');
        expect(await errorsOf('sweep X { vary rankl_per_tnf values 5, 10 measure osteoclasts at 5 years }'))
            .toContain('out-of-range: The measure time 5 years is after the end of the scenario (3 years).');
        expect(await errorsOf('sweep X { vary rankl_per_tnf in untreated values 5, 10 measure adalimumab }'))
            .toContain('not-computed: adalimumab is not given in arm untreated, which this sweep runs.');
    });
});

describe('validation of populations', () => {
    test('size, seed, distributions', async () => {
        expect(await errorsOf('population P { size 0 vary rankl_per_tnf lognormal 30 % }'))
            .toContain('out-of-range: A population has 1 to 10,000 virtual patients (a whole number), not 0.');
        expect(await errorsOf('population P { size 20000 vary rankl_per_tnf lognormal 30 % }'))
            .toContain('too-many-runs: A population has 1 to 10,000 virtual patients (a whole number), not 20000.');
        expect(await errorsOf('population P { seed 1.5 vary rankl_per_tnf lognormal 30 % }'))
            .toContain('out-of-range: A seed is a whole number from 0 to 4294967295, not 1.5.');
        expect(await errorsOf('population P { vary rankl_per_tnf lognormal 0 % }'))
            .toContain('out-of-range: The coefficient of variation must be greater than 0.');
        expect(await errorsOf('population P { vary ob_suppression_by_tnf uniform 0.8 to 0.2 }'))
            .toContain('time-order: The lower bound (0.8) must be below the upper (0.2).');
        expect(await errorsOf('population P { vary severity_high uniform 0.5 to 1.5 }'))
            .toContain('out-of-range: severity_high must lie in [0, 1] (the model is meaningless outside it); 1.5 is not.');
        expect(await errorsOf('population P { vary rankl_per_tnf lognormal 30 % vary rankl_per_tnf uniform 1 to 2 }'))
            .toContain('duplicate-property: rankl_per_tnf is varied twice in this population.');
        const warnings = (await diagnosticsOf('population P { size 10 }')).filter(d => d.severity === 2).map(d => d.code);
        expect(warnings).toEqual(['analysis-structure']);
    });
});

describe('completion and hover', () => {
    const complete = expectCompletion(Osteo);
    async function itemsAt(body: string): Promise<CompletionItem[]> {
        let items: CompletionItem[] = [];
        await complete({ text: `${HEAD}${body}\n}`, index: 0, assert: (list: CompletionList) => { items = list.items; }, disposeAfterCheck: true });
        return items;
    }
    const labels = (items: CompletionItem[]) => items.map(i => i.label);

    test('after `vary`: every model parameter and the give/condition aspects', async () => {
        const items = await itemsAt('sweep X { vary <|> }');
        for (const p of PARAMETERS) expect(labels(items)).toContain(p.name);
        for (const k of ['start', 'dose', 'interval', 'severity']) expect(labels(items)).toContain(k);
        const tnf = PARAMETERS.find(p => p.name === 'rankl_per_tnf')!;
        expect(items.find(i => i.label === 'rankl_per_tnf')?.detail).toBe(`parameter · ${tnf.value} – · ASSUMPTION/fit`);
        expect(items.find(i => i.label === 'oc_apoptosis')?.detail).toBe('parameter · 0.7 /day');
        expect(labels(await itemsAt('population P { vary rank<|> }'))).toContain('rankl_per_tnf');
    });

    test('after `in`: the arms of the scenario', async () => {
        const items = await itemsAt('sweep X { vary start of Anti in <|> }');
        expect(labels(items).filter(l => ['untreated', 'treated'].includes(l)).sort()).toEqual(['treated', 'untreated']);
        expect(labels(items)).not.toContain('adalimumab');
    });

    test('after `measure`: outputs the model computes, not T cells or PTH', async () => {
        const items = await itemsAt('sweep X { vary rankl_per_tnf values 5 measure <|> }');
        for (const name of ['bmd', 'osteoclasts', 'RANKL', 'TNF_alpha', 'rankl_opg_ratio']) expect(labels(items)).toContain(name);
        expect(labels(items)).not.toContain('T_cells');
        expect(labels(items)).not.toContain('PTH');
        expect(labels(items)).not.toContain('lumbar_spine');
    });

    test('hover shows the number of runs and the parameter meaning', async () => {
        const text = `${HEAD}
            /** Does an early start keep spine bone? */
            sweep StartTime { vary start of Anti in treated from 0 months to 24 months step 6 months measure bmd at lumbar_spine at 3 years }
            sweep Grid { vary rankl_per_tnf from 5 to 40 step 5 vary severity of rheumatoid_arthritis values mild, high measure osteoclasts }
            population Spread { size 200 vary rankl_per_tnf lognormal 30 % seed 42 }
        }`;
        const document = await parse(text);
        onTestFinished(() => clearDocuments(services.shared, [document]));
        const hover = async (needle: string, delta = 1) => {
            const offset = text.indexOf(needle) + delta;
            const result = await Osteo.lsp.HoverProvider!.getHoverContent(document, {
                textDocument: { uri: document.textDocument.uri }, position: document.textDocument.positionAt(offset)
            });
            return (result?.contents as { value: string } | undefined)?.value ?? '';
        };
        expect(await hover('StartTime')).toContain('5 runs of arm treated');
        expect(await hover('StartTime')).toContain('Measures bmd at lumbar_spine at 3 years');
        expect(await hover('StartTime')).toContain('Does an early start keep spine bone?');
        expect(await hover('Grid')).toContain('2-D grid: 16 runs of arm untreated');
        expect(await hover('vary start')).toContain('5 values');
        expect(await hover('vary start')).toContain('Values: 0, 6, 12, 18, 24 months');
        expect(await hover('rankl_per_tnf from')).toContain('extra RANKL production');
        expect(await hover('Spread')).toContain('200 virtual patients × 2 arms = 400 runs · seed 42');
        expect(await hover('sweep StartTime', 0)).toContain('Re-runs one arm');
    });
});
