import { describe, expect, test } from 'vitest';
import { expectError, expectNoIssues } from 'langium/test';
import { EXPECTED_QUANTITIES, expectedQuantity } from '../../language/src/validation/expected-dimensions.js';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { scenario, validationSetup } from './validation-helpers.js';

const drug = (properties: string) => `drug d { class anti_TNF mechanism neutralizes TNF_alpha route subcutaneous volume 5 L half_life 14 days ${properties}${/\bic50\b/.test(properties) ? '' : ' ic50 1 mg/L'} }`;

describe('units (docs/language.md §5, §6)', async () => {
    const { validate } = await validationSetup();

    test('a quantity of the wrong dimension is an error that names the expected dimension', async () => {
        const bad = await validate(scenario('duration 5 mg'));
        expectError(bad, /The duration expects a time .* but 'mg' is a mass/, { code: IssueCodes.WrongUnit });
        expectNoIssues(await validate(scenario('duration 5 years')));
    });

    test('an unknown unit is an error with the closest unit of the right dimension', async () => {
        const bad = await validate(drug('absorption_half_life 2 dayz'));
        expectError(bad, /Unknown unit 'dayz'.*Did you mean 'days'\?/, { code: IssueCodes.UnknownUnit });
        expectNoIssues(await validate(drug('absorption_half_life 2 days')));
        // A swap of two letters is one edit.
        expectError(await validate(scenario('duration 5 yaers')), /Did you mean 'years'\?/, { code: IssueCodes.UnknownUnit });
    });

    test('a missing unit where one is required is an error that shows the fix', async () => {
        const bad = await validate(scenario('duration 5'));
        expectError(bad, /The duration needs a unit.*`5 years`/, { code: IssueCodes.MissingUnit });
        const dose = await validate(`regimen R { drug adalimumab dose 40 every 2 weeks }`);
        expectError(dose, /The dose needs a unit/, { code: IssueCodes.MissingUnit });
    });

    test('fractions may be bare numbers in [0, 1]; a bare 64 is read as a fraction and rejected', async () => {
        expectNoIssues(await validate(drug('bioavailability 0.64 emax 95 %')));
        expectError(await validate(drug('bioavailability 64')), /write `64 %`/, { code: IssueCodes.MissingUnit });
    });

    test('fold changes accept `x 4`, `4x` and a bare number, but not a time', async () => {
        expectNoIssues(await validate(`condition c { drives TNF_alpha x 4, IL_6 2x, IL_1 3 }`));
        expectError(await validate(`condition c { drives TNF_alpha 4 days }`), /expects a fold change/, { code: IssueCodes.WrongUnit });
        expectError(await validate(drug('absorption_half_life x 3')), /not a fold change/, { code: IssueCodes.WrongUnit });
    });

    test('doses accept a mass or a mass per body weight, not a volume', async () => {
        expectNoIssues(await validate(`regimen R { drug infliximab dose 5 mg/kg every 8 weeks loading 200 mg }`));
        expectError(await validate(`regimen R { drug infliximab dose 5 mL every 8 weeks }`), /expects a mass .*, a dose per body weight/, { code: IssueCodes.WrongUnit });
    });

    test('ic50 may be a concentration or (bisphosphonates, bone-bound) a mass, not a volume', async () => {
        expectNoIssues(await validate(drug('ic50 1 mg/L')));
        expectNoIssues(await validate(drug('ic50 1 mg')));
        // A molar ic50 is converted through the molar mass, which it therefore needs.
        expectNoIssues(await validate(drug('molar_mass 148 kDa ic50 20 nM')));
        expectError(await validate(drug('ic50 20 nM')), /is molar \(nM\): give the drug's molar_mass/, { code: IssueCodes.MissingProperty });
        expectError(await validate(drug('ic50 1 L')), /The ic50 expects/, { code: IssueCodes.WrongUnit });
    });

    test('infusions take a rate; scenario times take times', async () => {
        expectNoIssues(await validate(scenario('arm a { infuse OPG at 2e5 pM/day from 20 days until 80 days }')));
        expectError(await validate(scenario('arm a { infuse OPG at 2e5 pM from 20 days }')), /expects a rate/, { code: IssueCodes.WrongUnit });
        expectError(await validate(scenario('arm a { give adalimumab 40 mg every 2 weeks from 3 mg }')), /The start time expects a time/, { code: IssueCodes.WrongUnit });
    });

    test('the property → dimension table is exported for completion and lists the implied unit', () => {
        expect(EXPECTED_QUANTITIES.DurationSpec.value).toMatchObject({ dimensions: ['time'], unit: 'years' });
        expect(EXPECTED_QUANTITIES.Dosing.interval.unit).toBe('weeks');
        expect(EXPECTED_QUANTITIES.Drug.halfLife.unit).toBe('days');
        expect(EXPECTED_QUANTITIES.Drug.bioavailability.unit).toBe('%');
        expect(expectedQuantity({ $type: 'Patient' } as never, 'age')?.unit).toBe('years');
        expect(expectedQuantity({ $type: 'Patient' } as never, 'sex')).toBeUndefined();
    });
});
