import { describe, expect, test } from 'vitest';
import { allUnits, lookupUnit, QUANTITY_TABLE, type Dimension, type QuantitySlot } from '../../simulator/index.js';
import { compileSelection } from '../../language/src/application/run-document.js';
import { CompileError } from '../../language/src/compiler/index.js';
import { validationSetup } from './validation-helpers.js';

/**
 * One table of quantities (simulator/quantity-table.ts) for the validator and the compiler (issue 10). Every
 * slot of the table is written into a document that the compiler reaches, with a unit of every dimension, a bare
 * number and a fold, and with 0 and a negative value: what the editor accepts without an error, `osteo run`
 * compiles; a unit of a dimension the table does not accept is an error at the value while typing and a
 * compile error. A slot the compiler reads with its own list of dimensions, or a range the validator forgets,
 * fails here.
 */
const { validate } = await validationSetup();

/** A document where every part the compiler reads is present; `{}` marks where the slot's value goes. */
interface Place {
    readonly section: 'drug' | 'regimen' | 'condition' | 'scenario';
    /** The base line the slot's line stands in for. */
    readonly replaces?: string;
    readonly line: string;
    /** The line for a rate (`dose 10 mg/day`), which says how often by itself. */
    readonly rateLine?: string;
    /** The line for 0 and a negative value, when `line` needs the value twice (`{2}` is twice the value). */
    readonly rangeLine?: string;
}

const PLACES: Record<string, Place> = {
    'Drug.halfLife': { section: 'drug', replaces: 'half_life', line: 'half_life {}' },
    'Drug.absorptionHalfLife': { section: 'drug', line: 'absorption_half_life {}' },
    'Drug.boneHalfLife': { section: 'drug', line: 'bone_half_life {}' },
    'Drug.bioavailability': { section: 'drug', line: 'bioavailability {}' },
    'Drug.emax': { section: 'drug', line: 'emax {}' },
    'Drug.boneUptake': { section: 'drug', line: 'bone_uptake {}' },
    'Drug.volume': { section: 'drug', replaces: 'volume', line: 'volume {}' },
    'Drug.peripheralVolume': { section: 'drug', line: 'peripheral_volume {} intercompartmental_clearance 1 L/day' },
    'Drug.clearance': { section: 'drug', line: 'clearance {}' },
    'Drug.intercompartmentalClearance': { section: 'drug', line: 'intercompartmental_clearance {} peripheral_volume 5 L' },
    'Drug.vmax': { section: 'drug', line: 'vmax {} km 1 mg/L' },
    'Drug.km': { section: 'drug', line: 'km {} vmax 10 mg/day molar_mass 148 kDa' },
    'Drug.molarMass': { section: 'drug', line: 'molar_mass {}' },
    'Drug.ic50': { section: 'drug', replaces: 'ic50', line: 'ic50 {} molar_mass 148 kDa' },
    'Regimen.loading': { section: 'regimen', line: 'loading {}' },
    'Dosing.amount': { section: 'regimen', replaces: 'dose', line: 'dose {} every 2 weeks', rateLine: 'dose {}' },
    'Dosing.interval': { section: 'regimen', replaces: 'dose', line: 'dose 40 mg every {}' },
    // A taper's doses must land on its end in whole steps: one step, or two, whatever the unit.
    'Taper.high': { section: 'scenario', line: 'arm t { taper d from {} to 0 mg step {} every 2 weeks }', rangeLine: 'arm t { taper d from {} to 0 mg step 5 mg every 2 weeks }' },
    'Taper.low': { section: 'scenario', line: 'arm t { taper d from {2} to {} step {} every 2 weeks }', rangeLine: 'arm t { taper d from 10 mg to {} step 10 mg every 2 weeks }' },
    'Taper.step': { section: 'scenario', line: 'arm t { taper d from {2} to 0 mg step {} every 2 weeks }', rangeLine: 'arm t { taper d from 10 mg to 0 mg step {} every 2 weeks }' },
    // One step, so that `over` equals the step interval whatever the unit.
    'Taper.over': { section: 'scenario', line: 'arm t { taper d from 10 mg to 0 mg over {} step 10 mg every {} }' },
    'Taper.stepInterval': { section: 'scenario', line: 'arm t { taper d from 10 mg to 0 mg step 5 mg every {} }' },
    'Taper.doseInterval': { section: 'scenario', line: 'arm t { taper d from 10 mg to 0 mg step 5 mg every 2 weeks dosed every {} }' },
    'Taper.start': { section: 'scenario', line: 'arm t { taper d from 10 mg to 0 mg step 5 mg every 2 weeks starting {} }' },
    'Delivery.targeting': { section: 'regimen', line: 'delivery nanoparticle targeting {}' },
    'Delivery.release': { section: 'regimen', line: 'delivery hydrogel release {}' },
    'Condition.localExcess': { section: 'condition', line: 'local_excess {}' },
    'FoldEffect.fold': { section: 'condition', replaces: 'drives', line: 'drives TNF_alpha {}' },
    'DurationSpec.value': { section: 'scenario', replaces: 'duration', line: 'duration {}' },
    'SampleSpec.value': { section: 'scenario', line: 'sample every {}' },
    'Patient.age': { section: 'scenario', replaces: 'patient', line: 'patient { age {} sex male }' },
    'Patient.menopause': { section: 'scenario', replaces: 'patient', line: 'patient { age 60 years sex female menopause at {} }' },
    'Patient.weight': { section: 'scenario', replaces: 'patient', line: 'patient { age 60 years sex male weight {} }' },
    'Patient.height': { section: 'scenario', replaces: 'patient', line: 'patient { age 60 years sex male height {} }' },
    'ConditionUse.onset': { section: 'scenario', replaces: 'condition', line: 'condition c { onset at {} }' },
    'ConditionUse.resolves': { section: 'scenario', replaces: 'condition', line: 'condition c { resolves at {} }' },
    'Give.from': { section: 'scenario', replaces: 'arm a', line: 'arm a { give R from {} }' },
    'Give.until': { section: 'scenario', replaces: 'arm a', line: 'arm a { give R from 0 months until {} }' },
    'Infuse.rate': { section: 'scenario', line: 'arm i { infuse OPG at {} }' },
    'Infuse.from': { section: 'scenario', line: 'arm i { infuse OPG at 2e5 pM/day from {} }' },
    'Infuse.until': { section: 'scenario', line: 'arm i { infuse OPG at 2e5 pM/day from 0 days until {} }' },
    'Report.times': { section: 'scenario', line: 'report at {}' }
};

