/**
 * Clinical and qualitative anchors of model.md §8 (R04/R05/R07 and the core's R12/R31 checks are in
 * anchors-mechanistic.test.ts): each runs its tests/anchors/*.osteo scenario through parse → compile →
 * simulate and asserts every readout inside the tolerance the spec states. An anchor the model
 * cannot meet is a known miss: its test is expected to fail, with the reason in its name, so that a
 * model change that meets it shows up.
 */
import { describe, expect, test } from 'vitest';
import { ANCHORS, type Anchor, type ArmRunner } from '../../scripts/calibration/anchors.js';
import { anchorRunner } from './anchor-runs.js';

const CLINICAL = ['R08', 'R11', 'R12', 'R13', 'R15', 'R16', 'R18', 'R19', 'R22', 'R23', 'R25', 'R27', 'R29', 'R31', 'R33', 'R34'];

const run: ArmRunner = await anchorRunner();

function expectMet(anchor: Anchor): void {
    for (const c of anchor.checks(run)) {
        const where = `${anchor.id} ${c.label} = ${c.value} ${c.unit}, expected in [${c.lo}, ${c.hi}]`;
        expect(Number.isFinite(c.value), where).toBe(true);
        expect(c.value, where).toBeGreaterThanOrEqual(c.lo);
        expect(c.value, where).toBeLessThanOrEqual(c.hi);
    }
}

describe('clinical anchors of model.md §8', () => {
    test('every anchor of §8 has a definition and a scenario', () => {
        const ids = ANCHORS.map(a => a.id);
        for (const id of [...CLINICAL, 'R04', 'R05', 'R07']) expect(ids).toContain(id);
    });

    for (const id of CLINICAL) {
        const anchor = ANCHORS.find(a => a.id === id)!;
        const name = `${id} (${anchor.type}, ${anchor.file}): ${anchor.expected}`;
        if (anchor.knownMiss) test.fails(`${name} — KNOWN MISS: ${anchor.knownMiss}`, () => expectMet(anchor));
        else test(name, () => expectMet(anchor));
    }
});
