import { clearDocuments, expectGoToDefinition } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { LIBRARY_URI } from '../../language/src/builtins/library.js';
import { createTestServices } from './test-services.js';

const { Osteo, shared, parse } = await createTestServices();

async function definitionAt(text: string) {
    const offset = text.indexOf('<|>');
    const document = await parse(text.replace('<|>', ''));
    try {
        return await Osteo.lsp.DefinitionProvider!.getDefinition(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
        }) ?? [];
    } finally {
        await clearDocuments(shared, [document]);
    }
}

describe('go to definition', () => {
    test('within a file: from a regimen use to its declaration', async () => {
        await expectGoToDefinition(Osteo)({
            text: 'regimen <|AntiTNF|> { drug adalimumab dose 40 mg every 2 weeks }\nscenario S { arm a { give Anti<|>TNF } }',
            index: 0, rangeIndex: 0, disposeAfterCheck: true
        });
    });

    test.each([
        ['a drug', 'scenario S { arm a { give deno<|>sumab 60 mg once } }', 'drug denosumab'],
        ['a cytokine', 'drug d { mechanism neutralizes TNF_al<|>pha }', 'cytokine TNF_alpha'],
        ['a condition', 'scenario S { condition period<|>ontitis }', 'condition periodontitis'],
        ['a site', 'scenario S { report bmd at total_h<|>ip }', 'site total_hip']
    ])('from a user file into the standard library: %s', async (_, text, declaration) => {
        const links = await definitionAt(text);
        expect(links).toHaveLength(1);
        expect(links[0].targetUri).toBe(LIBRARY_URI.toString());
        const library = shared.workspace.LangiumDocuments.getDocument(LIBRARY_URI)!;
        const line = library.textDocument.getText({ start: { line: links[0].targetRange.start.line, character: 0 }, end: { line: links[0].targetRange.start.line + 1, character: 0 } });
        expect(line.startsWith(declaration)).toBe(true);
    });

    test('an unresolved name has no definition', async () => {
        expect(await definitionAt('scenario S { arm a { give nothing<|>here } }')).toEqual([]);
    });
});
