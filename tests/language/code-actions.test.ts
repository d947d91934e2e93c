import { describe, expect, test } from 'vitest';
import { testCodeAction } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { LangiumDocument } from 'langium';
import { IssueCodes, type IssueCode } from '../../language/src/validation/issue-codes.js';
import { codesOf, scenario, validationSetup, withCode } from './validation-helpers.js';

const RA = 'condition rheumatoid_arthritis\n';

describe('quick fixes (osteo-code-actions.ts)', async () => {
    const services = await validationSetup();
    const { validate, workspace, Osteo } = services;
    const singleFix = testCodeAction(Osteo);
    const provider = Osteo.lsp.CodeActionProvider!;

    async function actionsFor(document: LangiumDocument, code: IssueCode): Promise<{ diagnostic: Diagnostic, actions: CodeAction[] }> {
        const [diagnostic] = withCode(document.diagnostics, code);
        expect(diagnostic, `no ${code} diagnostic`).toBeDefined();
        const actions = await provider.getCodeActions(document, {
            textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as CodeAction[] | undefined;
        return { diagnostic, actions: actions ?? [] };
    }

    function apply(document: LangiumDocument, action: CodeAction): string {
        return TextDocument.applyEdits(document.textDocument, action.edit!.changes![document.textDocument.uri]);
    }

    test('an unresolved name is replaced by the close name', async () => {
        const fixed = await singleFix(scenario(`${RA}arm a { give adalimumb 40 mg every 2 weeks }`), IssueCodes.UnresolvedReference,
            scenario(`${RA}arm a { give adalimumab 40 mg every 2 weeks }`));
        expect(fixed.action?.isPreferred).toBe(true);
        expect(fixed.action?.title).toBe("Change to 'adalimumab'");
        await fixed.dispose();
    });

    test('several close names: one fix each, the closest preferred', async () => {
        const { document } = await validate(scenario(`${RA}arm a { give adalimumab 40 mg every 2 weeks }\nreport osteoclast`));
        const { actions } = await actionsFor(document, IssueCodes.UnresolvedReference);
        expect(actions.map(a => [a.title, a.isPreferred])).toEqual([["Change to 'osteoclasts'", true], ["Change to 'osteoblasts'", false]]);
        // IL_2 is another molecule than IL_1 or IL_6, not a typo of them: no replacement is offered.
        const other = await validate(`condition c { drives IL_2 x 2 }`);
        expect((await actionsFor(other.document, IssueCodes.UnresolvedReference)).actions).toEqual([]);
    });

    test('a name declared in a file not imported: the fix adds the import and the error goes', async () => {
        const files = await workspace({
            'regimens.osteo': 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }',
            'main.osteo': `import "./other.osteo"\n${scenario(`${RA}arm a { give AntiTNF }`)}`,
            'other.osteo': ''
        });
        const main = files['main.osteo'];
        const { actions } = await actionsFor(main, IssueCodes.UnresolvedReference);
        expect(actions[0]).toMatchObject({ title: 'Add import "./regimens.osteo"', isPreferred: true });
        const text = apply(main, actions[0]);
        expect(text.split('\n').slice(0, 2)).toEqual(['import "./other.osteo"', 'import "./regimens.osteo"']);
        const after = await workspace({ 'regimens.osteo': 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }', 'main.osteo': text, 'other.osteo': '' });
        // other.osteo declares nothing main uses: only the faded hint remains.
        expect(codesOf(after['main.osteo'].diagnostics)).toEqual([IssueCodes.UnusedImport]);
    });

    test('a name declared in several files not imported: one "add import" fix per file, none preferred', async () => {
        const regimen = 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }';
        const files = await workspace({ 'study1/regimens.osteo': regimen, 'study2/regimens.osteo': regimen, 'main.osteo': scenario(`${RA}arm a { give AntiTNF }`) });
        const { diagnostic, actions } = await actionsFor(files['main.osteo'], IssueCodes.UnresolvedReference);
        expect(diagnostic.message).toBe('\'AntiTNF\' is declared in "./study1/regimens.osteo" and "./study2/regimens.osteo", none of which this file imports: import the one you mean.');
        expect(actions.map(a => [a.title, a.isPreferred])).toEqual([
            ['Add import "./study1/regimens.osteo"', false], ['Add import "./study2/regimens.osteo"', false]
        ]);
        const text = apply(files['main.osteo'], actions[1]);
        const after = await workspace({ 'study1/regimens.osteo': regimen, 'study2/regimens.osteo': regimen, 'main.osteo': text });
        expect(codesOf(after['main.osteo'].diagnostics)).toEqual([]);
    });

    test('an unused import is a faded hint whose fix removes the line', async () => {
        const files = await workspace({ 'regimens.osteo': 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }', 'main.osteo': `import "./regimens.osteo"\n${scenario(`${RA}arm a { give adalimumab 40 mg every 2 weeks }`)}` });
        const { diagnostic, actions } = await actionsFor(files['main.osteo'], IssueCodes.UnusedImport);
        expect(diagnostic).toMatchObject({ severity: 4, tags: [1], message: 'Nothing declared in "./regimens.osteo" is used in this file: the import can go.' });
        expect(apply(files['main.osteo'], actions[0]).startsWith('scenario S {')).toBe(true);
    });

    test('the import goes at the top of a file without imports', async () => {
        const files = await workspace({ 'regimens.osteo': 'regimen AntiTNF { drug adalimumab dose 40 mg every 2 weeks }', 'main.osteo': scenario(`${RA}arm a { give AntiTNF }`) });
        const { actions } = await actionsFor(files['main.osteo'], IssueCodes.UnresolvedReference);
        expect(apply(files['main.osteo'], actions[0]).startsWith('import "./regimens.osteo"\nscenario S {')).toBe(true);
    });

    test('a missing unit gets the unit the intent implies, preferred, with the alternatives', async () => {
        const cases: Array<[string, string, string]> = [
            [scenario('duration 5'), 'duration 5 years', 'years'],
            [scenario('patient { age 52 }'), 'age 52 years', 'years'],
            ['regimen R { drug adalimumab dose 40 every 2 weeks }', 'dose 40 mg every', 'mg'],
            ['regimen R { drug adalimumab dose 40 mg every 2 }', 'every 2 weeks', 'weeks'],
            ['drug d { class anti_TNF mechanism neutralizes TNF_alpha route oral half_life 14 volume 5 L }', 'half_life 14 days', 'days']
        ];
        for (const [input, expected, unit] of cases) {
            const { document } = await validate(input);
            const { actions } = await actionsFor(document, IssueCodes.MissingUnit);
            const preferred = actions.filter(a => a.isPreferred);
            expect(preferred.map(a => a.title)).toEqual([`Add unit '${unit}'`]);
            const text = apply(document, preferred[0]);
            expect(text).toContain(expected);
            expect(codesOf((await validate(text)).diagnostics)).not.toContain(IssueCodes.MissingUnit);
        }
    });

    test('a bare percentage gets `%`', async () => {
        const pk = 'class anti_TNF mechanism neutralizes TNF_alpha route oral half_life 14 days volume 5 L';
        const fixed = await singleFix(`drug d { ${pk} bioavailability 64 }`, IssueCodes.MissingUnit, `drug d { ${pk} bioavailability 64 % }`);
        await fixed.dispose();
    });

    test('an unknown unit is replaced by the closest valid unit of the right dimension', async () => {
        const pk = 'class anti_TNF mechanism neutralizes TNF_alpha route oral volume 5 L';
        const fixed = await singleFix(`drug d { ${pk} half_life 14 dayz }`, IssueCodes.UnknownUnit, `drug d { ${pk} half_life 14 days }`);
        expect(fixed.action?.isPreferred).toBe(true);
        await fixed.dispose();
    });

    test('a wrong dimension offers units of the right one, none preferred (the intent is unclear)', async () => {
        const { document } = await validate(scenario('duration 5 mg'));
        const { actions } = await actionsFor(document, IssueCodes.WrongUnit);
        expect(actions.map(a => a.title)).toEqual(["Change unit to 'years'", "Change unit to 'hours'", "Change unit to 'days'", "Change unit to 'weeks'", "Change unit to 'months'"]);
        expect(actions.some(a => a.isPreferred)).toBe(false);
        expect(apply(document, actions[0])).toContain('duration 5 years');
    });

    test('a fold change where a time is expected is rewritten as a time', async () => {
        const { document } = await validate(scenario('duration x 3'));
        const { actions } = await actionsFor(document, IssueCodes.WrongUnit);
        expect(apply(document, actions[0])).toContain('duration 3 years');
    });

    test('`from` and `until` in the wrong order are swapped', async () => {
        const fixed = await singleFix(scenario(`${RA}arm a { give adalimumab 40 mg every 2 weeks from 12 months until 6 months }`), IssueCodes.TimeOrder,
            scenario(`${RA}arm a { give adalimumab 40 mg every 2 weeks from 6 months until 12 months }`));
        expect(fixed.action?.isPreferred).toBe(true);
        await fixed.dispose();
    });

    test('a misspelt parameter name is replaced, the closest preferred', async () => {
        const { document } = await validate(scenario('set rankl_per_tnff = 25'));
        const { actions } = await actionsFor(document, IssueCodes.UnknownParameter);
        expect(actions[0]).toMatchObject({ title: "Change to 'rankl_per_tnf'", isPreferred: true });
        expect(codesOf((await validate(apply(document, actions[0]))).diagnostics)).toEqual([]);
    });

    test('a mechanism of the wrong kind offers the verbs that fit the target', async () => {
        const { document } = await validate('drug d { class anabolic mechanism neutralizes osteoblasts route oral half_life 1 days volume 5 L ic50 1 mg/L }');
        const { actions } = await actionsFor(document, IssueCodes.WrongTargetKind);
        expect(actions.map(a => a.title)).toEqual(["Change verb to 'kills'", "Change verb to 'stimulates'", "Change verb to 'supplies'", "Change verb to 'polarizes'"]);
        const text = apply(document, actions[1]);
        expect(text).toContain('mechanism stimulates osteoblasts');
        expect(codesOf((await validate(text)).diagnostics)).toEqual([]);
    });

    test('an import of the file itself is removed', async () => {
        const files = await workspace({ 'main.osteo': 'import "./main.osteo"\ncondition c { drives IL_6 x 2 }' });
        const { actions } = await actionsFor(files['main.osteo'], IssueCodes.ImportSelf);
        expect(apply(files['main.osteo'], actions[0])).toBe('condition c { drives IL_6 x 2 }');
    });

    test('a missing import file is corrected to the closest known file', async () => {
        const files = await workspace({ 'regimens.osteo': '', 'main.osteo': 'import "./regimen.osteo"' });
        const { actions } = await actionsFor(files['main.osteo'], IssueCodes.MissingImport);
        expect(apply(files['main.osteo'], actions[0])).toBe('import "./regimens.osteo"');
    });

    test('a second dose on a regimen can be removed', async () => {
        const { document } = await validate(`regimen R { drug adalimumab dose 40 mg every 2 weeks }\n${scenario(`${RA}arm a { give R 80 mg once from 1 month }`)}`);
        const { actions } = await actionsFor(document, IssueCodes.ConflictingDose);
        expect(apply(document, actions[0])).toContain('give R from 1 month');
    });

    test('diagnostics without a fix get no action', async () => {
        const { document } = await validate(scenario('patient { menopause at 25 years }'));
        const { actions } = await actionsFor(document, IssueCodes.EarlyMenopause);
        expect(actions).toEqual([]);
    });
});
