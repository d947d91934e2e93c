import type { ValidationAcceptor } from 'langium';
import type { ConditionUse, Give, Infuse, Patient, Quantity } from '../generated/ast.js';
import { DAYS_PER_YEAR } from '../../../simulator/index.js';
import { issue, IssueCodes } from './issue-codes.js';
import { days, formatDays, quantityText } from './quantities.js';
import { scenarioDuration, scenarioOf } from './scenario-facts.js';

/** Time logic of docs/language.md §6: order of start and stop, events beyond the horizon, menopause age. */

export function checkInterventionTimes(node: Give | Infuse, accept: ValidationAcceptor): void {
    const from = node.from ? days(node.from) : 0;
    const until = days(node.until);
    if (from === undefined) return;
    if (node.until && until !== undefined && until <= from) {
        const start = node.from ? quantityText(node.from) : '0 (the default start)';
        accept('error', `\`until ${quantityText(node.until)}\` is not after \`from ${start}\`: the intervention would never be given. Stop it after it starts${node.from ? ' (swap the two times?)' : ''}.`,
            { node, property: 'until', ...issue(IssueCodes.TimeOrder, swapData(node.from, node.until)) });
    }
    const horizon = scenarioDuration(scenarioOf(node));
    if (horizon !== undefined && from >= horizon) {
        accept('warning', `This ${node.$type === 'Give' ? 'treatment' : 'infusion'} never starts: \`from ${quantityText(node.from!)}\` is at or after the end of the scenario (${formatDays(horizon)}). Start it earlier or lengthen the duration.`,
            { node, property: 'from', ...issue(IssueCodes.NeverStarts) });
    }
}

export function checkConditionTimes(use: ConditionUse, accept: ValidationAcceptor): void {
    const onset = use.onset ? days(use.onset) : 0;
    const resolves = days(use.resolves);
    if (onset === undefined) return;
    if (use.resolves && resolves !== undefined && resolves <= onset) {
        accept('error', `\`resolves at ${quantityText(use.resolves)}\` is not after the onset (${use.onset ? quantityText(use.onset) : '0'}): the condition would never be active. Make it resolve after its onset.`,
            { node: use, property: 'resolves', ...issue(IssueCodes.TimeOrder, swapData(use.onset, use.resolves)) });
    }
    const horizon = scenarioDuration(scenarioOf(use));
    if (use.onset && horizon !== undefined && onset >= horizon) {
        accept('warning', `The condition's onset (${quantityText(use.onset)}) is at or after the end of the scenario (${formatDays(horizon)}), so it never acts. Move the onset earlier or lengthen the duration.`,
            { node: use, property: 'onset', ...issue(IssueCodes.OnsetAfterEnd) });
    }
}

export function checkMenopause(patient: Patient, accept: ValidationAcceptor): void {
    if (!patient.menopause) return;
    if (patient.sex === 'male') {
        accept('warning', 'A male patient has no menopause: `menopause at` is ignored. Remove it or set `sex female`.',
            { node: patient, property: 'menopause', ...issue(IssueCodes.MenopauseMale) });
    }
    const age = days(patient.menopause);
    if (age !== undefined && age >= 0 && age < 30 * DAYS_PER_YEAR) {
        accept('warning', `Menopause at ${quantityText(patient.menopause)} is before age 30 (premature ovarian insufficiency; typical age ≈ 51 years). Check the value: it is an age, not a time from the start.`,
            { node: patient, property: 'menopause', ...issue(IssueCodes.EarlyMenopause) });
    }
}

/** What a "swap the two times" fix needs, when both are written. */
function swapData(first: Quantity | undefined, second: Quantity | undefined): Record<string, unknown> {
    if (!first?.$cstNode || !second?.$cstNode) return {};
    return { swap: [
        { range: first.$cstNode.range, text: first.$cstNode.text },
        { range: second.$cstNode.range, text: second.$cstNode.text }
    ] };
}
