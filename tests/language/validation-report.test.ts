import { describe, expect, test } from 'vitest';
import { expectError, expectNoIssues, expectWarning } from 'langium/test';
import { compileDocument } from '../../language/src/compiler/compile-document.js';
import { scenario, validationSetup } from './validation-helpers.js';

/** `report … at T, T` summary times and `compare to ARM` (docs/language.md §3.4). */
describe('summary times and the compared-to arm', async () => {
    const { validate } = await validationSetup();
    const arms = 'arm placebo { }\narm treated { give adalimumab 40 mg every 2 weeks }\ncondition rheumatoid_arthritis';

    test('parse next to a site list, compile to days and to the reference arm', async () => {
        const result = await validate(scenario(`${arms}\nreport bmd at lumbar_spine, total_hip at 6 months, 2 years\nreport at 1 year\ncompare to treated`));
        expectNoIssues(result);
        const [compiled] = compileDocument(result.document.parseResult.value);
        expect(compiled.summaryTimes).toEqual([182.625, 365.25, 730.5]);
        expect(compiled.reference).toBe('treated');
        expect(compiled.reported).toEqual(['bmd.lumbar_spine', 'bmd.total_hip']);
    });

    test('a times-only report keeps the default series', async () => {
        const result = await validate(scenario(`${arms}\nreport at 6 months`));
        expectNoIssues(result);
        expect(compileDocument(result.document.parseResult.value)[0].reported).toEqual(['bmd.lumbar_spine', 'bmd.total_hip', 'osteoclasts', 'osteoblasts']);
    });

    test('mistakes get a sentence at their place', async () => {
        expectError(await validate(scenario(`${arms}\nreport`)), /`report` needs what to report/, {});
        expectError(await validate(scenario(`${arms}\nreport at 6 mg`)), /summary time expects a time/, {});
        expectWarning(await validate(scenario(`${arms}\nreport at 5 years`)), /after the end of the 1095.75-day horizon/, {});
        expectError(await validate(scenario(`${arms}\ncompare to nobody`)), /nobody/, {});
        expectError(await validate(scenario(`${arms}\ncompare to placebo\ncompare to treated`)), /`compare to` is given more than once/, {});
    });
});
