import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROOT } from '../cli/bundle.js';
import { bundlesDir, launch, paintedCanvases, SCREENSHOTS, watchProblems } from './browser.js';

/**
 * The fit panel as a page (`osteo fit --format html`, drawn by the same script as the VS Code panel):
 * a one-parameter fit to five spine BMD means with errors, small enough to run in the suite.
 */
const CSV = 'month,bmd,sd\n0,0,0.5\n6,-1.1,0.5\n12,-2.0,0.5\n18,-2.6,0.5\n24,-3.1,0.5\n';
const OSTEO = `data Spine {
    file "spine.csv"
    time column "month" in months
    value column "bmd"
    error column "sd" as sd
}

scenario S {
    duration 2 years
    patient { menopause at 50 years }
    condition postmenopausal_osteoporosis
    observe bmd at lumbar_spine from Spine
    fit Gain {
        estimate bmd_goc_lumbar_spine from 0.05 to 2 log
        starts 2
    }
}
`;

let browser: Browser;
let dir: string;
let page: string;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-fit-panel-'));
    fs.writeFileSync(path.join(dir, 'spine.csv'), CSV);
    fs.writeFileSync(path.join(dir, 'fit.osteo'), OSTEO);
    page = path.join(dir, 'fit.html');
    const r = spawnSync(process.execPath, [path.join(bundlesDir(ROOT), 'cli.js'), 'fit', path.join(dir, 'fit.osteo'), '--format', 'html', '--out', page, '--quiet'],
        { encoding: 'utf8', timeout: 600_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    browser = await launch();
}, 660_000);

afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the fit panel', () => {
    test('estimates with intervals, observed vs fitted, residuals, the profile and each start, at two widths', async () => {
        for (const width of [1280, 520]) {
            const tab = await browser.newPage({ viewport: { width, height: 900 } });
            const problems = watchProblems(tab);
            await tab.goto(`file://${page}`);
            await tab.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });

            const estimate = await tab.$$eval('table.estimates-table tbody tr', rows => rows.map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent)));
            expect(estimate).toHaveLength(1);
            expect(estimate[0][0]).toBe('bmd_goc_lumbar_spine');
            const [lo, hi] = estimate[0][3]!.split(' – ').map(Number);
            expect(lo).toBeLessThan(Number(estimate[0][2]));
            expect(hi).toBeGreaterThan(Number(estimate[0][2]));
            expect(estimate[0][7]).toBe('yes');
            // No Apply button outside VS Code: the page cannot write into the file.
            expect(await tab.$$('button.apply')).toHaveLength(0);

            const charts = await tab.$$eval('figure.chart', f => f.map(e => e.getAttribute('data-chart-id')));
            expect(charts).toEqual(['fit-bmd_lumbar_spine', 'residuals', 'profile-0']);
            expect(await tab.$$eval('.plot[data-drawn="true"]', p => p.length)).toBe(3);
            for (const painted of await paintedCanvases(tab)) expect(painted).toBeGreaterThan(500);
            // All five observed points sit inside the observed-vs-fitted chart.
            expect(await tab.getAttribute('figure[data-chart-id="fit-bmd_lumbar_spine"] .plot', 'data-observed-drawn')).toBe('5');

            const starts = await tab.$$eval('table.starts-table tbody tr', rows => rows.map(r => r.getAttribute('data-converged')));
            expect(starts).toHaveLength(2);
            expect(await tab.$eval('table.starts-table tbody tr.best th', th => th.textContent)).toMatch(/\(best\)$/);
            // Nothing overflows the page sideways at a narrow width.
            expect(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

            await tab.screenshot({ path: path.join(SCREENSHOTS, `fit-panel-${width}.png`), fullPage: true });
            expect(problems).toEqual([]);
            await tab.close();
        }
    });
});
