import { describe, expect, test } from 'vitest';
import { LIBRARY_URI } from '../../language/src/builtins/library.js';
import { isCytokine, isDrug, type Model } from '../../language/src/generated/ast.js';
import { createTestServices } from './test-services.js';

describe('standard library', async () => {
    const { shared } = await createTestServices();
    const library = shared.workspace.LangiumDocuments.getDocument(LIBRARY_URI)!;
    await shared.workspace.DocumentBuilder.build([library], { validation: true });

    test('parses and validates without any diagnostic', () => {
        expect(library.parseResult.lexerErrors).toEqual([]);
        expect(library.parseResult.parserErrors).toEqual([]);
        expect((library.diagnostics ?? []).map(d => d.message)).toEqual([]);
    });

    test('declares the cytokines and every drug the issue lists', () => {
        const model = library.parseResult.value as Model;
        expect(model.declarations.filter(isCytokine).map(c => c.name)).toEqual(['TNF_alpha', 'IL_6', 'IL_1']);
        const drugs = model.declarations.filter(isDrug).map(d => d.name);
        for (const name of ['naproxen', 'celecoxib', 'prednisone', 'adalimumab', 'infliximab', 'etanercept', 'golimumab',
            'certolizumab', 'tocilizumab', 'sarilumab', 'anakinra', 'tofacitinib', 'baricitinib', 'upadacitinib',
            'alendronate', 'risedronate', 'zoledronate', 'denosumab', 'teriparatide', 'romosozumab', 'msc_therapy', 'msc_exosomes']) {
            expect(drugs).toContain(name);
        }
    });
});
