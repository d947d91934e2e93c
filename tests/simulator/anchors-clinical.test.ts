/**
 * Every anchor of docs/model.md §4 (model.md §8), check by check: each runs its tests/anchors/*.osteo
 * scenario through parse → compile → simulate with the calibrated parameter table. A check the model
 * meets must pass; a check listed as a known miss must miss (so a fix shows up); an anchor that cannot
 * be read fails (tests/simulator/anchor-cases.ts). The core anchors R04/R05/R07/R12 are also checked
 * independently of this table in anchors-mechanistic.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ANCHORS, evaluateAnchors, type ArmRunner } from '../../scripts/calibration/anchors.js';
import { anchoredMechanisms } from '../../scripts/calibration/anchored-mechanisms.js';
import { loadAnchorScenarios } from '../../scripts/calibration/load-anchors.js';
import anchored from '../../simulator/model/anchored-mechanisms.json';
import { anchorRunner } from './anchor-runs.js';
import { anchorCases } from './anchor-cases.js';

const run: ArmRunner = await anchorRunner();

describe('anchor table', () => {
    test('every scenario in tests/anchors is read by some anchor, and every anchor names an existing file', () => {
        const files = fs.readdirSync(path.resolve(__dirname, '../anchors')).filter(f => f.endsWith('.osteo')).sort();
        const used = new Set(ANCHORS.map(a => a.file));
        expect(files.filter(f => !used.has(f))).toEqual([]);
        expect([...used].filter(f => !files.includes(f))).toEqual([]);
    });

    // Hover and reports mark as exploratory every mechanism missing from this list (simulator/pharmacology.ts).
    test('the anchored-mechanism list is the one the anchors give now (`npm run docs:model` rewrites it)', async () => {
        const scenarios = await loadAnchorScenarios(path.resolve(__dirname, '../anchors'));
        expect(anchored.mechanisms).toEqual(anchoredMechanisms(scenarios, evaluateAnchors(run)));
    });

    test('anchor ids are unique', () => {
        const ids = ANCHORS.map(a => a.id);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    });
});

for (const anchor of ANCHORS) {
    describe(`${anchor.id} (${anchor.type}, ${anchor.file}): ${anchor.expected}`, () => {
        for (const c of anchorCases(anchor, run)) test(c.name, c.verify);
    });
}
