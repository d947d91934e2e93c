import { describe, test } from 'vitest';
import { expectError, expectNoIssues, expectWarning } from 'langium/test';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { scenario, validationSetup } from './validation-helpers.js';

const drug = (properties: string) => `drug d { class anti_TNF mechanism neutralizes TNF_alpha route subcutaneous ${properties}${/\bic50\b/.test(properties) ? '' : ' ic50 1 mg/L'} }`;
const OK_PK = 'half_life 14 days volume 5 L';

describe('ranges (docs/language.md §6)', async () => {
    const { validate } = await validationSetup();
    const outOfRange = { code: IssueCodes.OutOfRange };

    test('age lies in 0–120 years', async () => {
        expectError(await validate(scenario('patient { age 130 years }')), /The age must be between 0 and 120 years; 130 years is not/, outOfRange);
        expectError(await validate(scenario('patient { age -1 years }')), /Negative values are not allowed/, outOfRange);
        expectNoIssues(await validate(scenario('patient { age 120 years }')));
        expectNoIssues(await validate(scenario('patient { age 0 years }')));
    });

    test('duration is > 0 and ≤ 100 years (also when written in months)', async () => {
        expectError(await validate(scenario('duration 0 years')), /The duration must be greater than 0 and at most 100 years/, outOfRange);
        expectError(await validate(scenario('duration 1201 months')), /at most 100 years/, outOfRange);
        expectNoIssues(await validate(scenario('duration 100 years')));
    });

    test('doses, intervals, half-lives and volumes are > 0', async () => {
        expectError(await validate(`regimen R { drug adalimumab dose 0 mg every 2 weeks }`), /The dose must be greater than 0/, outOfRange);
        expectError(await validate(`regimen R { drug adalimumab dose 40 mg every 0 weeks }`), /The dosing interval must be greater than 0/, outOfRange);
        expectError(await validate(`regimen R { drug adalimumab dose 40 mg once loading -80 mg }`), /The loading dose must be greater than 0/, outOfRange);
        expectError(await validate(drug('half_life 0 days volume 5 L')), /The half_life must be greater than 0/, outOfRange);
        expectError(await validate(drug('half_life 14 days volume 0 L')), /The volume must be greater than 0/, outOfRange);
        expectError(await validate(drug(`${OK_PK} ic50 0 mg/L`)), /The ic50 must be greater than 0/, outOfRange);
        expectNoIssues(await validate(`regimen R { drug adalimumab dose 40 mg every 2 weeks loading 80 mg }`));
        expectNoIssues(await validate(drug(`${OK_PK} ic50 1 mg/L`)));
    });

    test('bioavailability and emax lie in (0, 100 %]', async () => {
        expectError(await validate(drug(`${OK_PK} bioavailability 0 %`)), /The bioavailability must be in \(0, 100 %\]/, outOfRange);
        expectError(await validate(drug(`${OK_PK} emax 120 %`)), /The emax must be in \(0, 100 %\]/, outOfRange);
        expectNoIssues(await validate(drug(`${OK_PK} bioavailability 100 % emax 1`)));
    });

    test('fold changes are ≥ 0, with a warning above x 50', async () => {
        expectError(await validate(`condition c { drives TNF_alpha x -1 }`), /The fold change must be at least 0/, outOfRange);
        expectWarning(await validate(`condition c { drives TNF_alpha x 60 }`), /unusually large/, { code: IssueCodes.LargeFold });
        expectNoIssues(await validate(`condition c { drives TNF_alpha x 50, IL_6 x 0 }`));
    });

    test('`sample` spacing is at most the duration', async () => {
        expectError(await validate(scenario('sample every 4 years')), /longer than the duration/, { code: IssueCodes.SampleTooCoarse });
        expectNoIssues(await validate(scenario('sample every 1 week')));
    });

    test('times in a scenario are not negative', async () => {
        expectError(await validate(scenario('arm a { give adalimumab 40 mg every 2 weeks from -2 months }')), /The start time must be at least 0/, outOfRange);
        expectError(await validate(scenario('condition rheumatoid_arthritis { onset at -1 years }')), /The onset must be at least 0/, outOfRange);
    });

    test('`set` names must exist in the parameter table and values lie within its bounds', async () => {
        expectNoIssues(await validate(scenario('set rankl_per_tnf = 25')));
        expectError(await validate(scenario('set rankl_per_tnf = -5')), /'rankl_per_tnf' must lie in \[0, /, outOfRange);
        expectError(await validate(scenario('set rankl_per_tnff = 25')), /no parameter 'rankl_per_tnff'. Did you mean 'rankl_per_tnf'/, { code: IssueCodes.UnknownParameter });
        expectError(await validate(scenario('set rankl_per_tnf = 25 days')), /does not convert/, { code: IssueCodes.WrongUnit });
    });
});
