import { expectFoldings } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { createTestServices } from './test-services.js';

const { Osteo } = await createTestServices();

describe('folding', () => {
    test('multi-line blocks and doc comments fold; one-line blocks do not', async () => {
        let ranges: FoldingRange[] = [];
        await expectFoldings(Osteo)({
            text: `/**
 * A drug.
 */
drug d {
    class NSAID
    half_life 2 hours
}
scenario S {
    arm a { }
    arm b {
        give d 1 mg once
    }
}`,
            assert: found => { ranges = found; },
            disposeAfterCheck: true
        });
        // Langium keeps the closing line (`}` or `*/`) visible when folded.
        const spans = ranges.map(r => [r.startLine, r.endLine, r.kind ?? 'region']).sort((a, b) => Number(a[0]) - Number(b[0]));
        expect(spans).toEqual([[0, 1, FoldingRangeKind.Comment], [3, 5, 'region'], [7, 11, 'region'], [9, 10, 'region']]);
    });
});
