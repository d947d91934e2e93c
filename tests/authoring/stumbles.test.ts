/**
 * The frictions of issue 12 ("Why"), each with the behaviour a user now sees: units that keep their magnitude,
 * decimal commas, parser errors at known stumbles rewritten as one sentence with a safe quick fix, and name
 * suggestions that weigh meaning.
 */
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OsteoCodeActionProvider } from '../../language/src/lsp/osteo-code-actions.js';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { safeUnitSuggestions } from '../../language/src/validation/unit-suggestions.js';
import { scenario, validationSetup } from '../language/validation-helpers.js';

const { validate } = await validationSetup();
const provider = new OsteoCodeActionProvider();

const errors = (document: LangiumDocument) => (document.diagnostics ?? []).filter(d => d.severity === 1);

async function fixOf(document: LangiumDocument, diagnostic: Diagnostic): Promise<string | undefined> {
    const actions = await provider.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) as CodeAction[] | undefined;
    const edits = actions?.[0]?.edit?.changes?.[document.textDocument.uri];
    return edits ? TextDocument.applyEdits(document.textDocument as unknown as TextDocument, edits) : undefined;
}

/** One error, with the given message; its quick fix gives `fixed`, which validates clean of errors. */
async function expectStumble(text: string, message: RegExp, fixed?: string) {
    const { document } = await validate(text);
    const found = errors(document);
    expect(found.map(d => d.message)).toHaveLength(1);
    expect(found[0].message).toMatch(message);
    if (fixed === undefined) return;
    const after = await fixOf(document, found[0]);
    expect(after).toBe(fixed);
    expect(errors((await validate(after!)).document).map(d => d.message)).toEqual([]);
}

