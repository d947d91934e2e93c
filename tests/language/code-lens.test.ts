import { clearDocuments } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createTestServices } from './test-services.js';

const { Osteo, shared, parse } = await createTestServices();

async function lenses(text: string) {
    const document = await parse(text);
    try {
        const result = await Osteo.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        return { document, lenses: result ?? [] };
    } finally {
        await clearDocuments(shared, [document]);
    }
}

describe('code lens', () => {
    test('"▶ Run scenario" above each scenario, running it by document and name', async () => {
        const { document, lenses: found } = await lenses(`drug d { class NSAID }

/** First. */
scenario First { duration 1 years }

scenario Second "Title" {
    arm a { }
}`);
        expect(found.map(l => l.command?.title)).toEqual(['▶ Run scenario', '▶ Run scenario']);
        expect(found.map(l => l.command?.command)).toEqual(['osteo.runScenario', 'osteo.runScenario']);
        expect(found.map(l => l.command?.arguments)).toEqual([[document.uri.toString(), 'First'], [document.uri.toString(), 'Second']]);
        expect(found.map(l => l.range.start.line)).toEqual([3, 5]);
    });

    test('"▶ Fit NAME" above each fit block, fitting it by document, scenario and name', async () => {
        const { document, lenses: found } = await lenses(`scenario S {
    arm a { }
    fit Potency { estimate bmd_gob_total_hip from 0.01 to 2 log }
    fit Turnover { estimate bmd_kout_total_hip from 0.00001 to 0.01 log }
}`);
        const fits = found.filter(l => l.command?.command === 'osteo.fitParameters');
        expect(fits.map(l => l.command?.title)).toEqual(['▶ Fit Potency', '▶ Fit Turnover']);
        expect(fits.map(l => l.command?.arguments)).toEqual([[document.uri.toString(), 'S', 'Potency'], [document.uri.toString(), 'S', 'Turnover']]);
        expect(fits.map(l => l.range.start.line)).toEqual([2, 3]);
    });

    test('no lens for files without scenarios, nor for a scenario without a name', async () => {
        expect((await lenses('drug d { class NSAID }')).lenses).toEqual([]);
        expect((await lenses('scenario { duration 1 years }')).lenses).toEqual([]);
    });
});
