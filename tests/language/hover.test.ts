import { clearDocuments, expectHover } from 'langium/test';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { PARAMETERS } from '../../simulator/model/parameters.js';
import { EXPLORATORY_NOTE } from '../../simulator/pharmacology.js';
import { createTestServices } from './test-services.js';

const { Osteo, shared, parse } = await createTestServices();
const hover = expectHover(Osteo);

/** The markdown shown when hovering at `<|>`. */
async function hoverAt(text: string): Promise<string> {
    const offset = text.indexOf('<|>');
    const document = await parse(text.replace('<|>', ''));
    try {
        const result = await Osteo.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
        });
        return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
    } finally {
        await clearDocuments(shared, [document]);
    }
}

describe('hover on declarations and references', () => {
    test('a library drug referenced from a user file: doc comment plus class, mechanism, route, half-life, potency', async () => {
        await hover({
            text: 'regimen R { drug adal<|>imumab dose 40 mg every 2 weeks }',
            index: 0,
            hover: /Class: Anti-TNF biologic[\s\S]*Mechanism: neutralizes TNF_alpha[\s\S]*Route: subcutaneous[\s\S]*half-life 14 days[\s\S]*Potency: IC50 1 mg\/L, Emax 95 %[\s\S]*fully human anti-TNF-α monoclonal antibody/,
            disposeAfterCheck: true
        });
    });

    test('a user drug: its own JSDoc and the exploratory note when the mechanism is exploratory', async () => {
        const text = `
            /** Experimental NF-κB blocker. */
            drug nf<|>kbi "NFKBI" { class NF_kB_inhibitor mechanism inhibits NF_kB route oral half_life 3 hours }`;
        const shown = await hoverAt(text);
        expect(shown).toContain('**drug** `nfkbi` — NFKBI');
        expect(shown).toContain('Experimental NF-κB blocker.');
        expect(shown).toContain(EXPLORATORY_NOTE);
    });

    test('an established biologic gets no exploratory note', async () => {
        expect(await hoverAt('scenario S { arm a { give inf<|>liximab 5 mg/kg every 8 weeks } }')).not.toContain('Exploratory');
    });

    // From the anchor table (docs/model.md §4): teriparatide is vouched for by R40; no anchor the model meets has a JAK inhibitor (R48 misses).
    test('the exploratory note follows the anchor table: teriparatide and tofacitinib are anchored (R40, R48), anakinra is not', async () => {
        expect(await hoverAt('scenario S { arm a { give teri<|>paratide 20 ug every 1 day } }')).not.toContain('Exploratory');
        expect(await hoverAt('scenario S { arm a { give tofa<|>citinib 5 mg every 12 hours } }')).not.toContain('Exploratory');
        expect(await hoverAt('scenario S { arm a { give ana<|>kinra 100 mg every 1 day } }')).toContain(EXPLORATORY_NOTE);
    });

    test('a regimen: its schedule in words, loading dose and targeted delivery', async () => {
        const text = `
            regimen Anti<|>TNF { drug adalimumab dose 40 mg every 2 weeks loading 80 mg delivery nanoparticle targeting 4 }`;
        const shown = await hoverAt(text);
        expect(shown).toContain('Schedule: adalimumab 40 mg every 2 weeks (loading 80 mg), nanoparticle delivery ×4');
        expect(shown).toContain('targeted delivery');
    });

    test('a reference to a regimen shows the same schedule', async () => {
        const shown = await hoverAt(`
            regimen Dmab { drug denosumab dose 60 mg every 6 months }
            scenario S { arm a { give Dm<|>ab from 0 months } }`);
        expect(shown).toContain('Schedule: denosumab 60 mg every 6 months');
    });

    test('a condition: scope, drives and activates with fold changes', async () => {
        const shown = await hoverAt('scenario S { condition rheumatoid_arth<|>ritis }');
        expect(shown).toContain('Drives: TNF_alpha ×3, IL_6 ×4, IL_1 ×2');
        expect(shown).toContain('Activates: T_cells ×2, macrophage_M1 ×2');
        expect(shown).toContain('Rheumatoid arthritis: autoimmune synovitis');
    });

    test('a cytokine: healthy baseline in canonical units', async () => {
        const shown = await hoverAt('drug d { mechanism neutralizes TNF_al<|>pha }');
        expect(shown).toContain('Healthy baseline: 5 pg/mL (5e-6 mg/L)');
        expect(shown).toContain('master pro-inflammatory cytokine');
    });
});

describe('hover on quantities', () => {
    test('`2 years` in canonical units', async () => {
        await hover({ text: 'scenario S { duration 2 ye<|>ars }', index: 0, hover: '**duration** 2 years = 730.5 days (a time)', disposeAfterCheck: true });
    });

    test('on the number too, and for concentrations', async () => {
        expect(await hoverAt('drug d { ic50 1<|>5 ng/mL }')).toBe('**ic50** 15 ng/mL = 0.015 mg/L (a concentration)');
    });

    test('a bare fraction and a fold change', async () => {
        expect(await hoverAt('drug d { bioavailability 0.<|>64 }')).toContain('64 %');
        expect(await hoverAt('condition c { drives TNF_alpha x <|>4 }')).toContain('fold change');
    });

    test('an unknown unit says so instead of inventing a value', async () => {
        const shown = await hoverAt('drug d { half_life 14 fort<|>nights }');
        expect(shown).toContain('unknown unit \'fortnights\'');
        expect(shown).not.toContain('NaN');
    });
});