describe('units a pharmacologist writes', () => {
    test('mcg, ug, µg and μg are micrograms; mg/m² and mg/m2 are doses per body surface area', async () => {
        for (const unit of ['mcg', 'ug', 'µg', 'μg', 'ng', 'g', 'mg/m2', 'mg/m²', 'mg/kg', 'mcg/kg']) {
            const { document } = await validate(`regimen R { drug teriparatide dose 20 ${unit} daily }`);
            expect(errors(document).map(d => d.message), unit).toEqual([]);
        }
        const { document } = await validate(scenario('patient { height 165 cm weight 60 kg }'));
        expect(errors(document)).toEqual([]);
    });

    test('a suggestion never changes the magnitude: no mg for mcg-like typos, months for mo', async () => {
        expect(safeUnitSuggestions('mgc', ['ng', 'mcg', 'mg', 'g'])).toEqual([]);
        expect(safeUnitSuggestions('ugg', ['ng', 'ug', 'mg'])).toEqual([]);
        expect(safeUnitSuggestions('MG', ['ng', 'mg', 'g'])).toEqual(['mg']);
        expect(safeUnitSuggestions('mgs', ['ng', 'mg', 'g'])).toEqual(['mg']);
        expect(safeUnitSuggestions('mo', ['days', 'weeks', 'months', 'years'])).toEqual(['months']);
        await expectStumble(scenario('duration 24 mo'), /^Unknown unit 'mo': the duration expects a time \(hours, days, weeks, months, years\)\. Did you mean 'months'\?$/,
            scenario('duration 24 months'));
    });

    test('a decimal comma gets its own message and the fix writes a point', async () => {
        await expectStumble('regimen R { drug prednisone dose 7,5 mg daily }', /'7,5' uses a decimal comma.*write 7\.5/,
            'regimen R { drug prednisone dose 7.5 mg daily }');
        await expectStumble(scenario('duration 1,5 years'), /'1,5' uses a decimal comma/, scenario('duration 1.5 years'));
    });

    test('a dose in IU needs the drug to declare its conversion', async () => {
        const drug = 'drug d3 { class anabolic mechanism stimulates osteoblasts route oral half_life 15 days volume 50 L ic50 1 mg/L iu_per_mg 40000 }';
        expect(errors((await validate(`${drug}\nregimen R { drug d3 dose 800 IU daily }`)).document)).toEqual([]);
        await expectStumble('regimen R { drug prednisone dose 800 IU daily }', /A dose in IU needs the drug's conversion: add `iu_per_mg N` to drug 'prednisone'/);
    });
});

describe('parser errors at known stumbles', () => {
    test('every day: needs a number; the fix inserts 1', async () => {
        await expectStumble('regimen R { drug prednisone dose 5 mg every day }', /^'every day' needs a number: write `every 1 day` \(or `daily`\)\.$/,
            'regimen R { drug prednisone dose 5 mg every 1 day }');
        await expectStumble(scenario('sample every week'), /'every week' needs a number/, scenario('sample every 1 week'));
    });

    test('dose before drug in give: one sentence, the fix swaps them', async () => {
        const ra = 'condition rheumatoid_arthritis\n';
        await expectStumble(scenario(`${ra}arm a { give 5 mg tofacitinib twice daily }`), /^Name the drug before the dose: write `give tofacitinib 5 mg …`\.$/,
            scenario(`${ra}arm a { give tofacitinib 5 mg twice daily }`));
    });

    test('severity severe: one error (not three) and the fix writes high', async () => {
        await expectStumble(scenario('condition rheumatoid_arthritis { severity severe }'), /^Severity is one of remission, mild, moderate or high: for 'severe' write `high`\.$/,
            scenario('condition rheumatoid_arthritis { severity high }'));
    });

    test('twice daily, bid, q2w and every other week are dosing, not syntax errors', async () => {
        for (const frequency of ['twice daily', 'bid', 'three times daily', 'tid', 'daily', 'weekly', 'every other week', 'q2w', 'q4w', 'q6m']) {
            expect(errors((await validate(`regimen R { drug tofacitinib dose 5 mg ${frequency} }`)).document).map(d => d.message), frequency).toEqual([]);
        }
        await expectStumble('regimen R { drug tofacitinib dose 5 mg qx }', /'qx' is not a dosing frequency/);
        await expectStumble('regimen R { drug prednisone dose 10 mg/day daily }', /already a rate/);
    });
});

describe('names weighed by meaning', () => {
    test('bmd at hip suggests total_hip and femoral_neck, each a quick fix', async () => {
        const text = scenario('report bmd at hip');
        const { document } = await validate(text);
        const [error] = errors(document);
        expect(error.message).toBe("Unknown site 'hip'. Did you mean 'total_hip' or 'femoral_neck'?");
        expect(await fixOf(document, error)).toBe(scenario('report bmd at total_hip'));
    });

    test('IL_17 is not IL_1: it is not in the library, and the message says what to do instead', async () => {
        const { document } = await validate('condition c { drives IL_17 x 3 }');
        const [error] = errors(document);
        expect(error.message).toMatch(/^'IL_17' is not in the library, whose cytokines are TNF_alpha, IL_6 and IL_1/);
        expect(error.message).not.toMatch(/Did you mean/);
        expect(error.data).toMatchObject({ code: IssueCodes.UnresolvedReference, suggestions: [] });
    });
});

describe('drugs', () => {
    test('a drug specialised from a library drug keeps its properties and overrides what it states', async () => {
        const { document } = await validate('drug adalimumab_biosimilar from adalimumab { half_life 12 days }');
        expect(document.diagnostics ?? []).toEqual([]);
        const loop = await validate('drug a from b { half_life 1 day }\ndrug b from a { volume 5 L }');
        expect(errors(loop.document).map(d => d.message)).toContainEqual(expect.stringMatching(/specialised from itself/));
    });

    test('a user drug without potency is warned about, naming the default', async () => {
        const { document } = await validate('drug d { class anti_TNF mechanism neutralizes TNF_alpha route subcutaneous half_life 14 days volume 5 L }');
        expect(document.diagnostics?.map(d => [d.severity, d.message])).toEqual([[2,
            "Drug 'd' states no potency: the model uses the default ic50 of 1 mg/L. Add `ic50` (e.g. `ic50 0.5 mg/L`) so its effect is yours, not the default's."]]);
    });

    test('a half-life inconsistent with clearance and volume is a warning with the numbers', async () => {
        const { document } = await validate('drug d { class anti_TNF mechanism neutralizes TNF_alpha route subcutaneous half_life 14 days volume 5 L clearance 1 L/day ic50 1 mg/L }');
        expect(document.diagnostics?.map(d => d.message)).toEqual([
            "Drug 'd': half_life 14 days disagrees with volume 5 L and clearance 1 L/day, which give ln 2 · V / CL = 3.47 days. The model eliminates by clearance; correct one of the three."]);
        const consistent = await validate('drug d { class anti_TNF mechanism neutralizes TNF_alpha route subcutaneous half_life 14 days volume 5 L clearance 0.25 L/day ic50 1 mg/L }');
        expect(consistent.document.diagnostics).toEqual([]);
    });
});
