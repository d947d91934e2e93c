import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../cli/bundle.js';
import { bundlesDir, launch, paintedCanvases, SCREENSHOTS, watchProblems } from './browser.js';

/*
 * The model's examples as a reader of the README sees them (issue 11: "anabolic, long-term, stopped and glucocorticoid
 * scenarios in examples/ show the behaviour with a screenshot"): each example's HTML report opens, draws its charts,
 * and its summary table says what the example's comment promises. `npm run screenshots` keeps the README's pictures.
 */

let bundles: string;
let browser: Browser;
let dir: string;

function report(example: string): string {
    const out = path.join(dir, `${example}.html`);
    const r = spawnSync(process.execPath, [path.join(bundles, 'cli.js'), 'report', path.join(ROOT, 'examples', `${example}.osteo`), '--out', out],
        { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    return out;
}

/** The summary table of `series` as the page shows it: arm → the "End" column's number. */
async function endValues(page: Page, series: string): Promise<Record<string, number>> {
    const rows = await page.$$eval(`table.summary-table[data-series="${series}"] tbody tr`, trs => trs.map(tr =>
        [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()] as const));
    return Object.fromEntries(rows.map(([arm, end]) => [arm, Number(end.replace('−', '-'))]));
}

async function open(file: string, shot: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const problems = watchProblems(page);
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });
    for (const painted of await paintedCanvases(page)) expect(painted).toBeGreaterThan(1000);
    await page.screenshot({ path: path.join(SCREENSHOTS, shot), fullPage: false });
    return { page, problems };
}

beforeAll(async () => {
    bundles = bundlesDir(ROOT);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-model-examples-'));
    browser = await launch();
}, 240_000);

afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the model examples, as their reports show them', () => {
    test('anabolic window: daily teriparatide builds spine bone, continuous PTH loses it, romosozumab gains most', async () => {
        const { page, problems } = await open(report('anabolic-window'), 'model-anabolic.png');
        const spine = await endValues(page, 'bmd.lumbar_spine');
        expect(spine.teriparatide_daily).toBeGreaterThan(spine.placebo + 5);
        expect(spine.continuous_pth).toBeLessThan(spine.placebo);
        expect(spine.romosozumab_then_denosumab).toBeGreaterThan(spine.teriparatide_daily);
        expect(problems).toEqual([]);
        await page.close();
    }, 180_000);

    test('glucocorticoids: bone is lost on prednisone, partly regained on stopping, and treatment on top gains', async () => {
        const { page, problems } = await open(report('glucocorticoid-treated'), 'model-glucocorticoid.png');
        const spine = await endValues(page, 'bmd.lumbar_spine');
        expect(spine.prednisone).toBeLessThan(-1);
        expect(spine.prednisone_stopped).toBeGreaterThan(spine.prednisone);
        expect(spine.with_teriparatide).toBeGreaterThan(0);
        expect(spine.with_alendronate).toBeGreaterThan(0);
        expect(problems).toEqual([]);
        await page.close();
    }, 180_000);

    test('long-term and stopped antiresorptives: a stopped bisphosphonate keeps part of its gain, the order of a sequence matters', async () => {
        const { page, problems } = await open(report('long-term-antiresorptives'), 'model-long-term.png');
        const spine = await endValues(page, 'bmd.lumbar_spine'), hip = await endValues(page, 'bmd.total_hip');
        // Ten years: alendronate stopped at 5 years keeps most of its gain over placebo (the drug stays in bone), less than continuing.
        expect(spine.alendronate_5_years_then_stop).toBeGreaterThan(spine.placebo + 5);
        expect(spine.alendronate_10_years).toBeGreaterThan(spine.alendronate_5_years_then_stop + 1);
        // Denosumab stopped at 5 years gives back far more of its gain than alendronate stopped at 5 years.
        expect(spine.denosumab_5_years_then_stop).toBeLessThan(spine.alendronate_5_years_then_stop - 3);
        // Sequences: teriparatide then denosumab ends higher at the hip than the reverse order; zoledronate after denosumab keeps more.
        expect(hip.teriparatide_then_denosumab).toBeGreaterThan(hip.denosumab_then_teriparatide + 1);
        expect(spine.denosumab_then_zoledronate).toBeGreaterThan(spine.denosumab_stopped + 1);
        expect(problems).toEqual([]);
        await page.close();
    }, 180_000);
});
