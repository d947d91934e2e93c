import { clearDocuments, expectSemanticToken, highlightHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isLibraryUri } from '../../language/src/builtins/library.js';
import { createTestServices } from './test-services.js';

const { Osteo, shared } = await createTestServices();
const highlight = highlightHelper(Osteo);
const modifierBits = Osteo.lsp.SemanticTokenProvider!.tokenModifiers;

const TEXT = `
drug <|mydrug|> { class <|anti_TNF|> mechanism neutralizes <|TNF_alpha|> half_life <|14|> <|days|> }
regimen <|R|> { drug <|mydrug|> dose 40 mg every 2 weeks }
condition <|c|> { drives <|IL_6|> x 2 activates <|osteoclasts|> x 1.5 }
scenario <|S|> {
    condition <|rheumatoid_arthritis|>
    arm <|a|> { give <|R|> give <|denosumab|> 60 mg once infuse <|OPG|> at 1 pM/day }
    report bmd at <|lumbar_spine|>
    set <|rankl_per_tnf|> = 2
}
drug other { mechanism inhibits <|JAK_STAT|> }`;

/** Removes the test's documents, keeping the standard library. */
const clearUserDocuments = () => clearDocuments(shared, shared.workspace.LangiumDocuments.all.filter(d => !isLibraryUri(d.uri)).toArray());

/** The decoded tokens and the marked ranges, in order. */
const tokens = await highlight(TEXT);
await clearUserDocuments();

function modifiersAt(rangeIndex: number): string[] {
    const [start] = tokens.ranges[rangeIndex];
    const token = tokens.tokens.find(t => t.offset === start);
    return Object.entries(modifierBits).filter(([, bit]) => (token!.tokenModifiers & bit) !== 0).map(([name]) => name);
}

describe('semantic tokens', () => {
    test.each([
        [0, SemanticTokenTypes.class, 'a drug name'],
        [1, SemanticTokenTypes.enumMember, 'a drug class'],
        [2, SemanticTokenTypes.variable, 'a cytokine'],
        [3, SemanticTokenTypes.number, 'a number'],
        [4, SemanticTokenTypes.type, 'a unit'],
        [5, SemanticTokenTypes.function, 'a regimen name'],
        [6, SemanticTokenTypes.class, 'a drug reference'],
        [7, SemanticTokenTypes.event, 'a condition name'],
        [8, SemanticTokenTypes.variable, 'a cytokine in drives'],
        [9, SemanticTokenTypes.struct, 'a cell'],
        [10, SemanticTokenTypes.namespace, 'a scenario name'],
        [11, SemanticTokenTypes.event, 'a library condition'],
        [12, SemanticTokenTypes.method, 'an arm name'],
        [13, SemanticTokenTypes.function, 'a regimen reference'],
        [14, SemanticTokenTypes.class, 'a library drug'],
        [15, SemanticTokenTypes.parameter, 'a mediator'],
        [16, SemanticTokenTypes.enumMember, 'a site'],
        [17, SemanticTokenTypes.property, 'a model parameter'],
        [18, SemanticTokenTypes.interface, 'a pathway']
    ])('range %i is a %s token (%s)', (rangeIndex, tokenType) => {
        expectSemanticToken(tokens, { rangeIndex, tokenType });
    });

    test('names get `declaration`; references do not', () => {
        expect(modifiersAt(0)).toContain(SemanticTokenModifiers.declaration);
        expect(modifiersAt(6)).not.toContain(SemanticTokenModifiers.declaration);
    });

    test('standard-library names get `defaultLibrary`; the user\'s own do not', () => {
        expect(modifiersAt(2)).toContain(SemanticTokenModifiers.defaultLibrary);
        expect(modifiersAt(14)).toContain(SemanticTokenModifiers.defaultLibrary);
        expect(modifiersAt(6)).not.toContain(SemanticTokenModifiers.defaultLibrary);
    });

    test('cytokines, mediators, cells and pathways also carry their kind as a modifier', () => {
        expect(modifiersAt(2)).toContain('cytokine');
        expect(modifiersAt(15)).toContain('mediator');
        expect(modifiersAt(9)).toContain('cell');
        expect(modifiersAt(18)).toContain('pathway');
        expect(modifiersAt(4)).toContain('unit');
    });

    test('the legend declares every modifier the provider uses, standard ones first', () => {
        const legend = Osteo.lsp.SemanticTokenProvider!.semanticTokensOptions.legend.tokenModifiers;
        expect(legend.slice(0, 4)).toEqual(['abstract', 'async', 'declaration', 'defaultLibrary']);
        legend.forEach((name, i) => expect(modifierBits[name]).toBe(1 << i));
        expect(legend).toEqual(expect.arrayContaining(['drug', 'cytokine', 'mediator', 'cell', 'pathway', 'unit']));
    });

    test('an unresolved reference gets no kind colour, and broken text still highlights', async () => {
        const broken = await highlight('drug d { mechanism neutralizes <|nothing|> half_life 14 days\nscenario {');
        await clearUserDocuments();
        const [start] = broken.ranges[0];
        expect(broken.tokens.find(t => t.offset === start)).toBeUndefined();
        expect(broken.tokens.some(t => t.text === '14' && t.tokenType === SemanticTokenTypes.number)).toBe(true);
    });
});
