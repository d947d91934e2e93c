/**
 * The anchor scenarios of tests/anchors/, parsed, validated and compiled by the real services and
 * simulated once per arm with the model's calibrated parameter table.
 */
import * as path from 'node:path';
import { loadAnchorScenarios } from '../../scripts/calibration/load-anchors.js';
import { createRunner } from '../../scripts/calibration/objective.js';
import type { ArmRunner } from '../../scripts/calibration/anchors.js';

export async function anchorRunner(): Promise<ArmRunner> {
    const scenarios = await loadAnchorScenarios(path.resolve(__dirname, '../anchors'));
    return createRunner(scenarios);
}
