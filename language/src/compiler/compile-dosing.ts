/**
 * The dose amount and repeat interval of a `give` or regimen, whatever way they are written: the long form
 * (`40 mg every 2 weeks`), a shorthand (`daily`, `bid`, `q2w`, `every other week`), a rate (`10 mg/day`),
 * and amounts per kg, per m² of body surface area or in international units (docs/language.md).
 * A shorthand gives exactly the interval of its long form, so both compile to the same dose events.
 */
import type { Dosing, Drug, Quantity } from '../generated/ast.js';
import { everyOtherInterval, everyOtherUnit, everyUnitMessage, frequencyInterval } from '../dosing-frequency.js';
import { DEFAULT_HEIGHT_CM, DOSE_DIMENSIONS, dosingRate, mostellerBsa, QUANTITY_TABLE } from '../../../simulator/index.js';
import type { DoseEvent, PatientDescription } from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { positive } from './quantities.js';
import { drugProperty } from '../drug-inheritance.js';

// One formula for the compiler and the population engine (simulator/analysis/population-member.ts).
export { DEFAULT_HEIGHT_CM, mostellerBsa };

export interface ResolvedDose {
    readonly amountMg: number;
    readonly scaling?: DoseEvent['scaling'];
}

/** An amount in mg for this patient; per-kg and per-m² amounts keep their scaling for virtual populations. */
export function doseMg(q: Quantity, patient: PatientDescription, drug: Drug | undefined, what: string, notes: string[]): ResolvedDose {
    const c = positive(q, DOSE_DIMENSIONS, what);
    switch (c.dimension) {
        case 'massPerWeight':
            return { amountMg: c.value * patient.weightKg, scaling: { per: 'kg', amount: c.value } };
        case 'massPerArea': {
            if (patient.heightCm === undefined) notes.push(`${what} is per m² but the patient has no height: the body surface area uses ${DEFAULT_HEIGHT_CM} cm (add e.g. 'height 165 cm' to the patient).`);
            const bsa = mostellerBsa(patient.heightCm ?? DEFAULT_HEIGHT_CM, patient.weightKg);
            return { amountMg: c.value * bsa, scaling: { per: 'm2', amount: c.value } };
        }
        case 'internationalUnits': {
            const perMg = drug ? drugProperty(drug, 'iuPerMg') : undefined;
            if (!perMg) throw new CompileError(`${what} is in IU but drug ${drug?.name ?? ''} declares no conversion (add e.g. 'iu_per_mg 40000' to the drug)`, q);
            return { amountMg: c.value / positive(perMg, ['fold'], `iu_per_mg of ${drug!.name}`).value };
        }
        default:
            return { amountMg: c.value };
    }
}

/** Interval in days, or undefined for `once`; `drugName` names the dose in messages. */
export function intervalDays(dosing: Dosing, drugName: string): number | undefined {
    const what = `the dose of ${drugName}`;
    const rate = dosing.amount?.unit ? dosingRate(1, dosing.amount.unit) : undefined;
    const written = dosing.once || dosing.interval || dosing.frequency.length > 0 || dosing.intervalUnit;
    const otherUnit = everyOtherUnit(dosing);
    if (rate) {
        if (written) throw new CompileError(`${what} is a rate (${dosing.amount.unit}) and also says how often; write either '${dosing.amount.value} ${rate.amountUnit} every 1 ${rate.intervalUnit}' or '${dosing.amount.value} ${dosing.amount.unit}'`, dosing);
        return rate.intervalDays;
    }
    if (dosing.once) return undefined;
    if (dosing.interval) return positive(dosing.interval, QUANTITY_TABLE.Dosing.interval.dimensions, `dosing interval of ${drugName}`, dosing).value;
    if (otherUnit) {
        const other = everyOtherInterval(otherUnit);
        if (!other) throw new CompileError(`'every other ${otherUnit}': '${otherUnit}' is not a time unit (write e.g. every other week)`, dosing);
        return other.days;
    }
    if (dosing.frequency.length > 0) {
        const f = frequencyInterval(dosing.frequency);
        if (!f) throw new CompileError(`'${dosing.frequency.join(' ')}' is not a dosing frequency (write e.g. q2w, daily or every 2 weeks)`, dosing);
        return f.days;
    }
    if (dosing.intervalUnit) throw new CompileError(everyUnitMessage(dosing.intervalUnit), dosing);
    throw new CompileError(`${what} says how much but not how often: add e.g. 'every 2 weeks', 'daily' or 'once'`, dosing);
}

/** The per-dose amount of a rate (`10 mg/day` → 10 mg), else the amount as written. */
export function perDoseAmount(dosing: Dosing): Quantity {
    const rate = dosing.amount?.unit ? dosingRate(dosing.amount.value, dosing.amount.unit) : undefined;
    return rate ? { ...dosing.amount, value: dosing.amount.value, unit: rate.amountUnit } as Quantity : dosing.amount;
}
