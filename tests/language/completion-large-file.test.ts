import { describe, expect, test } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import { OsteoCompletionProvider } from '../../language/src/lsp/osteo-completion-provider.js';
import { createTestServices } from './test-services.js';

// Completion parses only the declaration under the cursor (everything before it parsed cleanly): the lists must
// be those of parsing the whole text before the cursor.

const { Osteo, parse } = await createTestServices();
const provider = Osteo.lsp.CompletionProvider as OsteoCompletionProvider;
/** The same provider, parsing all the text before the cursor as Langium does. */
const wholePrefix = Object.assign(Object.create(provider) as OsteoCompletionProvider, { declarationStart: () => 0 });

const regimens = Array.from({ length: 60 }, (_, k) => `/** Regimen R${k}. */\nregimen R${k} {\n    drug ${k % 2 ? 'denosumab' : 'adalimumab'}\n    dose ${k + 1} mg every 2 weeks\n}\n`).join('\n');
const TEXT = `${regimens}
scenario S "Large file" {
    duration 2 years
    patient {
        age 55 years
        sex female
    }
    condition rheumatoid_arthritis { severity moderate }
    arm a { give R3 from 0 months }
    arm b { give  }
    arm c { }
}

regimen Last {
    drug denosumab
    
}
`;

const summary = (items: CompletionItem[] | undefined) => (items ?? []).map(i => `${i.kind} ${i.label} ${i.detail ?? ''} ${JSON.stringify(i.documentation ?? '')}`).sort();

async function both(text: string, marker: string, after: number) {
    const document = await parse(text);
    const offset = text.indexOf(marker) + after;
    const position = document.textDocument.positionAt(offset);
    const params = { textDocument: { uri: document.uri.toString() }, position };
    return {
        window: await provider.getCompletion(document, params),
        whole: await wholePrefix.getCompletion(document, params)
    };
}

describe('completion deep in a large file', () => {
    test('after `give ` in the last scenario: every regimen of the file, as with a whole-prefix parse', async () => {
        const { window, whole } = await both(TEXT, 'arm b { give ', 'arm b { give '.length);
        const labels = (window?.items ?? []).map(i => i.label);
        expect(labels).toContain('R0');
        expect(labels).toContain('R59');
        expect(labels).toContain('Last');
        expect(labels).toContain('adalimumab');
        expect(window?.items.find(i => i.label === 'R7')?.documentation).toEqual({ kind: 'markdown', value: 'Regimen R7.' });
        expect(summary(window?.items)).toEqual(summary(whole?.items));
    });

    test('in a regimen body and between declarations: the same keywords and templates', async () => {
        for (const [marker, after] of [['drug denosumab\n    \n', 'drug denosumab\n    '.length], ['arm c { ', 'arm c { '.length], ['}\n\nregimen Last', 2]] as const) {
            const { window, whole } = await both(TEXT, marker, after);
            expect(window?.items.length, marker).toBeGreaterThan(0);
            expect(summary(window?.items), marker).toEqual(summary(whole?.items));
        }
    });

    test('with a syntax error in an earlier declaration, the whole text before the cursor is parsed', async () => {
        const broken = TEXT.replace('dose 5 mg every 2 weeks', 'dose 5 mg every');
        const document = await parse(broken);
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
        const offset = broken.indexOf('arm b { give ') + 'arm b { give '.length;
        expect(provider['declarationStart'](document.textDocument, offset)).toBe(0);
        const { window, whole } = await both(broken, 'arm b { give ', 'arm b { give '.length);
        expect(summary(window?.items)).toEqual(summary(whole?.items));
    });
});
