/**
 * The `sensitivity` block in a scenario (docs/language.md §3.7), as a user meets it: it parses, mistakes are
 * reported at their line while typing, completion and hover help write it.
 */
import { clearDocuments, expectCompletion } from 'langium/test';
import { describe, expect, onTestFinished, test } from 'vitest';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver';
import type { Model, Scenario, Sensitivity } from '../../language/src/generated/ast.js';
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

async function diagnosticsOf(body: string): Promise<Diagnostic[]> {
    const document = await parse(`${HEAD}${body}\n}`, { validation: true });
    await clearDocuments(services.shared, [document]);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return document.diagnostics ?? [];
}

/** `code: message @line:column` (1-based, the line within `body`) of each diagnostic of a severity. */
async function reported(body: string, severity = 1): Promise<string[]> {
    const headLines = HEAD.split('\n').length - 1;
    return (await diagnosticsOf(body)).filter(d => d.severity === severity)
        .map(d => `${d.code}: ${d.message} @${d.range.start.line - headLines + 1}:${d.range.start.character + 1}`);
}

describe('parsing a sensitivity block', () => {
    test('method, measure with arm and several times, samples, seed, vary lines with and without ranges', async () => {
        const document = await parse(`${HEAD}
            sensitivity HipDrivers "What drives the hip" {
                method sobol
                measure bmd at total_hip in treated at 1 year, 3 years
                samples 128
                seed 7
                vary rankl_per_tnf from 5 to 40
                vary oc_apoptosis
            }
        }`);
        onTestFinished(() => clearDocuments(services.shared, [document]));
        expect(document.parseResult.parserErrors).toEqual([]);
        const scenario = (document.parseResult.value as Model).declarations.find(d => d.$type === 'Scenario') as Scenario;
        const block = scenario.members.find(m => m.$type === 'Sensitivity') as Sensitivity;
        expect(block).toMatchObject({ name: 'HipDrivers', title: 'What drives the hip', method: 'sobol', samples: 128, seed: 7 });
        expect(block.measure[0].arm?.ref?.name).toBe('treated');
        expect(block.measure[0].site?.ref?.name).toBe('total_hip');
        expect([block.measure[0].time, ...block.measure[0].times].map(q => `${q?.value} ${q?.unit}`)).toEqual(['1 year', '3 years']);
        expect(block.factors.map(f => [f.parameter, f.low?.value, f.high?.value])).toEqual([['rankl_per_tnf', 5, 40], ['oc_apoptosis', undefined, undefined]]);
    });

    test('the new words stay usable as names elsewhere (soft keywords)', async () => {
        const errors = await reported('arm method { } arm samples { } arm sobol { } arm morris { }');
        expect(errors).toEqual([]);
    });
});

