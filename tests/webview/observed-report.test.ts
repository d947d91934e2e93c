import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROOT } from '../cli/bundle.js';
import { bundlesDir, launch, SCREENSHOTS, watchProblems } from './browser.js';

/** A trial's hip BMD per arm, with standard errors: points with error bars on the hip chart. */
const CSV = `# Synthetic means for the observed-data report test.
month,bmd_pct,se,arm
0,0.0,0.2,denosumab
12,3.2,0.4,denosumab
24,4.4,0.5,denosumab
36,5.0,0.6,denosumab
0,0.0,0.2,placebo
12,0.0,0.4,placebo
24,-0.7,0.5,placebo
36,-1.4,0.6,placebo
`;

const OSTEO = `data Hip "Trial: total hip BMD" {
    file "hip.csv"
    time column "month" in months
    value column "bmd_pct"
    error column "se" as se
    group column "arm"
}

scenario Observed "Observed hip BMD" {
    duration 36 months
    patient { age 70 years sex female menopause at 50 years }
    condition aging { }
    arm placebo { }
    arm denosumab { give denosumab 60 mg every 6 months from 0 months }
    report bmd at lumbar_spine
    observe bmd at total_hip in denosumab from Hip where "denosumab"
    observe bmd at total_hip in placebo from Hip where "placebo"
}
`;

let browser: Browser;
let dir: string;
let report: string;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-observed-'));
    fs.writeFileSync(path.join(dir, 'hip.csv'), CSV);
    fs.writeFileSync(path.join(dir, 'observed.osteo'), OSTEO);
    report = path.join(dir, 'observed.html');
    const r = spawnSync(process.execPath, [path.join(bundlesDir(ROOT), 'cli.js'), 'report', path.join(dir, 'observed.osteo'), '--out', report], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    browser = await launch();
}, 240_000);

afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('observed data in the report', () => {
    test('the hip chart shows every observed point, the legend names them, and a goodness-of-fit table follows', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems = watchProblems(page);
        await page.goto(`file://${report}`);
        await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });

        // The observed series' chart is shown with the reported one, not behind "More charts".
        const shown = await page.$$eval('.osteo-results > .charts > figure.chart', f => f.map(e => e.getAttribute('data-chart-id')));
        expect(shown).toEqual(['bmd-lumbar_spine', 'bmd-total_hip']);
        const hip = page.locator('figure[data-chart-id="bmd-total_hip"] .plot');
        // All 8 points fall inside the plot area (the value axis makes room for the error bars).
        expect(await hip.getAttribute('data-observed-drawn')).toBe('8');
        const legend = await hip.locator('.u-legend .u-label').allTextContents();
        expect(legend).toEqual(expect.arrayContaining(['Hip “denosumab” (observed)', 'Hip “placebo” (observed)']));

        const rows = await page.$$eval('table.goodness-table tbody tr', trs => trs.map(tr => [...tr.querySelectorAll('th, td')].map(c => c.textContent)));
        expect(rows.map(r => r.slice(0, 2))).toEqual([['denosumab', 'Hip “denosumab”'], ['placebo', 'Hip “placebo”'], ['All', '8']]);
        expect(rows[0][3]).toBe('4');
        for (const row of rows) expect(Number(row.at(-1))).toBeGreaterThanOrEqual(0);

        // Hiding an arm hides its observed points too.
        await page.click('.arm-toggle:has-text("placebo")');
        await page.waitForFunction(() => document.querySelector('figure[data-chart-id="bmd-total_hip"] .plot')?.getAttribute('data-observed-drawn') === '4');

        for (const width of [1280, 480]) {
            await page.setViewportSize({ width, height: 900 });
            await page.waitForTimeout(200);
            await page.locator('figure[data-chart-id="bmd-total_hip"]').screenshot({ path: path.join(SCREENSHOTS, `observed-hip-${width}.png`) });
        }
        expect(problems).toEqual([]);
        await page.close();
    });
});
