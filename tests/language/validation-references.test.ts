import { describe, expect, test } from 'vitest';
import { expectError, expectNoIssues, expectWarning } from 'langium/test';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { codesOf, scenario, validationSetup, withCode } from './validation-helpers.js';

describe('unresolved references (language spec §6)', async () => {
    const { validate, workspace } = await validationSetup();
    const unresolved = { code: IssueCodes.UnresolvedReference };

    test('a misspelt name is an error with "did you mean" and replaces Langium\'s default message', async () => {
        const result = await validate(scenario('arm a { give adalimumb 40 mg every 2 weeks }'));
        expectError(result, "Unknown regimen or drug 'adalimumb'. Did you mean 'adalimumab'?", unresolved);
        expect(result.diagnostics.map(d => d.message).join()).not.toMatch(/Could not resolve/);
        expect(withCode(result.diagnostics, IssueCodes.UnresolvedReference)[0].data).toMatchObject({ code: 'unresolved-reference', suggestions: ['adalimumab'] });
        expectNoIssues(await validate(scenario('condition rheumatoid_arthritis\narm a { give adalimumab 40 mg every 2 weeks }')));
    });

    test('suggestions are of the kind the position accepts', async () => {
        // IL6 is one edit from IL_6 (a cytokine), which is what `neutralizes` takes.
        expectError(await validate(`drug d { class anti_IL6 mechanism neutralizes IL6 route intravenous half_life 5 days volume 5 L }`),
            "Unknown cytokine 'IL6'. Did you mean 'IL_6'?", unresolved);
        // `activates` takes cells: T_cells is proposed; `drives` takes cytokines: it is not.
        expectError(await validate(`condition c { activates T_cell x 2 }`), /Did you mean 'T_cells'/, unresolved);
        const drives = await validate(`condition c { drives T_cell x 2 }`);
        expectError(drives, "Unknown cytokine 'T_cell'. Declare it, or import the file that declares it.", unresolved);
    });

    test('a name of the wrong kind says what it is', async () => {
        expectError(await validate(scenario('arm a { give lumbar_spine }')), "'lumbar_spine' is a site, but a regimen or drug is expected here.", unresolved);
    });

    test('a name declared in a file that is not imported says which import to add', async () => {
        const regimens = 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }';
        const without = await workspace({ 'regimens.osteo': regimens, 'main.osteo': scenario('arm a { give AntiTNF }') });
        const [d] = withCode(without['main.osteo'].diagnostics, IssueCodes.UnresolvedReference);
        expect(d.message).toBe('The regimen \'AntiTNF\' is declared in regimens.osteo, which this file does not import: add `import "./regimens.osteo"`.');
        expect(d.data).toMatchObject({ importPath: './regimens.osteo' });

        const nested = await workspace({ 'lib/regimens.osteo': regimens, 'main.osteo': scenario('arm a { give AntiTNF }') });
        expect(withCode(nested['main.osteo'].diagnostics, IssueCodes.UnresolvedReference)[0].data).toMatchObject({ importPath: './lib/regimens.osteo' });

        const withImport = await workspace({ 'regimens.osteo': regimens, 'main.osteo': `import "./regimens.osteo"\n${scenario('condition rheumatoid_arthritis\narm a { give AntiTNF }')}` });
        expect(codesOf(withImport['main.osteo'].diagnostics)).toEqual([]);
    });

    test('an incomplete reference left by a syntax error gets the syntax error only', async () => {
        const result = await validate('regimen R { drug }');
        expect(codesOf(result.diagnostics)).not.toContain(IssueCodes.UnresolvedReference);
        expect(result.diagnostics.length).toBeGreaterThan(0);
    });
});

