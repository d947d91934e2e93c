import { describe, expect, test } from 'vitest';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { codesOf, scenario, validationSetup } from './validation-helpers.js';

const PMO = 'condition postmenopausal_osteoporosis';

describe('no cascades: a node with an error gets no warning that assumes it valid', async () => {
    const { validate } = await validationSetup();

    test('a treatment stopped before it starts is not "stopped with no follow-on"', async () => {
        const { diagnostics } = await validate(scenario(`${PMO}\narm a { give denosumab 60 mg every 6 months from 2 years until 1 year }`));
        expect(codesOf(diagnostics)).toEqual([IssueCodes.TimeOrder]);
        // The same give, with its times in order, does get the warning: the check itself still works.
        const valid = await validate(scenario(`${PMO}\narm a { give denosumab 60 mg every 6 months from 1 year until 2 years }`));
        expect(codesOf(valid.diagnostics)).toEqual([IssueCodes.DenosumabStop]);
    });

    test('a never-given treatment does not count as the follow-on of another', async () => {
        const { diagnostics } = await validate(scenario(`${PMO}\narm a {\n give denosumab 60 mg every 6 months until 2 years\n give zoledronate 5 mg once from 3 years until 2 years }`));
        expect(codesOf(diagnostics).sort()).toEqual([IssueCodes.DenosumabStop, IssueCodes.TimeOrder].sort());
    });
});
