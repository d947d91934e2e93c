/**
 * The per-check anchor framework (anchor-cases.ts) on made-up anchors: a passing check passes, a
 * known miss that starts passing fails, a crash or a stale miss list fails, and the margin reported
 * in docs/model.md is measured in tolerance units.
 */
import { describe, expect, test } from 'vitest';
import { evidenceOf, margin, type Anchor, type ArmRunner, type Check } from '../../scripts/calibration/anchors.js';
import { anchorCases } from './anchor-cases.js';

const run: ArmRunner = () => { throw new Error('no arms in this test'); };
const check = (label: string, value: number, lo = 0, hi = 1): Check => ({ label, value, lo, hi, unit: '' });
const anchor = (checks: () => Check[], extra: Partial<Anchor> = {}): Anchor =>
    ({ id: 'RX', type: 'C', file: 'rx.osteo', scenario: 'X', expected: '', source: '', weight: 1, checks, ...extra });
const outcome = (a: Anchor) => anchorCases(a, run).map(c => {
    try { c.verify(); return `${c.name}: ok`; } catch (error) { return `${c.name}: FAIL ${(error as Error).message}`; }
});

describe('anchor cases', () => {
    test('a met check passes and an unmet one fails with its value and band', () => {
        const [met, unmet] = outcome(anchor(() => [check('a', 0.5), check('b', 2)]));
        expect(met).toMatch(/: ok$/);
        expect(unmet).toMatch(/FAIL RX b = 2 , pass band \[0, 1\]: MISSES/);
    });

    test('in a known miss, the checks it meets still have to pass', () => {
        const results = outcome(anchor(() => [check('a', 5), check('b', 2)], { knownMiss: 'why', missedChecks: ['b'] }));
        expect(results[0]).toMatch(/^RX a within .*FAIL .*MISSES/);
        expect(results[1]).toMatch(/^RX b: KNOWN MISS — why: ok$/);
    });

    test('a known miss that now passes fails, asking for the table to be updated', () => {
        const [r] = outcome(anchor(() => [check('b', 0.5)], { knownMiss: 'why', missedChecks: ['b'] }));
        expect(r).toMatch(/now PASSES — remove it from RX.missedChecks/);
    });

    test('a missed check that is not a number is a broken reading, not a miss', () => {
        const [r] = outcome(anchor(() => [check('b', NaN)], { knownMiss: 'why', missedChecks: ['b'] }));
        expect(r).toMatch(/FAIL .*not a number/);
    });

    test('a crash while reading the anchor always fails, known miss or not', () => {
        for (const extra of [{}, { knownMiss: 'why', missedChecks: ['b'] }]) {
            const results = outcome(anchor(() => { run('X', 'arm'); return []; }, extra));
            expect(results).toEqual(['RX: reads its scenario: FAIL RX could not be read from tests/anchors/rx.osteo: no arms in this test']);
        }
    });

    test('a stale or incomplete miss list fails', () => {
        expect(outcome(anchor(() => [check('a', 2)], { knownMiss: 'why' })).some(r => /names its missed checks: FAIL/.test(r))).toBe(true);
        expect(outcome(anchor(() => [check('a', 2)], { missedChecks: ['a'] })).some(r => /says why it misses: FAIL/.test(r))).toBe(true);
        expect(outcome(anchor(() => [check('a', 2)], { knownMiss: 'why', missedChecks: ['a', 'gone'] })).some(r => /'gone' exists: FAIL/.test(r))).toBe(true);
        expect(outcome(anchor(() => [])).some(r => /has checks: FAIL/.test(r))).toBe(true);
        expect(outcome(anchor(() => [check('a', 0.5), check('a', 0.5)])).some(r => /unique: FAIL/.test(r))).toBe(true);
    });
});

describe('margin in tolerance units', () => {
    test('two-sided: 1 at the target, 0 at an edge, negative outside, scaled per side', () => {
        expect(margin({ label: '', value: 5, lo: 4, hi: 6, target: 5, unit: '' })).toBeCloseTo(1, 12);
        expect(margin({ label: '', value: 4, lo: 4, hi: 6, target: 5, unit: '' })).toBeCloseTo(0, 12);
        expect(margin({ label: '', value: 3.5, lo: 4, hi: 6, target: 5, unit: '' })).toBeCloseTo(-0.5, 12);
        // Asymmetric band (R13's 3.7 … 7.6 around 5.7): each side has its own unit.
        expect(margin({ label: '', value: 7.1, lo: 3.7, hi: 7.6, target: 5.7, unit: '' })).toBeCloseTo(0.5 / 1.9, 12);
        expect(margin({ label: '', value: 4.7, lo: 3.7, hi: 7.6, target: 5.7, unit: '' })).toBeCloseTo(0.5, 12);
    });

    test('one-sided: distance from the bound over the scale', () => {
        expect(margin({ label: '', value: 1.5, lo: 1, hi: Infinity, scale: 0.25, unit: '' })).toBeCloseTo(2, 12);
        expect(margin({ label: '', value: 0.8, lo: -Infinity, hi: 1, scale: 0.1, unit: '' })).toBeCloseTo(2, 12);
        expect(margin({ label: '', value: NaN, lo: 0, hi: 1, unit: '' })).toBeNaN();
    });
});

describe('evidence of an anchor', () => {
    test('fitted anchors are in-sample, unfitted ones out-of-sample, identities named as such', () => {
        expect(evidenceOf(anchor(() => [], { weight: 1 }))).toBe('in-sample');
        expect(evidenceOf(anchor(() => [], { weight: 0 }))).toBe('out-of-sample');
        expect(evidenceOf(anchor(() => [], { weight: 1, identity: 'fitted alone' }))).toBe('identity');
    });
});