describe('validation at the line', () => {
    test('a complete block is clean', async () => {
        expect(await reported(`sensitivity Ok { method morris measure osteoclasts in treated at 1 year, 2 years samples 4 vary rankl_per_tnf from 5 to 40 vary oc_apoptosis }`)).toEqual([]);
        expect(await reported('sensitivity Loc { measure bmd at lumbar_spine at 2 years vary rankl_per_tnf }')).toEqual([]);
    });

    test('an unknown parameter, with the closest names', async () => {
        expect(await reported('sensitivity A {\n method sobol measure osteoclasts\n vary rankl_per_tnfx }')).toEqual([
            expect.stringMatching(/^unknown-parameter: The model has no parameter 'rankl_per_tnfx'\. Did you mean 'rankl_per_tnf'( or '\w+')*\? @3:7$/)
        ]);
    });

    test('a range whose low is not below its high, a range outside the valid bounds, a unit that does not convert', async () => {
        expect(await reported('sensitivity A {\n method sobol measure osteoclasts\n vary rankl_per_tnf from 40 to 5 }')).toEqual([
            'time-order: The range must go from a lower to a higher value: 40 is not below 5. @3:32'
        ]);
        const bounds = await reported('sensitivity A {\n method sobol measure osteoclasts\n vary oc_apoptosis from -1 to 0.5 }');
        expect(bounds).toHaveLength(1);
        expect(bounds[0]).toMatch(/^out-of-range: oc_apoptosis must lie in \[0, ∞\] \(the model is meaningless outside it\); -1 is not\. @3:25$/);
        expect(await reported('sensitivity A {\n method sobol measure osteoclasts\n vary oc_apoptosis from 0.1 mg to 0.5 mg }')).toEqual([
            "wrong-unit: oc_apoptosis is in /day; 'mg' does not convert to it. @3:29", "wrong-unit: oc_apoptosis is in /day; 'mg' does not convert to it. @3:39"
        ]);
    });

    test('samples: too few for Sobol is an error, few is a warning', async () => {
        expect(await reported('sensitivity A {\n method sobol measure osteoclasts\n samples 1 vary rankl_per_tnf }')).toEqual([
            'out-of-range: Sobol needs at least 2 samples (a whole number), not 1. @3:10'
        ]);
        expect(await reported('sensitivity A {\n method sobol measure osteoclasts\n samples 8 vary rankl_per_tnf }', 2)).toEqual([
            'out-of-range: 8 Sobol samples give bootstrap intervals too wide to rank most parameters; use 32 or more (the default is 64). @3:10'
        ]);
        expect(await reported('sensitivity A {\n method sobol measure osteoclasts\n samples 64 vary rankl_per_tnf }', 2)).toEqual([]);
    });

    test('an unknown or uncomputed series, a drug the arm does not get, a time after the end', async () => {
        expect(await reported('sensitivity A {\n measure T_cells }')).toEqual([
            'not-computed: The model has no series for T_cells; measure osteoclasts, osteoblasts, osteoblast_precursors, RANKL, OPG, a cytokine, a drug or an output. @2:10'
        ]);
        expect(await reported('sensitivity A {\n measure bmd }')).toEqual(['not-computed: bmd is measured at a site: `measure bmd at lumbar_spine at …`. @2:10']);
        expect(await reported('sensitivity A {\n measure adalimumab in untreated }')).toEqual(['not-computed: adalimumab is not given in arm untreated, which this study runs. @2:10']);
        expect(await reported('sensitivity A {\n method morris measure osteoclasts at 1 year, 5 years }')).toEqual([
            'out-of-range: The measure time 5 years is after the end of the scenario (3 years). @2:47'
        ]);
        const unresolved = await reported('sensitivity A {\n measure osteoclastz }');
        expect(unresolved[0]).toMatch(/osteoclastz/);
    });

    test('what the method does not take: samples, seed, ranges and several times for local', async () => {
        expect((await reported('sensitivity A {\n measure osteoclasts at 1 year, 2 years\n samples 8 seed 2\n vary rankl_per_tnf from 5 to 40 }')).sort()).toEqual([
            'analysis-structure: A local sensitivity is computed at one time; several times (indices over time) go with method morris or sobol. @2:33',
            'analysis-structure: A local sensitivity takes parameter names without ranges; ranges go with `method morris` or `method sobol`. @4:26',
            'analysis-structure: `samples` goes with `method morris` or `method sobol`; a local sensitivity takes one run per parameter side. @3:10',
            'analysis-structure: `seed` goes with `method morris` or `method sobol`; a local sensitivity takes one run per parameter side. @3:17'
        ]);
    });

    test('no measure line, two measure lines, a parameter twice, a name shared with a sweep, too many runs', async () => {
        expect(await reported('sensitivity A { method sobol vary rankl_per_tnf }')).toEqual([
            "analysis-structure: Sensitivity 'A' has no `measure` line: say which series, e.g. `measure bmd at total_hip in treated at 1 year, 5 years`. @1:13"
        ]);
        expect(await reported('sensitivity A {\n measure osteoclasts\n measure osteoblasts }')).toEqual([
            'analysis-structure: A sensitivity study measures one series; declare another block for a second one. @3:2'
        ]);
        expect(await reported('sensitivity A {\n method morris measure osteoclasts\n vary rankl_per_tnf vary rankl_per_tnf }')).toEqual([
            'duplicate-property: rankl_per_tnf is varied twice in this study. @3:26'
        ]);
        expect(await reported('sweep A { vary rankl_per_tnf values 5, 10 measure osteoclasts }\nsensitivity A { measure osteoclasts }')).toEqual([
            "duplicate-name: Scenario S already has a sweep, population or sensitivity named 'A'. @2:13"
        ]);
        const many = await reported('sensitivity A {\n method sobol measure osteoclasts samples 100000 }');
        // samples × (parameters + 2): the count grows with the model's parameter table, so it is read, not fixed here.
        expect(many).toEqual([expect.stringMatching(/^too-many-runs: This study takes [\d,]+ runs; at most 1,000,000 are allowed/)]);
        const runs = Number(/takes ([\d,]+) runs/.exec(many[0])![1].replace(/,/g, ''));
        expect(runs % 100000).toBe(0);
        expect(runs / 100000).toBeGreaterThan(100);
    });

    test('a parameter whose value is 0 needs a written range', async () => {
        const zero = PARAMETERS.find(p => p.value === 0 && p.max > 0);
        if (!zero) return;
        const errors = await reported(`sensitivity A {\n method sobol measure osteoclasts\n vary ${zero.name} }`);
        expect(errors).toEqual([`out-of-range: ${zero.name} is 0, so ½ to 2 × its value is no range: write one, e.g. \`vary ${zero.name} from LOW to HIGH\` (in ${zero.unit}). @3:7`]);
    });

    test('a sweep measures at one time and takes its arm from its vary lines', async () => {
        expect(await reported('sweep W {\n vary rankl_per_tnf values 5, 10\n measure osteoclasts in treated at 1 year, 2 years }')).toEqual([
            'analysis-structure: A sweep runs the arm its vary lines name (`vary X in ARM`), else the first arm; `in ARM` on the measure line is for a sensitivity block. @3:25',
            'analysis-structure: A sweep measures at one time; declare another sweep for another time. @3:44'
        ]);
    });
});

