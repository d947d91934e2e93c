import { expectCompletion } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { createTestServices } from './test-services.js';

const { Osteo } = await createTestServices();
const complete = expectCompletion(Osteo);

/** The completion list at `<|>`. */
async function itemsAt(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await complete({ text, index: 0, assert: (list: CompletionList) => { items = list.items; }, disposeAfterCheck: true });
    return items;
}

const labels = (items: CompletionItem[]) => items.map(i => i.label);

describe('references fit the position', () => {
    test('after `give`: only drugs and regimens, with class or schedule as detail', async () => {
        const items = await itemsAt(`
            regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }
            scenario S { arm a { give <|> } }`);
        expect(labels(items)).toContain('adalimumab');
        expect(labels(items)).toContain('AntiTNF');
        expect(labels(items)).not.toContain('TNF_alpha');
        expect(labels(items)).not.toContain('rheumatoid_arthritis');
        expect(labels(items)).not.toContain('osteoclasts');
        expect(items.every(i => /^(drug|regimen)\b/.test(i.detail ?? ''))).toBe(true);
        expect(items.find(i => i.label === 'adalimumab')?.detail).toBe('drug · Anti-TNF biologic');
        expect(items.find(i => i.label === 'AntiTNF')?.detail).toBe('regimen · adalimumab 40 mg every 2 weeks');
    });

    test('items carry the doc comment of the declaration, also from the library', async () => {
        const items = await itemsAt(`
            /** Our in-house biosimilar. */
            drug biosim { class anti_TNF mechanism neutralizes TNF_alpha half_life 14 days }
            scenario S { arm a { give <|> } }`);
        const doc = (item: string) => JSON.stringify(items.find(i => i.label === item)?.documentation);
        expect(doc('biosim')).toContain('Our in-house biosimilar.');
        expect(doc('adalimumab')).toContain('fully human anti-TNF-α monoclonal antibody');
    });

    test('after `report`: outputs, cells, mediators, cytokines and drugs, no sites or conditions', async () => {
        const items = await itemsAt('scenario S { report <|> }');
        for (const name of ['bmd', 'osteoclasts', 'RANKL', 'TNF_alpha', 'denosumab']) expect(labels(items)).toContain(name);
        expect(labels(items)).not.toContain('lumbar_spine');
        expect(labels(items)).not.toContain('rheumatoid_arthritis');
        expect(items.find(i => i.label === 'TNF_alpha')?.detail).toBe('cytokine · TNF-α');
        expect(items.find(i => i.label === 'TNF_alpha')?.kind).toBe(CompletionItemKind.Variable);
    });

    test('after `report X at`: only sites', async () => {
        const items = await itemsAt('scenario S { report bmd at <|> }');
        expect(labels(items).sort()).toEqual(['alveolar_bone', 'femoral_neck', 'hand', 'lumbar_spine', 'total_hip']);
    });

    test.each([
        ['neutralizes', ['IL_1', 'IL_6', 'TNF_alpha']],
        ['blocks', ['IL_1', 'IL_6', 'TNF_alpha']],
        ['inhibits', ['JAK_STAT', 'NF_kB']],
        ['binds', ['OPG', 'PTH', 'RANKL', 'sclerostin']],
        ['kills', ['T_cells', 'macrophage_M1', 'macrophage_M2', 'osteoblast_precursors', 'osteoblasts', 'osteoclasts']],
        // Validation rejects `supplies RANKL` (only PTH analogues are supplied as drugs): completion does not offer it.
        ['supplies', ['PTH', 'T_cells', 'macrophage_M1', 'macrophage_M2', 'osteoblast_precursors', 'osteoblasts', 'osteoclasts']]
    ])('after `mechanism %s`: only targets of the kind the verb accepts', async (verb, expected) => {
        expect(labels(await itemsAt(`drug d { mechanism ${verb} <|> }`)).sort()).toEqual(expected);
    });

    test('the verb filter also works while the target is half typed and the drug unfinished', async () => {
        expect(labels(await itemsAt('drug d { class RANKL_inhibitor mechanism binds R<|>'))).toEqual(['RANKL']);
    });

    test('`drives` proposes cytokines, `activates` cells', async () => {
        expect(labels(await itemsAt('condition c { drives TNF_alpha x 2, <|> }')).sort()).toEqual(['IL_1', 'IL_6', 'TNF_alpha']);
        expect(labels(await itemsAt('condition c { activates <|> }'))).toContain('T_cells');
        expect(labels(await itemsAt('condition c { activates <|> }'))).not.toContain('TNF_alpha');
    });
});

