import { clearDocuments, expectCompletion } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { LOCAL_RELEASE_NOTE } from '../../simulator/index.js';
import { createTestServices } from './test-services.js';

/** The editor side of a release depot (docs/language.md §3.2, §9): hover on the clause and completion of its word. */
const { Osteo, shared, parse } = await createTestServices();
const complete = expectCompletion(Osteo);

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

async function labelsAt(text: string): Promise<string[]> {
    let items: CompletionItem[] = [];
    await complete({ text, index: 0, assert: (list: CompletionList) => { items = list.items; }, disposeAfterCheck: true });
    return items.map(i => String(i.label));
}

describe('release depot in the editor', () => {
    test('hovering `release` explains the depot; the regimen shows its release half-time and the exploratory note', async () => {
        expect(await hoverAt('regimen Gel { drug anakinra dose 10 mg once delivery hydrogel rel<|>ease 7 days }'))
            .toMatch(/Release half-time of a local delivery depot.*local\/systemic ratio is high early and falls as the depot empties/);
        const regimen = await hoverAt('regimen G<|>el { drug anakinra dose 10 mg once delivery hydrogel release 7 days }');
        expect(regimen).toContain('Schedule: anakinra 10 mg once, hydrogel delivery, release half-time 7 days');
        expect(regimen).toContain(LOCAL_RELEASE_NOTE);
    });

    test('after the delivery kind `release` is proposed with `targeting`; after its number, time units', async () => {
        const words = await labelsAt('regimen Gel { drug anakinra dose 10 mg once delivery hydrogel <|> }');
        expect(words).toContain('release');
        expect(words).toContain('targeting');
        const units = await labelsAt('regimen Gel { drug anakinra dose 10 mg once delivery hydrogel release 7 <|> }');
        expect(units).toContain('days');
        expect(units).not.toContain('mg');
    });
});
