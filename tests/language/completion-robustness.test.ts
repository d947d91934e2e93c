import { clearDocuments } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createTestServices } from './test-services.js';

const { Osteo, shared, parse } = await createTestServices();

/** A file using every construct the editor features look at. */
const FULL = `import "./other.osteo"
/** Doc. */
drug d "D" { class anti_TNF mechanism neutralizes TNF_alpha, suppresses inflammation route oral half_life 2 hours ic50 -1.5 mg/L emax 95 % }
regimen R { drug d dose 5 mg/kg every 8 weeks loading 10 mg delivery liposome targeting x 3 }
condition c { scope local drives IL_6 x 2 activates T_cells 1.5x sites hand local_excess x 2 process senescence }
scenario S "T" {
    duration 2 years sample every 1 week
    patient { age 60 years sex male menopause at 50 years weight 80 kg }
    condition c { severity mild onset at 1 months resolves at 1 years sites hand TNF_alpha x 2 }
    arm a { give R from 0 months until 1 years infuse OPG at 2e5 pM/day from 20 days }
    report bmd at lumbar_spine, osteoclasts
    set oc_apoptosis = 0.5 /day
}`;

describe('editor features on every prefix of a file (what the editor sees while typing)', () => {
    test('completion, hover, highlighting, outline, folding, formatting and code lens never throw', async () => {
        const lsp = Osteo.lsp;
        const whole = await parse(FULL);
        expect(whole.parseResult.parserErrors.map(e => e.message), 'the full file must be valid syntax').toEqual([]);
        await clearDocuments(shared, [whole]);
        for (let end = 0; end <= FULL.length; end += 11) {
            const text = FULL.slice(0, end);
            const document = await parse(text);
            const id = { uri: document.uri.toString() };
            const position = document.textDocument.positionAt(text.length);
            const middle = document.textDocument.positionAt(Math.floor(text.length / 2));
            try {
                await lsp.CompletionProvider!.getCompletion(document, { textDocument: id, position });
                await lsp.HoverProvider!.getHoverContent(document, { textDocument: id, position: middle });
                await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: id });
                await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: id });
                await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: id });
                await lsp.Formatter!.formatDocument(document, { textDocument: id, options: { tabSize: 4, insertSpaces: true } });
                await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: id });
            } catch (error) {
                expect.fail(`prefix of length ${end} (${JSON.stringify(text.slice(-30))}): ${(error as Error).stack}`);
            } finally {
                await clearDocuments(shared, [document]);
            }
        }
    });
});