describe('hover on `set` parameters and keywords', () => {
    test('a model parameter: meaning, default with unit, bounds and source', async () => {
        const parameter = PARAMETERS[0];
        expect(parameter, 'the model parameter table is empty').toBeDefined();
        const shown = await hoverAt(`scenario S { set ${parameter.name.slice(0, 2)}<|>${parameter.name.slice(2)} = 1 }`);
        expect(shown).toContain(parameter.meaning);
        expect(shown).toContain(parameter.symbol);
        expect(shown).toContain(parameter.source);
        expect(shown).toContain(parameter.unit);
    });

    test('an unknown parameter is named as such', async () => {
        expect(await hoverAt('scenario S { set no_su<|>ch = 1 }')).toContain('not a parameter of the model');
    });

    test('a drug class keyword shows the class label and what it means', async () => {
        expect(await hoverAt('drug d { class bisphos<|>phonate }')).toBe('**Bisphosphonate** — binds bone mineral and kills resorbing osteoclasts');
    });

    test('a mechanism verb says what it targets', async () => {
        expect(await hoverAt('drug d { mechanism neut<|>ralizes TNF_alpha }')).toMatch(/^\*\*neutralizes\*\* cytokine: /);
    });

    test('nothing on punctuation or blanks', async () => {
        await hover({ text: 'drug d {<|> }', index: 0, hover: undefined, disposeAfterCheck: true });
    });

    test('broken text never throws, nor logs a caught error', async () => {
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        onTestFinished(() => logged.mockRestore());
        for (const text of ['drug <|>{', 'scenario S { duration <|>', 'regimen r { dose 4<|>0 }}}}', 'set x = <|>']) {
            await expect(hoverAt(text)).resolves.toBeTypeOf('string');
        }
        expect(logged).not.toHaveBeenCalled();
    });
});

describe('canonical values keep their precision', () => {
    test('3 years is 1095.75 days, 36 hours 1.5 days', async () => {
        expect(await hoverAt('scenario S { duration 3 ye<|>ars }')).toContain('= 1095.75 days');
        expect(await hoverAt('drug d { half_life 36 ho<|>urs }')).toContain('= 1.5 days');
    });
});

describe('hover on population vary lines and dosing shorthands', () => {
    const population = (inner: string) => `regimen Anti { drug adalimumab dose 40 mg every 2 weeks }
scenario S { condition rheumatoid_arthritis
    arm t { give Anti }
    population P { size 10 ${inner} } }`;

    test('a drug PK field: what it does and the typical value the draws centre on (the compiler\'s value)', async () => {
        const text = await hoverAt(population('vary adalimumab.clear<|>ance lognormal 30 %'));
        expect(text).toContain('**adalimumab.clearance** — clearance: exposure (AUC) is dose ÷ clearance');
        // adalimumab: half-life 14 days, volume 5.4 L → CL = ln2 × 5.4 / 14 L/day.
        expect(text).toContain(`Typical value (the draws' median): ${+(Math.LN2 * 5.4 / 14).toPrecision(3)} L/day`);
        expect(await hoverAt(population('vary adalimumab.k<|>a lognormal 30 %'))).toContain(`${+(Math.LN2 / 2.5).toPrecision(3)} /day`);
    });

    test('patient covariates, also inside correlate; keywords of the population lines', async () => {
        expect(await hoverAt(population('vary wei<|>ght lognormal 15 %'))).toMatch(/^\*\*weight\*\* — body weight, drawn per virtual patient: mg\/kg and mg\/m² doses follow/);
        expect(await hoverAt(population('vary weight lognormal 15 % vary age uniform 40 to 70 correlate weight, a<|>ge 0.5'))).toMatch(/^\*\*age\*\* — age at the start/);
        expect(await hoverAt(population('vary weight lognormal 15 % vary age uniform 40 to 70 corr<|>elate weight, age 0.5'))).toContain('Gaussian copula');
        expect(await hoverAt(population('resp<|>onders bmd at total_hip > 0 at 2 years'))).toContain('Counts, per arm, the virtual patients');
        expect(await hoverAt(population('vary do<|>se of Anti in t uniform 20 mg to 80 mg'))).toContain('`dose of R in ARM` varies it');
    });

    test('a dosing shorthand shows the long form it stands for, also on the second word', async () => {
        expect(await hoverAt('regimen R { drug tofacitinib dose 5 mg b<|>id }')).toBe('**bid** — dosing shorthand for `every 12 hours`.');
        expect(await hoverAt('regimen R { drug tofacitinib dose 5 mg twice da<|>ily }')).toBe('**twice daily** — dosing shorthand for `every 12 hours`.');
        expect(await hoverAt('regimen R { drug denosumab dose 60 mg q<|>6m }')).toContain('every 6 months');
    });
});
