/**
 * Dosing shorthands (docs/language.md, "Dosing shorthands") and what each means as a long form. One table
 * serves the validator (which names the long form in hovers and messages) and the compiler (which expands
 * the shorthand to the very dose times `every N unit` gives).
 */
import { DAYS_PER_MONTH, DAYS_PER_YEAR, lookupUnit } from '../../simulator/index.js';

export interface Interval {
    readonly days: number;
    /** The equivalent long form: `every 12 hours`. */
    readonly longForm: string;
}

/** Keys are the Frequency rule's value with spaces removed (`twice daily` → `twicedaily`). */
const FREQUENCIES: Readonly<Record<string, Interval>> = {
    daily: { days: 1, longForm: 'every 1 day' },
    weekly: { days: 7, longForm: 'every 1 week' },
    bid: { days: 0.5, longForm: 'every 12 hours' },
    twicedaily: { days: 0.5, longForm: 'every 12 hours' },
    tid: { days: 1 / 3, longForm: 'every 8 hours' },
    threetimesdaily: { days: 1 / 3, longForm: 'every 8 hours' }
};

/** `every other week` (day, month …): every 2 of the unit; undefined when the word is not a time unit. */
export function everyOtherInterval(unit: string): Interval | undefined {
    const info = lookupUnit(unit);
    if (info?.dimension !== 'time') return undefined;
    const singular = unit === 'h' ? 'hour' : unit.replace(/s$/, '');
    return { days: 2 * info.factor, longForm: `every 2 ${singular}s` };
}

/** The interval of the frequency words after a dose (`twice daily`, `bid`, `q2w`), or undefined when they are not one. */
export function frequencyInterval(words: string | readonly string[]): Interval | undefined {
    const text = typeof words === 'string' ? words : words.join(' ');
    return FREQUENCIES[text.replace(/\s+/g, '').toLowerCase()] ?? qCodeInterval(text.trim());
}

const Q_UNITS: Readonly<Record<string, { days: number, name: string }>> = {
    h: { days: 1 / 24, name: 'hour' }, d: { days: 1, name: 'day' }, w: { days: 7, name: 'week' },
    m: { days: DAYS_PER_MONTH, name: 'month' }, y: { days: DAYS_PER_YEAR, name: 'year' }
};

/** Prescription codes `q12h`, `q2w`, `q4w`, `q6m`, `q1y`: every N hours, days, weeks, months or years. */
export function qCodeInterval(code: string): Interval | undefined {
    const m = /^q(\d+)([hdwmy])$/i.exec(code);
    if (!m) return undefined;
    const n = Number(m[1]);
    const unit = Q_UNITS[m[2].toLowerCase()];
    if (!(n > 0)) return undefined;
    return { days: n * unit.days, longForm: `every ${n} ${unit.name}${n === 1 ? '' : 's'}` };
}

/** `every day`, `every week`: the unit without its number. */
export function everyUnitMessage(unit: string): string {
    const singular = unit.replace(/s$/, '');
    const short = singular === 'day' ? ' (or `daily`)' : singular === 'week' ? ' (or `weekly`)' : '';
    return `'every ${unit}' needs a number: write \`every 1 ${singular}\`${short}.`;
}

/** `every other week` parses as the words `other` and `week`: the unit, when that is what was written. */
export function everyOtherUnit(dosing: { intervalUnit?: string, otherUnit?: string }): string | undefined {
    return dosing.intervalUnit === 'other' && dosing.otherUnit ? dosing.otherUnit : undefined;
}