describe('units after a number', () => {
    test('duration → time units only, the usual one first', async () => {
        const items = await itemsAt('scenario S { duration 3 <|> }');
        expect(labels(items)).toEqual(['years', 'hours', 'days', 'weeks', 'months']);
        expect(items.every(i => i.kind === CompletionItemKind.Unit)).toBe(true);
        expect(items.find(i => i.label === 'weeks')?.detail).toContain('1 week = 7 days');
    });

    test('a dose → masses and per-body-weight doses; no time units, no keywords', async () => {
        const items = labels(await itemsAt('regimen r { drug adalimumab dose 40 <|> }'));
        expect(items).toContain('mg');
        expect(items).toContain('mg/kg');
        expect(items).not.toContain('days');
        expect(items).not.toContain('every');
    });

    test('ic50 → concentrations (and masses for bone-bound drugs)', async () => {
        const items = labels(await itemsAt('drug d { ic50 1.5 <|> }'));
        expect(items[0]).toBe('mg/L');
        for (const unit of ['pg/mL', 'ng/mL', 'nM']) expect(items).toContain(unit);
        expect(items).not.toContain('L');
        expect(items).not.toContain('weeks');
    });

    test('bioavailability → %, infusion rate → pM/day', async () => {
        expect(labels(await itemsAt('drug d { bioavailability 64 <|> }'))).toEqual(['%']);
        expect(labels(await itemsAt('scenario S { arm a { infuse OPG at 2e5 <|> } }'))).toContain('pM/day');
    });

    test('a `set` value → the unit of the model parameter', async () => {
        const items = labels(await itemsAt('scenario S { set oc_apoptosis = 0.5 <|> }'));
        expect(items).toContain('/day');
        expect(items).not.toContain('mg');
    });

    test('a half-typed unit replaces what was typed; `1` gets the singular', async () => {
        const text = 'drug d { half_life 1 we<|> }';
        const items = await itemsAt(text);
        const week = items.find(i => i.label === 'week');
        expect(week).toBeDefined();
        const edit = week!.textEdit as { range: { start: { character: number }, end: { character: number } }, newText: string };
        expect(edit.newText).toBe('week');
        expect(edit.range.end.character - edit.range.start.character).toBe(2);
    });

    test('right after the digits the unit is inserted with a space', async () => {
        const items = await itemsAt('scenario S { duration 5<|> }');
        expect((items[0].textEdit as { newText: string }).newText).toBe(' years');
    });

    test('no units inside a string or after a fold change `x 4`', async () => {
        expect(labels(await itemsAt('scenario S "title 5 <|>" { }'))).not.toContain('years');
        expect(labels(await itemsAt('condition c { drives TNF_alpha x 4 <|> }'))).not.toContain('x');
    });
});

describe('keywords and templates', () => {
    test('at top level: declaration keywords and snippets for drug, regimen, condition, scenario', async () => {
        const items = await itemsAt('drug a { }\n<|>');
        const snippets = items.filter(i => i.kind === CompletionItemKind.Snippet);
        expect(labels(snippets).sort()).toEqual(['condition', 'drug', 'regimen', 'scenario']);
        expect(snippets.every(s => s.insertTextFormat === InsertTextFormat.Snippet)).toBe(true);
        expect(snippets.find(s => s.label === 'scenario')?.textEdit?.newText).toContain('duration ${3:2} years');
        expect(labels(items)).not.toContain('give');
    });

    test('inside a scenario: members and the arm and condition templates, not the top-level ones', async () => {
        const items = await itemsAt('scenario S { <|> }');
        expect(labels(items)).toEqual(expect.arrayContaining(['duration', 'sample', 'patient', 'arm', 'report', 'set']));
        const snippets = items.filter(i => i.kind === CompletionItemKind.Snippet);
        expect(labels(snippets).sort()).toEqual(['arm', 'condition']);
        expect(snippets.find(s => s.label === 'condition')?.detail).toContain('in this scenario');
    });

    test('after a dose: `every` and `once` first (a rate such as 10 mg/day may also end the dose)', async () => {
        expect(labels(await itemsAt('scenario S { arm a { give adalimumab 40 mg <|> } }')).slice(0, 2)).toEqual(['every', 'once']);
    });

    test('after a dose: the shorthands too, each with the long form it stands for, and not elsewhere', async () => {
        for (const text of ['scenario S { arm a { give tofacitinib 5 mg <|> } }', 'regimen R { drug adalimumab dose 40 mg <|> }']) {
            const items = await itemsAt(text);
            const detail = (label: string) => items.find(i => i.label === label)?.detail;
            expect(detail('twice daily')).toBe('dosing shorthand · every 12 hours');
            expect(detail('q2w')).toBe('dosing shorthand · every 2 weeks');
            expect(detail('every other week')).toBe('dosing shorthand · every 2 weeks');
            expect(detail('daily')).toBe('dosing shorthand · every 1 day');
        }
        expect(labels(await itemsAt('scenario S { arm a { give <|> } }'))).not.toContain('twice daily');
        expect(labels(await itemsAt('scenario S { duration 2 years <|> }'))).not.toContain('daily');
    });
});

describe('broken documents', () => {
    test.each([
        'drug { mechanism <|>',
        'scenario S { arm { give 40 <|>',
        'regimen r { dose - <|> every',
        '"unterminated <|>',
        'scenario S { set = <|> }',
        '} } } <|>'
    ])('completion in %j returns a list without throwing', async text => {
        const items = await itemsAt(text);
        expect(Array.isArray(items)).toBe(true);
    });
});
