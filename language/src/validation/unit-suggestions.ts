/**
 * "Did you mean" for units, which must never change what a value means: `mcg` is not a typo of `mg`
 * (a 1000-fold dose error), so spelling distance alone proposes nothing here. A unit is suggested only
 * when it is the same unit written differently: another case (`ML` → `mL`), a plural (`mgs` → `mg`),
 * a common abbreviation (`mo` → `months`, `wk` → `weeks`), or a misspelt time word (`wekks` → `weeks`),
 * which has no magnitude prefix to get wrong. Candidates come from the dimensions the position accepts.
 */
import { lookupUnit } from '../../../simulator/index.js';
import { editDistance } from './name-suggestions.js';

/** Abbreviations people write for units the language spells out (same unit, same magnitude). */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
    mo: 'months', mos: 'months', mth: 'months', mths: 'months', mon: 'months', month_: 'months',
    wk: 'weeks', wks: 'weeks', w: 'weeks',
    yr: 'years', yrs: 'years', y: 'years', a: 'years',
    d: 'days', dy: 'days',
    hr: 'hours', hrs: 'hours',
    'mg/m^2': 'mg/m2', 'mg/sqm': 'mg/m2',
    iu: 'IU', 'i.u.': 'IU', units: 'IU'
};

const TIME_WORDS = new Set(['hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years']);

/** Candidates (of the accepted dimensions) that are the written unit in another spelling; never another magnitude. */
export function safeUnitSuggestions(written: string, candidates: readonly string[]): string[] {
    const w = written.replace(/\s+/g, '');
    const lower = w.toLowerCase();
    const allowed = new Set(candidates);
    const found: string[] = [];
    const add = (c: string | undefined) => { if (c && allowed.has(c) && !found.includes(c)) found.push(c); };
    add(ABBREVIATIONS[lower] ?? ABBREVIATIONS[w]);
    for (const c of candidates) {
        const cl = c.toLowerCase();
        if (cl === lower || `${cl}s` === lower || cl === `${lower}s`) add(c);
    }
    if (found.length === 0 && lower.length >= 3 && /^[a-z]+$/.test(lower)) {
        // A misspelt time word: days/weeks/months/years are far apart, so a close match is the intended unit.
        const close = candidates.filter(c => TIME_WORDS.has(c) && editDistance(lower, c) <= Math.max(1, Math.floor(lower.length / 3)));
        close.sort((a, b) => editDistance(lower, a) - editDistance(lower, b));
        close.forEach(add);
    }
    // Whatever the route, the suggestion must convert with exactly the written unit's factor when that is known.
    const known = lookupUnit(w);
    return found.filter(c => !known || lookupUnit(c)?.factor === known.factor).slice(0, 3);
}
