import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCampaign, runCampaign, type Campaign } from './campaign.js';

/**
 * A fixed-seed slice of the fuzzer (`npm run fuzz` runs the long campaigns): mutants of every
 * example, anchor and fixture go through the checker, the editor services and the simulator, and
 * each must end in diagnostics or results. Slowness is printed, not asserted (the machine is shared).
 */
const SEED = 20240611;
const CASES = 200;

let campaign: Campaign;
beforeAll(async () => {
    campaign = await createCampaign(path.resolve(__dirname, '../..'), {
        slowMs: Infinity, simulateBudgetMs: 250, maxWork: 4000, offsets: 2
    });
});
afterAll(() => campaign?.dispose());

describe('fuzzing (fixed seed)', () => {
    test(`${CASES} mutants end in diagnostics or results, never an exception, a bad range or NaN`, async () => {
        const summary = await runCampaign(campaign, SEED, CASES);
        const found = summary.found.map(f => `case ${f.index} (${f.source}, ${f.mutation}): ${f.report.failures.map(x => `${x.kind} [${x.stage}] ${x.detail.split('\n')[0]}`).join('; ')}`);
        expect(found).toEqual([]);
        const endings = Object.entries(summary.endings).map(([k, v]) => `${k} ${v}`).join(', ');
        console.log(`fuzz slice: ${summary.cases} cases in ${summary.seconds.toFixed(1)} s (${endings}); slowest case ${summary.slowest?.index} `
            + `(${summary.slowest?.source}, ${summary.slowest?.mutation}) ${Math.round(summary.slowest?.ms ?? 0)} ms`);
        // The slice must reach every stage, or it proves nothing about the simulator.
        expect(summary.endings.errors ?? 0).toBeGreaterThan(CASES / 4);
        expect(summary.endings.results ?? 0).toBeGreaterThan(0);
    }, 120_000);
});
