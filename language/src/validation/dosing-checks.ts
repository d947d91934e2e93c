/**
 * How often a dose is given (docs/language.md, "Dosing shorthands"): `every day` without its number, an unknown
 * `q…` code, a rate that also says how often, an amount with no frequency, IU on a drug without a conversion.
 */
import type { ValidationAcceptor } from 'langium';
import { isGive, isRegimen, type Dosing, type Drug } from '../generated/ast.js';
import { everyOtherInterval, everyOtherUnit, everyUnitMessage, frequencyInterval } from '../dosing-frequency.js';
import { drugProperty } from '../drug-inheritance.js';
import { dosingRate, lookupUnit } from '../../../simulator/index.js';
import { issue, IssueCodes } from './issue-codes.js';
import { drugOf } from './scenario-facts.js';
import { followedByDecimalComma } from './decimal-comma.js';

function drugOfDosing(dosing: Dosing): Drug | undefined {
    const owner = dosing.$container;
    if (isGive(owner)) return drugOf(owner);
    if (isRegimen(owner)) return owner.drug?.ref;
    return undefined;
}

export function checkDosing(dosing: Dosing, accept: ValidationAcceptor): void {
    const amount = dosing.amount;
    if (!amount || typeof amount.value !== 'number') return;
    // `give 5 mg drug` and `7,5 mg`: the syntax error already says what to write.
    const owner = dosing.$container;
    if ((isGive(owner) && !owner.target?.$refText) || followedByDecimalComma(amount)) return;
    const rate = amount.unit ? dosingRate(amount.value, amount.unit) : undefined;
    const otherUnit = everyOtherUnit(dosing);
    if (otherUnit && !everyOtherInterval(otherUnit)) {
        accept('error', `'every other ${otherUnit}' needs a time unit: write e.g. \`every other week\` (every 2 weeks).`,
            { node: dosing, property: 'otherUnit', ...issue(IssueCodes.UnknownFrequency) });
        return;
    }
    if (dosing.intervalUnit && !otherUnit) {
        const unit = lookupUnit(dosing.intervalUnit);
        const message = unit?.dimension === 'time' ? everyUnitMessage(dosing.intervalUnit)
            : `'every ${dosing.intervalUnit}' needs an interval: write e.g. \`every 2 weeks\`.`;
        accept('error', message, { node: dosing, property: 'intervalUnit', ...issue(IssueCodes.EveryWithoutNumber, { insert: unit?.dimension === 'time' ? '1 ' : undefined }) });
        return;
    }
    const words = dosing.frequency.join(' ');
    if (words && !frequencyInterval(words)) {
        accept('error', `'${words}' is not a dosing frequency: write \`every 2 weeks\`, \`daily\`, \`twice daily\`, \`weekly\`, \`every other week\` or a code such as \`q2w\`, \`q12h\`, \`q6m\`.`,
            { node: dosing, property: 'frequency', ...issue(IssueCodes.UnknownFrequency) });
        return;
    }
    const written = dosing.once || dosing.interval || otherUnit || words;
    if (rate && written) {
        accept('error', `${amount.value} ${amount.unit} is already a rate (${amount.value} ${rate.amountUnit} every 1 ${rate.intervalUnit}); write either \`${amount.value} ${amount.unit}\` or \`${amount.value} ${rate.amountUnit}\` with how often.`,
            { node: dosing, property: 'amount', ...issue(IssueCodes.UnknownFrequency) });
        return;
    }
    if (!rate && !written) {
        accept('error', `Say how often ${amount.value}${amount.unit ? ` ${amount.unit}` : ''} is given: e.g. \`every 2 weeks\`, \`daily\`, \`twice daily\`, \`q4w\` or \`once\`.`,
            { node: dosing, property: 'amount', ...issue(IssueCodes.UnknownFrequency) });
        return;
    }
    if (amount.unit && lookupUnit(amount.unit)?.dimension === 'internationalUnits') {
        const drug = drugOfDosing(dosing);
        if (drug && !drugProperty(drug, 'iuPerMg')) {
            accept('error', `A dose in IU needs the drug's conversion: add \`iu_per_mg N\` to drug '${drug.name}' (e.g. vitamin D3: iu_per_mg 40000), or write the dose in mg.`,
                { node: amount, property: 'unit', ...issue(IssueCodes.WrongUnit, { units: ['mg', 'µg'] }) });
        }
    }
}
