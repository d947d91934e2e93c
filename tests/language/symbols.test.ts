import { expectSymbols } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { createTestServices } from './test-services.js';

const { Osteo } = await createTestServices();

const TEXT = `drug mydrug "My drug" { class anti_TNF mechanism neutralizes TNF_alpha }
regimen R { drug mydrug dose 40 mg every 2 weeks }
condition c "Custom" { drives IL_6 x 2 }
scenario S "Early treatment" {
    patient { age 52 years sex female }
    condition rheumatoid_arthritis { severity high onset at 3 months }
    arm untreated { }
    arm early { give R from 0 months }
}`;

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
    return symbols.flatMap(s => [s, ...flatten(s.children ?? [])]);
}

describe('outline', () => {
    test('declarations with kinds by concept and titles or summaries as details', async () => {
        let symbols: DocumentSymbol[] = [];
        await expectSymbols(Osteo)({ text: TEXT, assert: found => { symbols = found as DocumentSymbol[]; }, disposeAfterCheck: true });
        expect(symbols.map(s => [s.name, s.kind, s.detail])).toEqual([
            ['mydrug', SymbolKind.Class, 'My drug · Anti-TNF biologic'],
            ['R', SymbolKind.Function, 'mydrug 40 mg every 2 weeks'],
            ['c', SymbolKind.Object, 'Custom'],
            ['S', SymbolKind.Namespace, 'Early treatment']
        ]);
        expect(symbols[3].children?.map(s => [s.name, s.kind, s.detail])).toEqual([
            ['patient', SymbolKind.Struct, '52 years, female'],
            ['rheumatoid_arthritis', SymbolKind.Object, 'high, from 3 months'],
            ['untreated', SymbolKind.Event, 'no interventions'],
            ['early', SymbolKind.Event, 'R from 0 months']
        ]);
    });

    test('every selection range lies inside its range (editors reject symbols otherwise)', async () => {
        await expectSymbols(Osteo)({
            text: TEXT,
            assert: found => {
                for (const s of flatten(found as DocumentSymbol[])) {
                    const inside = (s.selectionRange.start.line > s.range.start.line || (s.selectionRange.start.line === s.range.start.line && s.selectionRange.start.character >= s.range.start.character))
                        && (s.selectionRange.end.line < s.range.end.line || (s.selectionRange.end.line === s.range.end.line && s.selectionRange.end.character <= s.range.end.character));
                    expect(inside, s.name).toBe(true);
                }
            },
            disposeAfterCheck: true
        });
    });

    test('a broken file still yields the symbols it can', async () => {
        await expectSymbols(Osteo)({
            text: 'drug ok { class NSAID }\nscenario Broken { arm a { give',
            assert: found => expect((found as DocumentSymbol[]).map(s => s.name)).toEqual(['ok', 'Broken']),
            disposeAfterCheck: true
        });
    });
});