describe('completion and hover', () => {
    const complete = expectCompletion(Osteo);
    async function labelsAt(body: string): Promise<string[]> {
        let items: CompletionItem[] = [];
        await complete({ text: `${HEAD}${body}\n}`, index: 0, assert: (list: CompletionList) => { items = list.items; }, disposeAfterCheck: true });
        return items.map(i => String(i.label));
    }

    test('the methods after `method`, parameters after `vary`, computed series after `measure`, arms after `in`', async () => {
        expect(await labelsAt('sensitivity A { method <|> }')).toEqual(expect.arrayContaining(['local', 'morris', 'sobol']));
        const vary = await labelsAt('sensitivity A { method sobol vary <|> }');
        for (const p of PARAMETERS) expect(vary).toContain(p.name);
        const measure = await labelsAt('sensitivity A { measure <|> }');
        expect(measure).toEqual(expect.arrayContaining(['bmd', 'osteoclasts', 'TNF_alpha']));
        expect(measure).not.toContain('T_cells');
        expect(await labelsAt('sensitivity A { measure osteoclasts in <|> }')).toEqual(expect.arrayContaining(['untreated', 'treated']));
        expect(await labelsAt('sensitivity A { <|> }')).toEqual(expect.arrayContaining(['method', 'measure', 'samples', 'seed', 'vary']));
    });

    test('hover: what the study computes and its runs; a vary line its range; the keywords', async () => {
        const text = `${HEAD}
            /** Which assumptions drive the hip. */
            sensitivity Hip { method sobol measure bmd at total_hip in treated at 1 year, 3 years samples 128 vary rankl_per_tnf from 5 to 40 vary oc_apoptosis }
            sensitivity Everything { method morris measure osteoclasts }
        }`;
        const document = await parse(text);
        onTestFinished(() => clearDocuments(services.shared, [document]));
        const hover = async (needle: string, delta = 1) => {
            const result = await Osteo.lsp.HoverProvider!.getHoverContent(document, {
                textDocument: { uri: document.textDocument.uri }, position: document.textDocument.positionAt(text.indexOf(needle) + delta)
            });
            return (result?.contents as { value: string } | undefined)?.value ?? '';
        };
        const hip = await hover('Hip {');
        expect(hip).toContain('Sobol indices: first-order and total, with bootstrap 95 % intervals');
        expect(hip).toContain('2 parameters · 128 base samples → 512 runs of arm treated');
        expect(hip).toContain('Measures bmd at total_hip at 1 year, 3 years');
        expect(hip).toContain('Which assumptions drive the hip.');
        expect(await hover('Everything')).toContain(`${PARAMETERS.length} parameters (every parameter of the table) · 10 trajectories (default) → ${(10 * (PARAMETERS.length + 1)).toLocaleString('en-US')} runs of arm untreated`);
        expect(await hover('rankl_per_tnf from 5')).toContain('Sampled uniformly from 5 to 40');
        expect(await hover('oc_apoptosis }')).toContain('Sampled uniformly from ½ to 2 × its value');
        expect(await hover('sobol measure')).toContain('Saltelli sampling');
    });
});
