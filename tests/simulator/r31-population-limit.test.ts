/**
 * Why R31 (a single remodelling event: formation over 3–4 months) stays a known miss: in the Pivonka population
 * core the formation phase after a RANKL pulse is set by the active-osteoblast life span, and lengthening that
 * life span far enough to approach a BMU's months of formation breaks the published load cases the core
 * reproduces (R05 PTH infusion, R07 OPG infusion). The reason stated in scripts/calibration/anchors.ts, re-run.
 */
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ANCHORS, evaluateAnchors } from '../../scripts/calibration/anchors.js';
import { loadAnchorScenarios } from '../../scripts/calibration/load-anchors.js';
import { createRunner } from '../../scripts/calibration/objective.js';
import { resolveParameters } from '../../simulator/index.js';

const scenarios = await loadAnchorScenarios(path.resolve(__dirname, '../anchors'));
const core = ANCHORS.filter(a => ['R05', 'R07', 'R31'].includes(a.id));

function outcomes(obApoptosis?: number) {
    const values = resolveParameters(obApoptosis === undefined ? {} : { ob_apoptosis: obApoptosis });
    const byId = new Map(evaluateAnchors(createRunner(scenarios, values), core).map(o => [o.anchor.id, o]));
    const formation = byId.get('R31')!.checks.find(c => c.label === 'formation phase')!.value;
    return { formation, r05: byId.get('R05')!.pass, r07: byId.get('R07')!.pass };
}

describe('R31 is out of reach of a population model', () => {
    test('with the published osteoblast life span the load cases hold and formation lasts about a month', () => {
        const o = outcomes();
        expect(o.r05 && o.r07).toBe(true);
        expect(o.formation).toBeLessThan(40);
    });

    test('a life span long enough to lengthen formation towards months breaks R05 and R07', () => {
        const longer = outcomes(0.05), longest = outcomes(0.025);
        expect(longer.formation).toBeGreaterThan(45);
        expect(longer.r05 || longer.r07).toBe(false);
        expect(longest.formation).toBeGreaterThan(80);
        expect(longest.formation).toBeLessThan(90);
        expect(longest.r05 || longest.r07).toBe(false);
    });
});