const BASE: Record<Place['section'], string[]> = {
    drug: ['class anti_TNF', 'route subcutaneous', 'mechanism neutralizes TNF_alpha', 'half_life 14 days', 'volume 8 L', 'ic50 1 mg/L', 'iu_per_mg 1000'],
    regimen: ['drug d', 'dose 40 mg every 2 weeks'],
    condition: ['scope systemic', 'drives TNF_alpha x 2'],
    scenario: ['duration 2 years', 'patient { age 60 years sex male }', 'condition c', 'arm a { give R from 0 months }']
};

/** A value as written: `0.5 mg`, a bare `0.5` or a fold `x 0.5`, for any number. */
type Writing = (n: number) => string;

function documentWith(place: Place, written: Writing, n: number, line = place.line): { text: string; line: number } {
    const rate = lookupUnit(written(n).split(' ').slice(1).join(' '))?.dimension === 'massRate';
    const marked = (rate && place.rateLine ? place.rateLine : line).replaceAll('{2}', written(2 * n)).replaceAll('{}', written(n));
    const lines = (section: Place['section']) => {
        if (section !== place.section) return BASE[section];
        const kept = BASE[section].filter(l => !place.replaces || !l.startsWith(place.replaces));
        return [...kept, marked];
    };
    const block = (head: string, section: Place['section']) => `${head} {\n${lines(section).map(l => `    ${l}`).join('\n')}\n}`;
    const text = [block('drug d "a test drug"', 'drug'), block('regimen R', 'regimen'), block('condition c "a test condition"', 'condition'), block('scenario S "t"', 'scenario')].join('\n\n');
    return { text, line: text.split('\n').findIndex(l => l.trim() === marked) };
}

interface Outcome { readonly errorsAtValue: string[]; readonly errorsElsewhere: string[]; readonly compileError?: string }

