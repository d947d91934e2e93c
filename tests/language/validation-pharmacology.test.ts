import { describe, expect, test } from 'vitest';
import { expectIssue, expectNoIssues, expectWarning } from 'langium/test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { codesOf, scenario, validationSetup } from './validation-helpers.js';

const RA = 'condition rheumatoid_arthritis';
const PMO = 'condition postmenopausal_osteoporosis';

describe('pharmacology warnings and hints (docs/language.md §6)', async () => {
    const { validate } = await validationSetup();

    test('two biologics of one class overlapping in an arm: warning', async () => {
        const overlapping = await validate(scenario(`${RA}\narm a {\n give adalimumab 40 mg every 2 weeks\n give etanercept 50 mg every 1 week from 6 months }`));
        expectWarning(overlapping, /etanercept overlaps in time with adalimumab in arm 'a', both Anti-TNF biologics/, { code: IssueCodes.OverlappingClass });
        // A switch: the first stops when the second starts.
        expectNoIssues(await validate(scenario(`${RA}\narm a {\n give adalimumab 40 mg every 2 weeks until 6 months\n give etanercept 50 mg every 1 week from 6 months }`)));
        // Induction and maintenance doses of one drug are a schedule, not two drugs.
        expectNoIssues(await validate(scenario(`${RA}\narm a {\n give infliximab 3 mg/kg once\n give infliximab 3 mg/kg once from 2 weeks\n give infliximab 3 mg/kg every 8 weeks from 6 weeks }`)));
        // A single dose wears off (about five half-lives): a later switch does not overlap it.
        expectNoIssues(await validate(scenario(`${RA}\narm a {\n give etanercept 50 mg once\n give adalimumab 40 mg every 2 weeks from 6 months }`)));
        // Different classes may be combined.
        expectNoIssues(await validate(scenario(`${RA}\narm a {\n give adalimumab 40 mg every 2 weeks\n give tocilizumab 8 mg/kg every 4 weeks }`)));
    });

    test('an NSAID or glucocorticoid for more than a year: warning with its rationale', async () => {
        expectWarning(await validate(scenario(`${RA}\narm a { give prednisone 10 mg every 1 day }`)), /prednisone is given for 3 years: long-term glucocorticoids themselves cause bone loss/, { code: IssueCodes.LongAntiInflammatory });
        expectWarning(await validate(scenario(`${RA}\narm a { give naproxen 500 mg every 12 hours from 0 months until 18 months }`)), /gastrointestinal/, { code: IssueCodes.LongAntiInflammatory });
        expectNoIssues(await validate(scenario(`${RA}\narm a { give prednisone 10 mg every 1 day until 6 months }`)), { code: IssueCodes.LongAntiInflammatory });
    });

    test('an antiresorptive alone while an inflammatory condition is active: hint', async () => {
        const alone = await validate(scenario(`${RA}\narm a { give alendronate 70 mg every 1 week }`));
        expectIssue(alone, { code: IssueCodes.AntiresorptiveAlone, severity: DiagnosticSeverity.Hint, message: /does not address the inflammatory drivers/ });
        expectNoIssues(await validate(scenario(`${RA}\narm a {\n give alendronate 70 mg every 1 week\n give adalimumab 40 mg every 2 weeks }`)));
        // Postmenopausal osteoporosis is not an inflammatory condition: an antiresorptive is the standard of care.
        expectNoIssues(await validate(scenario(`${PMO}\narm a { give alendronate 70 mg every 1 week }`)));
        // In remission the drivers are quiet.
        expectNoIssues(await validate(scenario(`condition rheumatoid_arthritis { severity remission }\narm a { give alendronate 70 mg every 1 week }`)), { code: IssueCodes.AntiresorptiveAlone });
    });

    test('denosumab stopped before the horizon without a follow-on antiresorptive: rebound warning', async () => {
        const stopped = await validate(scenario(`${PMO}\narm a { give denosumab 60 mg every 6 months until 2 years }`));
        expectWarning(await validate(scenario(`${PMO}\narm a { give denosumab 60 mg every 6 months until 1 year }`)), /stops at 1 year, before/, { code: IssueCodes.DenosumabStop });
        expectWarning(stopped, /denosumab stops at 2 years, before the end of the scenario \(3 years\), with no follow-on antiresorptive: in trials, resorption rebounds above baseline/, { code: IssueCodes.DenosumabStop });
        expectNoIssues(await validate(scenario(`${PMO}\narm a {\n give denosumab 60 mg every 6 months until 2 years\n give zoledronate 5 mg once from 2 years }`)));
        expectNoIssues(await validate(scenario(`${PMO}\narm a { give denosumab 60 mg every 6 months }`)));
        expectWarning(await validate(scenario(`${PMO}\narm a { give denosumab 60 mg once }`)), /wears off after about 6 months/, { code: IssueCodes.DenosumabStop });
    });

    test('an anti-cytokine drug whose target no condition raises: hint', async () => {
        const untargeted = await validate(scenario(`${PMO}\narm a { give anakinra 100 mg every 1 day }`));
        expectIssue(untargeted, { code: IssueCodes.UntargetedCytokine, severity: DiagnosticSeverity.Hint, message: /anakinra blocks IL-1, but no condition of this scenario raises it/ });
        expectNoIssues(await validate(scenario(`${RA}\narm a { give anakinra 100 mg every 1 day }`)));
        // A per-scenario override can raise it too.
        expectNoIssues(await validate(scenario(`condition aging { IL_1 x 2 }\narm a { give anakinra 100 mg every 1 day }`)), { code: IssueCodes.UntargetedCytokine });
    });

    test('warnings and hints never block: no errors in these scenarios', async () => {
        const result = await validate(scenario(`${RA}\narm a {\n give adalimumab 40 mg every 2 weeks\n give golimumab 50 mg every 4 weeks\n give prednisone 10 mg every 1 day }`));
        expect(result.diagnostics.filter(d => d.severity === DiagnosticSeverity.Error)).toEqual([]);
        expect(codesOf(result.diagnostics).sort()).toEqual([IssueCodes.LongAntiInflammatory, IssueCodes.OverlappingClass]);
    });
});
