import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunResult } from '../../simulator/results.js';
import { osteo } from './cli-process.js';

/** A dose-finding or start-time grid written out by hand: 50 arms in one scenario. */
const ARMS = 50;
const SCENARIO = `scenario StartGrid {
    duration 1 year
    sample every 1 week
    condition rheumatoid_arthritis { severity high }
${Array.from({ length: ARMS }, (_, i) => `    arm start_week_${i} { give adalimumab ${20 + (i % 5) * 10} mg every 2 weeks from ${i} weeks }`).join('\n')}
}
`;

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'osteo-arms-'));
    writeFileSync(join(dir, 'grid.osteo'), SCENARIO);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('50 arms', () => {
    test('osteo run returns every arm, each with the full series', () => {
        const r = osteo(dir, ['run', 'grid.osteo', '--format', 'json'], 120_000);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const result: RunResult = JSON.parse(r.stdout);
        const arms = result.scenarios[0].arms;
        expect(arms.map(a => a.name)).toEqual(Array.from({ length: ARMS }, (_, i) => `start_week_${i}`));
        for (const arm of arms) {
            expect(arm.series['drug.adalimumab'], arm.name).toHaveLength(arm.time.length);
            expect(Object.values(arm.series).flat().every(Number.isFinite), arm.name).toBe(true);
        }
        // Later starts leave the hip exposed longer: the first arm ends with more bone than the last.
        expect(arms[0].summary['bmd.total_hip'].end).toBeGreaterThan(arms[ARMS - 1].summary['bmd.total_hip'].end);
        const solve = arms.reduce((s, a) => s + a.stats.solveSeconds, 0);
        console.log(`50 arms over 1 year: ${Math.round(r.ms)} ms for osteo run (solver ${solve.toFixed(2)} s)`);
    }, 150_000);
});
