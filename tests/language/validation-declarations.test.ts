import { describe, expect, test } from 'vitest';
import { expectError, expectNoIssues } from 'langium/test';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { scenario, validationSetup, withCode } from './validation-helpers.js';

const PK = 'route subcutaneous half_life 14 days volume 5 L ic50 1 mg/L';

describe('mechanism targets (docs/language.md §4)', async () => {
    const { validate } = await validationSetup();
    const wrongKind = { code: IssueCodes.WrongTargetKind };

    test('a target of the wrong kind is an error listing the kinds the verb accepts', async () => {
        const result = await validate(`drug d { class anti_TNF mechanism neutralizes osteoclasts ${PK} }`);
        expectError(result, "`neutralizes` acts on a cytokine, but 'osteoclasts' is a cell. Use a cytokine or a verb that acts on a cell: `kills`, `stimulates`, `supplies` or `polarizes`.", wrongKind);
        expectError(await validate(`drug d { class RANKL_inhibitor mechanism binds TNF_alpha ${PK} }`), /`binds` acts on a mediator/, wrongKind);
        expectError(await validate(`drug d { class JAK_inhibitor mechanism inhibits IL_6 ${PK} }`), /`inhibits` acts on a pathway/, wrongKind);
    });

    test('each verb accepts its own kind', async () => {
        for (const mechanism of ['neutralizes TNF_alpha', 'blocks IL_6', 'inhibits JAK_STAT', 'binds RANKL', 'kills osteoclasts',
            'stimulates osteoblasts', 'supplies osteoblast_precursors', 'polarizes macrophage_M2', 'suppresses inflammation']) {
            expectNoIssues(await validate(`drug d { class anabolic mechanism ${mechanism} ${PK} }`));
        }
    });

    test('`supplies` takes PTH (an analogue such as teriparatide) but no other mediator; `binds sclerostin` is a mechanism', async () => {
        expectNoIssues(await validate(`drug d { class anabolic mechanism supplies PTH ${PK} }`));
        expectNoIssues(await validate(`drug d { class anabolic mechanism binds sclerostin ${PK} }`));
        expectError(await validate(`drug d { class anabolic mechanism supplies RANKL ${PK} }`), /`supplies` takes a cell or PTH .* Give it with `infuse RANKL at … pM\/day`/, wrongKind);
    });

    test('`suppresses` without `inflammation` is an error', async () => {
        expectError(await validate(`drug d { class NSAID mechanism suppresses ${PK} }`), /write `mechanism suppresses inflammation`/, wrongKind);
    });

    test('`drives` takes cytokines and `activates` takes cells', async () => {
        expectError(await validate(`condition c { drives T_cells x 2 }`), "`drives` takes a cytokine, but 'T_cells' is a cell. Put it under `activates`.", wrongKind);
        expectError(await validate(`condition c { activates IL_6 x 2 }`), /Put it under `drives`/, wrongKind);
        expectNoIssues(await validate(`condition c { drives IL_6 x 2 activates T_cells x 2 }`));
    });
});

describe('declarations and their required parts (docs/language.md §2, §3)', async () => {
    const { validate } = await validationSetup();
    const missing = { code: IssueCodes.MissingProperty };

    test('cytokine, mediator, cell, pathway, site and output are reserved to the standard library', async () => {
        for (const kind of ['cytokine', 'mediator', 'cell', 'pathway', 'site', 'output']) {
            expectError(await validate(`${kind} my_${kind}`), new RegExp(`^${kind} declarations belong to the standard library`), { code: IssueCodes.ReservedKind });
        }
        expectNoIssues(await validate(`condition my_condition { drives IL_6 x 2 }`));
    });

    test('a drug without what the simulator needs names every missing property', async () => {
        const result = await validate(`drug d { class anti_TNF }`);
        expectError(result, /Drug 'd' cannot be simulated without `mechanism`.*`route`.*`half_life`.*`volume`/, missing);
        expect(withCode(result.diagnostics, IssueCodes.MissingProperty)[0].message).not.toMatch(/`class`/);
        expectError(await validate(`drug d { mechanism neutralizes TNF_alpha ${PK} }`), /without `class`/, missing);
    });

    test('a bone half-life or a clearance stands in for the plasma half-life', async () => {
        expectNoIssues(await validate(`drug bp { class bisphosphonate mechanism kills osteoclasts route intravenous volume 8 L bone_half_life 10 years ic50 1 mg }`));
        expectNoIssues(await validate(`drug ab { class anti_TNF mechanism neutralizes TNF_alpha route intravenous volume 3 L clearance 0.3 L/day ic50 1 mg/L }`));
    });

    test('a regimen without drug or dose is an error', async () => {
        expectError(await validate(`regimen R { drug adalimumab }`), "Regimen 'R' needs `dose` (e.g. `dose 40 mg every 2 weeks` or `dose 5 mg once`).", missing);
        expectError(await validate(`regimen R { dose 40 mg every 2 weeks }`), /needs `drug`/, missing);
        expectNoIssues(await validate(`regimen R { drug adalimumab dose 40 mg every 2 weeks }`));
    });

    test('giving a drug needs an inline dose; a regimen must not get a second one', async () => {
        const ra = 'condition rheumatoid_arthritis\n';
        expectError(await validate(scenario(`${ra}arm a { give adalimumab }`)), /Giving the drug 'adalimumab' directly needs a dose/, missing);
        expectError(await validate(`regimen R { drug adalimumab dose 40 mg every 2 weeks }\n${scenario(`${ra}arm a { give R 80 mg once }`)}`),
            /Regimen 'R' already has a dose/, { code: IssueCodes.ConflictingDose });
        expectNoIssues(await validate(`regimen R { drug adalimumab dose 40 mg every 2 weeks }\n${scenario(`${ra}arm a { give R }`)}`));
    });

    test('a scenario needs a duration', async () => {
        expectError(await validate('scenario S { arm a { } }'), /Scenario 'S' needs a `duration`/, missing);
        expectNoIssues(await validate('scenario S { duration 1 year }'));
    });

    test('a property given twice is an error', async () => {
        expectError(await validate(`drug d { class anti_TNF class NSAID mechanism neutralizes TNF_alpha ${PK} }`), /`class` is given more than once/, { code: IssueCodes.DuplicateProperty });
        expectError(await validate(scenario('duration 2 years\nduration 3 years')), /`duration` is given more than once/, { code: IssueCodes.DuplicateProperty });
        expectError(await validate(scenario('patient { age 50 years age 60 years }')), /`age` is given more than once/, { code: IssueCodes.DuplicateProperty });
        expectNoIssues(await validate(`drug d { class anti_TNF mechanism neutralizes TNF_alpha mechanism blocks IL_6 ${PK} }`));
    });
});
