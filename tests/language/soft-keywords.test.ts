import { describe, expect, test } from 'vitest';
import { validationSetup } from './validation-helpers.js';

const { validate } = await validationSetup();

function syntaxErrors(result: Awaited<ReturnType<typeof validate>>): string[] {
    return result.document.parseResult.parserErrors.map(e => e.message);
}

describe('soft keywords', () => {
    test('words that are keywords only inside a block or after another keyword can be names', async () => {
        const result = await validate(`
regimen dose { drug adalimumab dose 40 mg every 2 weeks }
drug start "A study drug" { class anti_TNF mechanism neutralizes TNF_alpha half_life 14 days volume 6 L }
regimen size { drug start dose 40 mg every 2 weeks }
condition severity { scope systemic drives TNF_alpha x 2 }
scenario values {
    duration 1 year
    condition severity { severity moderate }
    arm start { give dose }
    arm systemic { give size from 4 weeks until 20 weeks }
    report bmd
    sweep seed { vary dose of dose in start values 20 mg, 40 mg measure bmd at 6 months }
    population interval { size 20 seed 3 vary bone_resorption_rate lognormal 10 % }
}
`);
        expect(syntaxErrors(result)).toEqual([]);
        const model = result.document.parseResult.value;
        expect(model.declarations.map(d => d.name)).toEqual(['dose', 'start', 'size', 'severity', 'values']);
        expect(result.document.references.filter(r => r.error).map(r => r.$refText)).toEqual([]);
    });

    test('the words of data and fit blocks stay usable as names outside them', async () => {
        const result = await validate(`
regimen time { drug adalimumab dose 40 mg every 2 weeks }
regimen value { drug adalimumab dose 40 mg every 4 weeks }
scenario error {
    duration 1 year
    condition rheumatoid_arthritis
    arm group { give time }
    arm log { give value }
    arm where { }
    report bmd
    sweep column { vary dose of time in group values 20 mg, 40 mg measure bmd at 6 months }
    population estimate { size 20 seed 3 vary bone_resorption_rate lognormal 10 % }
}
`);
        expect(syntaxErrors(result)).toEqual([]);
        const model = result.document.parseResult.value;
        expect(model.declarations.map(d => d.name)).toEqual(['time', 'value', 'error']);
        expect(result.document.references.filter(r => r.error).map(r => r.$refText)).toEqual([]);
    });

    test('a reserved word as a name says that it is a keyword', async () => {
        expect(syntaxErrors(await validate('scenario S { duration 1 year arm give { } }'))[0])
            .toBe('`give` is a keyword of the language; choose another name.');
        expect(syntaxErrors(await validate('regimen from { }'))[0])
            .toBe('`from` is a keyword of the language; choose another name.');
    });

    test('a missing name says a name is expected, without listing every keyword', async () => {
        const [message] = syntaxErrors(await validate('regimen { }'));
        expect(message).toBe('Expecting a name but found `{`.');
    });
});

describe('soft keywords in the editor', async () => {
    const { expectCompletion, highlightHelper, clearDocuments } = await import('langium/test');
    const { createTestServices } = await import('./test-services.js');
    const { Osteo, shared, parse } = await createTestServices();

    async function labelsAt(text: string): Promise<string[]> {
        let labels: string[] = [];
        await expectCompletion(Osteo)({ text, index: 0, assert: list => { labels = list.items.map(i => String(i.label)); }, disposeAfterCheck: true });
        return labels;
    }

    test('completion where a name is declared or referred to proposes no soft keyword', async () => {
        expect(await labelsAt('scenario S { arm <|> }')).not.toContain('start');
        const afterGive = await labelsAt('regimen start { drug adalimumab dose 40 mg every 2 weeks }\nscenario S { arm a { give <|> } }');
        expect(afterGive).toContain('start');
        expect(afterGive).not.toContain('values');
        expect(afterGive).not.toContain('severity');
        // Where the keyword is a keyword, it is still proposed.
        expect(await labelsAt('scenario S { sweep W { vary <|> } }')).toContain('start');
    });

    test('hover on a soft-keyword name describes the declaration, not the keyword', async () => {
        const text = 'regimen start { drug adalimumab dose 40 mg every 2 weeks }\nscenario S { arm a { give start } }';
        const document = await parse(text);
        const offset = text.lastIndexOf('start') + 2;
        const result = await Osteo.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
        });
        expect(JSON.stringify(result?.contents)).toContain('regimen');
        expect(JSON.stringify(result?.contents)).toContain('adalimumab');
        await clearDocuments(shared, [document]);
    });

    test('a soft-keyword name is highlighted as the name it is', async () => {
        const tokens = await highlightHelper(Osteo)('regimen <|start|> { drug adalimumab dose 40 mg every 2 weeks }\nscenario S { arm <|dose|> { give <|start|> } }');
        const types = tokens.ranges.map(r => tokens.tokens.find(t => t.offset === r[0])?.tokenType);
        expect(types).toEqual(['function', 'method', 'function']);
        await clearDocuments(shared, shared.workspace.LangiumDocuments.all.filter(d => d.uri.scheme === 'file').toArray());
    });
});
