/**
 * `taper prednisone from 10 mg to 0 mg over 8 weeks step 2.5 mg every 2 weeks` (docs/language.md, "Tapers"):
 * the dose starts at `from` and falls by `step` every `every`; each level is dosed (daily unless stated) exactly as
 * `give prednisone LEVEL daily from T until T + every` would be, so a taper and its long form give the same doses.
 * A `to` above 0 is a maintenance dose kept until the end of the scenario; `over`, when written, must agree.
 */
import { isRegimen, type Drug, type Taper } from '../generated/ast.js';
import { frequencyInterval } from '../dosing-frequency.js';
import { QUANTITY_TABLE, type DoseEvent, type DrugDescription, type PatientDescription } from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { compileDrug } from './compile-drug.js';
import { doseMg } from './compile-dosing.js';
import { doseTimes } from './dose-schedule.js';
import { nonNegative, positive } from './quantities.js';

/** More levels than this is a typo in the step, not a taper. */
const MAX_LEVELS = 1000;

export function compileTaper(taper: Taper, durationDays: number, patient: PatientDescription, notes: string[]): { drug: DrugDescription; doses: DoseEvent[] } {
    const target = taper.target.ref;
    if (!target) throw new CompileError(`unknown drug or regimen '${taper.target.$refText}'`, taper);
    const drug: Drug | undefined = isRegimen(target) ? target.drug?.ref : target;
    if (!drug) throw new CompileError(`regimen ${target.name} names no drug`, taper);
    const what = `taper of ${drug.name}`;
    const high = doseMg(taper.high, patient, drug, `starting dose of the ${what}`, notes).amountMg;
    const low = taper.low && taper.low.value === 0 ? 0 : doseMg(taper.low, patient, drug, `final dose of the ${what}`, notes).amountMg;
    const step = doseMg(taper.step, patient, drug, `step of the ${what}`, notes).amountMg;
    if (!(low < high)) throw new CompileError(`the ${what} must go down: 'to' is not below 'from'`, taper.low);
    const levels = (high - low) / step;
    const count = Math.round(levels);
    if (Math.abs(levels - count) > 1e-9 * Math.max(1, levels)) {
        throw new CompileError(`steps of ${round(step)} mg from ${round(high)} mg do not land on ${round(low)} mg; choose a step that divides ${round(high - low)} mg`, taper.step);
    }
    if (count > MAX_LEVELS) throw new CompileError(`the ${what} has ${count} steps; at most ${MAX_LEVELS}`, taper.step);
    const stepDays = positive(taper.stepInterval, QUANTITY_TABLE.Taper.stepInterval.dimensions, `step interval of the ${what}`).value;
    if (taper.over) {
        const overDays = positive(taper.over, QUANTITY_TABLE.Taper.over.dimensions, `duration of the ${what}`).value;
        if (Math.abs(overDays - count * stepDays) > 1e-6 * overDays) {
            throw new CompileError(`${count} steps of ${round(stepDays)} days take ${round(count * stepDays)} days, not the ${round(overDays)} days of 'over'`, taper.over);
        }
    }
    const doseEvery = taper.doseInterval ? positive(taper.doseInterval, QUANTITY_TABLE.Taper.doseInterval.dimensions, `dosing interval of the ${what}`).value
        : taper.frequency.length > 0 ? frequencyDays(taper) : 1;
    const start = taper.start ? nonNegative(taper.start, QUANTITY_TABLE.Taper.start.dimensions, `start of the ${what}`).value : 0;
    const doses: DoseEvent[] = [];
    for (let k = 0; k <= count; k++) {
        const amountMg = k === count ? low : high - k * step;
        if (!(amountMg > 0)) break;
        const from = start + k * stepDays;
        const until = k === count ? durationDays : start + (k + 1) * stepDays;
        for (const timeDays of doseTimes(from, until, doseEvery, durationDays)) doses.push({ timeDays, drug: drug.name, amountMg });
    }
    if (doses.length === 0) notes.push(`the ${what} starts after the end of the scenario.`);
    return { drug: compileDrug(drug, 1), doses };
}

function frequencyDays(taper: Taper): number {
    const f = frequencyInterval(taper.frequency);
    if (!f) throw new CompileError(`'${taper.frequency.join(' ')}' is not a dosing frequency (write e.g. twice daily or dosed every 12 hours)`, taper);
    return f.days;
}

function round(x: number): number {
    return +x.toPrecision(6);
}