describe('duplicate names (language spec §6)', async () => {
    const { validate, workspace } = await validationSetup();
    const duplicate = { code: IssueCodes.DuplicateName };
    const condition = (name: string) => `condition ${name} { drives IL_6 x 2 }`;

    test('two declarations of one kind and name in a file: both are errors', async () => {
        const result = await validate(`${condition('c')}\n${condition('c')}`);
        expect(withCode(result.diagnostics, IssueCodes.DuplicateName).map(d => d.range.start.line)).toEqual([0, 1]);
        expectError(result, /The condition 'c' is already declared in this file \(line 2\)/, duplicate);
    });

    test('a name the standard library already uses is an error', async () => {
        expectError(await validate(`drug adalimumab { class anti_TNF mechanism neutralizes TNF_alpha route subcutaneous half_life 14 days volume 5 L }`),
            /The drug 'adalimumab' is already declared in the standard library/, duplicate);
        expectError(await validate(condition('rheumatoid_arthritis')), /standard library/, duplicate);
    });

    test('a name is unique among what a file sees: itself, its imports and the library', async () => {
        const files = await workspace({ 'a.osteo': condition('shared'), 'b.osteo': `import "./a.osteo"\n${condition('shared')}`, 'c.osteo': condition('shared') });
        // b imports a: b's declaration clashes with a's; a does not see b, and c meets neither.
        expect(withCode(files['b.osteo'].diagnostics, IssueCodes.DuplicateName)[0].message)
            .toMatch(/^The condition 'shared' is already declared in a.osteo \(line 1\), which this file imports: a condition name must be unique among this file, its imports and the library/);
        expect(withCode(files['a.osteo'].diagnostics, IssueCodes.DuplicateName)).toEqual([]);
        expect(withCode(files['c.osteo'].diagnostics, IssueCodes.DuplicateName)).toEqual([]);
        // The library is seen from every file.
        const library = await workspace({ 'd.osteo': condition('rheumatoid_arthritis') });
        expect(withCode(library['d.osteo'].diagnostics, IssueCodes.DuplicateName)[0].message).toMatch(/already declared in the standard library/);
    });

    test('two files that never meet may share a name; a file importing both cannot use it', async () => {
        const regimen = 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }';
        const files = await workspace({
            'one/regimens.osteo': regimen, 'two/regimens.osteo': regimen,
            'both.osteo': `import "./one/regimens.osteo"\nimport "./two/regimens.osteo"\n${scenario('condition rheumatoid_arthritis\narm a { give AntiTNF }')}`
        });
        expect(codesOf(files['one/regimens.osteo'].diagnostics)).toEqual([]);
        expect(codesOf(files['two/regimens.osteo'].diagnostics)).toEqual([]);
        const [ambiguous] = withCode(files['both.osteo'].diagnostics, IssueCodes.AmbiguousName);
        expect(ambiguous.severity).toBe(1);
        expect(ambiguous.message).toBe(`'AntiTNF' is declared in both "./one/regimens.osteo" and "./two/regimens.osteo", which this file imports, so it is ambiguous here. Rename one of them, or import only one of the files.`);
        expect(files['both.osteo'].textDocument.getText(ambiguous.range)).toBe('AntiTNF');
    });

    test('names are unique per kind: a regimen may share a name with a scenario', async () => {
        expectNoIssues(await validate(`regimen X { drug adalimumab dose 40 mg every 2 weeks }\n${scenario('', 'X')}`));
    });

    test('a regimen named like a drug makes `give` ambiguous: warning', async () => {
        expectWarning(await validate(`regimen adalimumab { drug adalimumab dose 40 mg every 2 weeks }`),
            /'adalimumab' is also the name of a drug \(the standard library\), so `give adalimumab` is ambiguous/, { code: IssueCodes.AmbiguousName });
        expectNoIssues(await validate(`regimen adalimumab_q2w { drug adalimumab dose 40 mg every 2 weeks }`));
    });

    test('duplicate arm names in a scenario are an error', async () => {
        expectError(await validate(scenario('arm a { }\narm a { }')), /Arm 'a' is declared twice/, { code: IssueCodes.DuplicateArm });
        expectNoIssues(await validate(scenario('arm a { }\narm b { }')));
    });
});
