import { describe, expect, test } from 'vitest';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { codesOf, validationSetup, withCode } from './validation-helpers.js';

const REGIMENS = 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }';

describe('imports (language spec §2, §6)', async () => {
    const { workspace } = await validationSetup();

    test('an import of a missing file is an error on the import, with the closest known file', async () => {
        const files = await workspace({ 'regimens.osteo': REGIMENS, 'main.osteo': 'import "./regimen.osteo"' });
        const [d] = withCode(files['main.osteo'].diagnostics, IssueCodes.MissingImport);
        expect(d.severity).toBe(1);
        expect(d.message).toMatch(/^Cannot find the imported file ".\/regimen.osteo" \(.*regimen.osteo\). Did you mean ".\/regimens.osteo"\?$/);
        expect(d.range.start).toEqual({ line: 0, character: 7 });
        const used = 'import "./regimens.osteo"\nscenario S { duration 1 year condition rheumatoid_arthritis arm a { give AntiTNF } }';
        expect(codesOf((await workspace({ 'regimens.osteo': REGIMENS, 'main.osteo': used }))['main.osteo'].diagnostics)).toEqual([]);
    });

    test('an empty import path is an error', async () => {
        const files = await workspace({ 'main.osteo': 'import ""' });
        expect(codesOf(files['main.osteo'].diagnostics)).toEqual([IssueCodes.MissingImport]);
    });

    test('a file importing itself is an error', async () => {
        const files = await workspace({ 'main.osteo': 'import "./main.osteo"' });
        expect(codesOf(files['main.osteo'].diagnostics)).toEqual([IssueCodes.ImportSelf]);
        expect(files['main.osteo'].diagnostics![0].severity).toBe(1);
    });

    test('an import cycle is a warning that shows the cycle', async () => {
        const files = await workspace({ 'a.osteo': 'import "./b.osteo"', 'b.osteo': 'import "./sub/c.osteo"', 'sub/c.osteo': 'import "../a.osteo"' });
        const [d] = withCode(files['a.osteo'].diagnostics, IssueCodes.ImportCycle);
        expect(d.severity).toBe(2);
        expect(d.message).toMatch(/^Import cycle: a.osteo → b.osteo → c.osteo → a.osteo\./);
        const chain = await workspace({ 'a.osteo': 'import "./b.osteo"', 'b.osteo': 'import "./c.osteo"', 'c.osteo': '' });
        expect(codesOf(chain['a.osteo'].diagnostics)).toEqual([IssueCodes.UnusedImport]);
    });

    test('importing one file twice is a warning', async () => {
        const files = await workspace({ 'regimens.osteo': REGIMENS, 'main.osteo': 'import "./regimens.osteo"\nimport "regimens.osteo"' });
        expect(codesOf(files['main.osteo'].diagnostics)).toEqual([IssueCodes.DuplicateImport, IssueCodes.UnusedImport]);
    });

    test('an import none of whose names is used is a hint; using one name clears it', async () => {
        const unused = await workspace({ 'regimens.osteo': REGIMENS, 'main.osteo': 'import "./regimens.osteo"\nregimen own { drug adalimumab dose 40 mg every 2 weeks }' });
        const [hint] = withCode(unused['main.osteo'].diagnostics, IssueCodes.UnusedImport);
        expect(hint).toMatchObject({ severity: 4, tags: [1], range: { start: { line: 0, character: 7 } } });
        const used = await workspace({ 'regimens.osteo': REGIMENS, 'main.osteo': 'import "./regimens.osteo"\nscenario S { duration 1 year arm a { give AntiTNF } }' });
        expect(withCode(used['main.osteo'].diagnostics, IssueCodes.UnusedImport)).toEqual([]);
    });
});
