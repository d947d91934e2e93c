/**
 * Dosing shorthands (docs/language.md, "Dosing shorthands"): each compiles to exactly the dose events of the
 * long form it stands for, and a taper to the events of its written-out steps.
 */
import { describe, expect, test } from 'vitest';
import { isScenario, type Model } from '../../language/src/generated/ast.js';
import { compileScenario } from '../../language/src/compiler/index.js';
import { createTestServices } from '../language/test-services.js';

const { parse } = await createTestServices();

async function dosesOf(give: string, duration = '12 weeks', patient = '') {
    const document = await parse(`scenario S { duration ${duration} ${patient} arm a { ${give} } }`);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    const scenario = (document.parseResult.value as Model).declarations.find(isScenario)!;
    return compileScenario(scenario).arms[0].doses;
}

describe('dosing shorthands expand to the long form', () => {
    test.each([
        ['daily', 'every 1 day'],
        ['twice daily', 'every 12 hours'],
        ['bid', 'every 12 hours'],
        ['three times daily', 'every 8 hours'],
        ['tid', 'every 8 hours'],
        ['weekly', 'every 1 week'],
        ['every other week', 'every 2 weeks'],
        ['every other day', 'every 2 days'],
        ['q2w', 'every 2 weeks'],
        ['q4w', 'every 4 weeks'],
        ['q12h', 'every 12 hours'],
        ['q6m', 'every 6 months']
    ])('give tofacitinib 5 mg %s ≡ %s', async (shorthand, longForm) => {
        const duration = shorthand === 'q6m' ? '3 years' : '12 weeks';
        const short = await dosesOf(`give tofacitinib 5 mg ${shorthand}`, duration);
        const long = await dosesOf(`give tofacitinib 5 mg ${longForm}`, duration);
        expect(short.length).toBeGreaterThan(1);
        expect(short).toEqual(long);
    });

    test('a rate in a regimen is a dose per interval: 10 mg/day ≡ 10 mg every 1 day, 70 mg/week ≡ 70 mg every 1 week', async () => {
        expect(await dosesOf('give prednisone 10 mg/day')).toEqual(await dosesOf('give prednisone 10 mg every 1 day'));
        expect(await dosesOf('give alendronate 70 mg/week')).toEqual(await dosesOf('give alendronate 70 mg every 1 week'));
    });

    test('micrograms in every spelling are the same dose; mcg is never mg', async () => {
        const mcg = await dosesOf('give teriparatide 20 mcg daily');
        expect(mcg[0].amountMg).toBeCloseTo(0.02, 12);
        for (const spelling of ['ug', 'µg', 'μg']) expect(await dosesOf(`give teriparatide 20 ${spelling} daily`)).toEqual(mcg);
    });

    test('mg/m² doses use the Mosteller body surface area of the patient (height and weight)', async () => {
        const doses = await dosesOf('give methotrexate 15 mg/m2 weekly', '4 weeks', 'patient { weight 64 kg height 169 cm }');
        // BSA = √(169 · 64 / 3600) = 1.7333 m²
        expect(doses[0].amountMg).toBeCloseTo(15 * Math.sqrt(169 * 64 / 3600), 10);
        expect(doses[0].scaling).toEqual({ per: 'm2', amount: 15 });
        const superscript = await dosesOf('give methotrexate 15 mg/m² weekly', '4 weeks', 'patient { weight 64 kg height 1.69 m }');
        expect(superscript[0].amountMg).toBeCloseTo(doses[0].amountMg, 10);
    });
});

describe('taper', () => {
    test('taper prednisone from 10 mg to 0 mg over 8 weeks step 2.5 mg every 2 weeks ≡ four written-out steps', async () => {
        const taper = await dosesOf('taper prednisone from 10 mg to 0 mg over 8 weeks step 2.5 mg every 2 weeks');
        const long = await dosesOf([
            'give prednisone 10 mg daily from 0 weeks until 2 weeks',
            'give prednisone 7.5 mg daily from 2 weeks until 4 weeks',
            'give prednisone 5 mg daily from 4 weeks until 6 weeks',
            'give prednisone 2.5 mg daily from 6 weeks until 8 weeks'
        ].join(' '));
        expect(taper).toEqual(long);
        expect(taper).toHaveLength(56);
        expect(taper.at(-1)).toMatchObject({ timeDays: 55, amountMg: 2.5 });
    });

    test('a taper to a maintenance dose keeps it until the end; a start time shifts every step', async () => {
        const taper = await dosesOf('taper prednisone from 15 mg to 5 mg step 5 mg every 4 weeks starting 2 weeks');
        const long = await dosesOf([
            'give prednisone 15 mg daily from 2 weeks until 6 weeks',
            'give prednisone 10 mg daily from 6 weeks until 10 weeks',
            'give prednisone 5 mg daily from 10 weeks'
        ].join(' '));
        expect(taper).toEqual(long);
    });

    test('a taper whose over disagrees with its steps is refused with the numbers', async () => {
        await expect(dosesOf('taper prednisone from 10 mg to 0 mg over 6 weeks step 2.5 mg every 2 weeks')).rejects.toThrow(/4 steps of 14 days take 56 days, not the 42 days/);
    });
});
