import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { fitEdits, formatFitted } from '../../language/src/lsp/fit-edits.js';
import { createTestServices } from '../language/test-services.js';

const { parse } = await createTestServices();

/** The document's text after the edits (what VS Code shows after Apply fitted values). */
async function applied(text: string, values: { name: string; arm: string | null; value: number }[]) {
    const document = await parse(text);
    const plan = fitEdits(document, 'S', values);
    const after = TextDocument.applyEdits(TextDocument.create('file:///x.osteo', 'osteo', 1, text), plan.edits);
    return { plan, after, reparsed: await parse(after) };
}

const SCENARIO = (sets: string) => `scenario S {
    duration 1 year
    arm a { }
${sets}    observe bmd at total_hip in a from D
    fit F {
        estimate bmd_gob_total_hip from 0.01 to 2 log
        estimate bmd_kout_total_hip from 0.00001 to 0.01 log
        estimate rankl_per_tnf in a from 1 to 100 log
    }
}
`;

describe('Apply fitted values: set lines', () => {
    test('an existing set line keeps its unit; only its number changes, converted into that unit', async () => {
        const text = SCENARIO('    set bmd_kout_total_hip = 0.0001 /h   // turnover\n');
        const { plan, after } = await applied(text, [{ name: 'bmd_kout_total_hip', arm: null, value: 0.0048 }]);
        // 0.0048 /day = 0.0002 /h: the line still says /h and still means the fitted value.
        expect(after).toContain('    set bmd_kout_total_hip = 0.0002 /h   // turnover\n');
        expect(plan.edits).toHaveLength(1);
        expect(plan.written).toEqual([{ name: 'bmd_kout_total_hip', text: 'set bmd_kout_total_hip = 0.0002 /h', added: false }]);
        // Nothing else in the document moved.
        expect(after.replace('0.0002', '0.0001')).toBe(text);
    });

    test('a missing set line is added after the scenario\'s other set lines, in the parameter\'s unit, indented like them', async () => {
        const text = SCENARIO('    set oc_apoptosis = 0.7\n');
        const { plan, after, reparsed } = await applied(text, [
            { name: 'bmd_gob_total_hip', arm: null, value: 0.312345 },
            { name: 'bmd_kout_total_hip', arm: null, value: 0.00123456 }
        ]);
        expect(after).toContain('    set oc_apoptosis = 0.7\n    set bmd_gob_total_hip = 0.3123\n    set bmd_kout_total_hip = 0.001235\n    observe');
        expect(plan.written.map(w => w.added)).toEqual([true, true]);
        expect(reparsed.parseResult.parserErrors).toEqual([]);
    });

    test('with no set line, the new lines go before the first observe; a per-arm estimate is skipped with its reason', async () => {
        const { plan, after, reparsed } = await applied(SCENARIO(''), [
            { name: 'bmd_gob_total_hip', arm: null, value: 1.5 },
            { name: 'rankl_per_tnf', arm: 'a', value: 12 }
        ]);
        expect(after).toContain('    arm a { }\n    set bmd_gob_total_hip = 1.5\n    observe bmd');
        expect(plan.skipped).toEqual([{ name: 'rankl_per_tnf', reason: 'estimated for arm a only; a set line applies to every arm' }]);
        expect(reparsed.parseResult.parserErrors).toEqual([]);
    });

    test('numbers: four significant digits, an exponent only for very small or large values', () => {
        expect(formatFitted(0.031234)).toBe('0.03123');
        expect(formatFitted(12345.6)).toBe('12350');
        expect(formatFitted(2.5e-6)).toBe('2.5e-6');
        expect(formatFitted(-0.5)).toBe('-0.5');
    });
});