async function outcome(place: Place, written: Writing, n: number, line?: string): Promise<Outcome> {
    const { text, line: at } = documentWith(place, written, n, line);
    const { document, diagnostics } = await validate(text);
    const errors = (diagnostics ?? []).filter(d => d.severity === 1);
    let compileError: string | undefined;
    try {
        compileSelection(document.parseResult.value);
    } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        compileError = error.message;
    }
    return {
        errorsAtValue: errors.filter(d => d.range.start.line === at).map(d => d.message),
        errorsElsewhere: errors.filter(d => d.range.start.line !== at).map(d => d.message),
        compileError
    };
}

/** One unit of every dimension, a bare number and a fold; `accepted` by the slot or not. */
function writings(slot: QuantitySlot): Array<{ written: Writing; accepted: boolean }> {
    const byDimension = new Map<Dimension, string>();
    for (const unit of allUnits()) if (!byDimension.has(unit.dimension)) byDimension.set(unit.dimension, unit.name);
    // The slot's own unit stands for its dimension; the time units are tried in every size.
    if (slot.dimensions.includes('time')) byDimension.delete('time');
    return [
        ...[...byDimension].map(([dimension, unit]) => ({ written: (n: number) => `${n} ${unit}`, accepted: slot.dimensions.includes(dimension) })),
        ...(slot.dimensions.includes('time') ? ['hours', 'days', 'weeks', 'months', 'years'].map(u => ({ written: (n: number) => `${n} ${u}`, accepted: true })) : []),
        // A bare number is a fraction or a fold; any other slot that takes one takes 0 alone.
        { written: (n: number) => `${n}`, accepted: !!slot.bare && slot.dimensions.some(d => d === 'fraction' || d === 'fold') },
        { written: (n: number) => `x ${n}`, accepted: slot.dimensions.includes('fold') }
    ];
}

const SLOTS = Object.entries(QUANTITY_TABLE).flatMap(([owner, properties]) =>
    Object.entries(properties).map(([property, slot]) => ({ id: `${owner}.${property}`, slot: slot as QuantitySlot })));

describe('one table of quantities: the validator and the compiler agree on every slot', () => {
    test('every slot of the table is tried here', () => {
        expect(SLOTS.map(s => s.id).filter(id => !PLACES[id])).toEqual([]);
    });

    test('the base document validates and compiles', async () => {
        const result = await outcome({ section: 'drug', line: 'emax {}' }, n => `${n} %`, 100);
        expect(result).toEqual({ errorsAtValue: [], errorsElsewhere: [], compileError: undefined });
    });

    for (const { id, slot } of SLOTS) {
        test(id, async () => {
            const place = PLACES[id];
            const problems: string[] = [];
            // A value inside every slot's range: 0.5 is a fraction, a short time, a positive amount.
            for (const { written: writing, accepted } of writings(slot)) {
                const written = writing(0.5);
                const result = await outcome(place, writing, 0.5);
                const validated = result.errorsAtValue.length === 0 && result.errorsElsewhere.length === 0;
                if (validated && result.compileError) problems.push(`${written}: no error while typing, but the compiler says: ${result.compileError}`);
                if (!accepted && result.errorsAtValue.length === 0) problems.push(`${written}: the table does not accept it, but the validator says nothing at the value`);
                if (!accepted && !result.compileError) problems.push(`${written}: the table does not accept it, but the compiler compiles it`);
                if (accepted && result.errorsAtValue.length > 0) problems.push(`${written}: the table accepts it, but the validator says: ${result.errorsAtValue.join('; ')}`);
            }
            // Ranges: 0 and a negative value in the slot's own unit.
            for (const n of [0, -1]) {
                const writing: Writing = m => slot.bare && slot.unit === 'x' ? `x ${m}` : `${m} ${slot.unit}`;
                const written = writing(n);
                const result = await outcome(place, writing, n, place.rangeLine);
                const validated = result.errorsAtValue.length === 0 && result.errorsElsewhere.length === 0;
                if (validated && result.compileError) problems.push(`${written}: no error while typing, but the compiler says: ${result.compileError}`);
            }
            expect(problems).toEqual([]);
        });
    }
});
