import { describe, test } from 'vitest';
import { expectError, expectNoIssues, expectWarning } from 'langium/test';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { scenario, validationSetup } from './validation-helpers.js';

const give = (times: string) => scenario(`arm a { give adalimumab 40 mg every 2 weeks ${times} }\ncondition rheumatoid_arthritis`);

describe('time logic (docs/language.md §6)', async () => {
    const { validate } = await validationSetup();

    test('`until` not after `from` is an error, across units', async () => {
        expectError(await validate(give('from 12 months until 6 months')), /`until 6 months` is not after `from 12 months`/, { code: IssueCodes.TimeOrder });
        expectError(await validate(give('from 1 year until 12 months')), /is not after/, { code: IssueCodes.TimeOrder }); // 365.25 d vs 365.25 d
        expectError(await validate(scenario('arm a { infuse OPG at 2e5 pM/day from 80 days until 20 days }')), /is not after/, { code: IssueCodes.TimeOrder });
        expectNoIssues(await validate(give('from 6 months until 12 months')));
    });

    test('a condition that resolves before its onset is an error', async () => {
        expectError(await validate(scenario('condition rheumatoid_arthritis { onset at 1 year resolves at 6 months }')), /not after the onset/, { code: IssueCodes.TimeOrder });
        expectNoIssues(await validate(scenario('condition rheumatoid_arthritis { onset at 6 months resolves at 1 year }')));
    });

    test('a treatment starting at or after the end never starts: warning', async () => {
        expectWarning(await validate(give('from 3 years')), /never starts.*\(3 years\)/, { code: IssueCodes.NeverStarts });
        expectWarning(await validate(give('from 40 months')), /never starts/, { code: IssueCodes.NeverStarts });
        expectNoIssues(await validate(give('from 35 months')));
    });

    test('a condition onset after the end: warning', async () => {
        expectWarning(await validate(scenario('condition rheumatoid_arthritis { onset at 4 years }')), /never acts/, { code: IssueCodes.OnsetAfterEnd });
        expectNoIssues(await validate(scenario('condition rheumatoid_arthritis { onset at 2 years }')));
    });

    test('menopause before age 30 is a warning; at 50 it is normal', async () => {
        expectWarning(await validate(scenario('patient { age 25 years menopause at 25 years }')), /before age 30/, { code: IssueCodes.EarlyMenopause });
        expectNoIssues(await validate(scenario('patient { age 45 years menopause at 50 years }')));
    });

    test('menopause for a male patient is ignored: warning', async () => {
        expectWarning(await validate(scenario('patient { sex male menopause at 50 years }')), /male patient has no menopause/, { code: IssueCodes.MenopauseMale });
        expectNoIssues(await validate(scenario('patient { sex female menopause at 50 years }')));
    });
});
