import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROOT } from '../cli/bundle.js';
import { launch, paintedCanvases, bundlesDir, watchProblems, SCREENSHOTS } from './browser.js';

const XSS = '<img src=x onerror=alert(1)>';

let bundles: string;

function osteoReport(file: string, out: string, ...extra: string[]) {
    const r = spawnSync(process.execPath, [path.join(bundles, 'cli.js'), 'report', file, '--out', out, ...extra], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let browser: Browser;
let dir: string;
let raReport: string;
let xssReport: string;

beforeAll(async () => {
    bundles = bundlesDir(ROOT);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-report-'));
    raReport = path.join(dir, 'ra-timing.html');
    const ra = osteoReport(path.join(ROOT, 'examples', 'ra-timing.osteo'), raReport);
    expect(ra.stderr).toBe('');
    expect(ra.code).toBe(0);
    const hostile = path.join(dir, 'hostile.osteo');
    fs.writeFileSync(hostile, `scenario Hostile "${XSS}" {\n    duration 6 months\n    arm plain { }\n    arm treated { give denosumab 60 mg once from 1 month }\n}\n`);
    xssReport = path.join(dir, 'hostile.html');
    const x = osteoReport(hostile, xssReport);
    expect(x.stderr).toBe('');
    expect(x.code).toBe(0);
    browser = await launch();
}, 240_000);

afterAll(async () => {
    await browser?.close();
    // out/ is shared by every test file (built once by global-setup): only the temporary folder goes.
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('osteo report', () => {
    test('writes one self-contained file: no external script, stylesheet or image', () => {
        const html = fs.readFileSync(raReport, 'utf8');
        expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
        expect(html).toContain('Timing of anti-TNF therapy in early RA');
    });

    test('records the SHA-256 of the file it was made from', () => {
        const html = fs.readFileSync(raReport, 'utf8');
        const text = fs.readFileSync(path.join(ROOT, 'examples', 'ra-timing.osteo'), 'utf8');
        const sha = createHash('sha256').update(text, 'utf8').digest('hex');
        expect(html).toContain(`"sourceHash":"${sha}"`);
    });

    test('refuses to run without --out, with a one-line reason', () => {
        const r = spawnSync(process.execPath, [path.join(bundles, 'cli.js'), 'report', path.join(ROOT, 'examples', 'ra-timing.osteo')], { encoding: 'utf8' });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('report needs --out');
    });

    for (const scheme of ['light', 'dark'] as const) {
        test(`draws every reported chart and a summary row per arm (${scheme} theme)`, async () => {
            const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
            const problems = watchProblems(page);
            await page.goto(`file://${raReport}`);
            await page.waitForSelector('body[data-rendered="true"]', { timeout: 20_000 });

            expect(await page.$eval('body', b => b.className)).toContain(`vscode-${scheme}`);
            expect(await page.$eval('.toolbar', e => getComputedStyle(e).display)).toBe('flex');
            expect(await page.$eval('body', e => getComputedStyle(e).backgroundColor)).toBe(scheme === 'dark' ? 'rgb(31, 31, 31)' : 'rgb(255, 255, 255)');
            const reported = await page.$$eval('.osteo-results > .charts > figure.chart', f => f.map(e => e.getAttribute('data-chart-id')));
            expect(reported).toEqual(['bmd-lumbar_spine', 'bmd-total_hip', 'bmd-hand', 'turnover', 'rankl-opg-ratio', 'cytokines']);
            expect(await page.$$eval('.osteo-results > .charts .plot[data-drawn="true"]', p => p.length)).toBe(reported.length);
            const painted = await paintedCanvases(page);
            expect(painted).toHaveLength(reported.length);
            for (const count of painted) expect(count).toBeGreaterThan(1000);

            const tables = await page.$$eval('table.summary-table', ts => ts.map(t => ({
                series: t.getAttribute('data-series'),
                arms: [...t.querySelectorAll('tbody th')].map(th => th.textContent)
            })));
            expect(tables.map(t => t.series)).toContain('bmd.lumbar_spine');
            for (const table of tables) expect(table.arms).toEqual(['untreated', 'early', 'late']);
            expect(await page.evaluate(() => (window as unknown as { osteoReport: { rendered: unknown[] } }).osteoReport.rendered))
                .toEqual([{ charts: reported.length, summaryRows: tables.length * 3 }]);

            await page.screenshot({ path: path.join(SCREENSHOTS, `report-${scheme}.png`), fullPage: true });
            expect(problems).toEqual([]);
            await page.close();
        });
    }

    test('the other charts are one click away; arms toggle everywhere; the log axis and exports work', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
        const problems = watchProblems(page);
        await page.goto(`file://${raReport}`);
        await page.waitForSelector('body[data-rendered="true"]');

        await page.click('details.more-charts > summary');
        await page.waitForSelector('figure[data-chart-id="drugs"] .plot[data-drawn="true"]');
        expect(await page.$$eval('.plot[data-drawn="true"]', p => p.length)).toBe(9);

        // Hiding an arm from the toolbar hides its line in every chart's legend.
        await page.click('.arm-toggle:has-text("late")');
        expect(await page.getAttribute('.arm-toggle:has-text("late")', 'aria-pressed')).toBe('false');
        const offPerChart = await page.$$eval('.uplot', plots => plots.map(p => p.querySelectorAll('.u-legend tr.u-off').length));
        expect(offPerChart.every(n => n >= 1)).toBe(true);

        // Keyboard: the toolbar is reachable and Enter toggles back.
        await page.focus('.arm-toggle:has-text("late")');
        await page.keyboard.press('Enter');
        expect(await page.getAttribute('.arm-toggle:has-text("late")', 'aria-pressed')).toBe('true');

        const drugs = page.locator('figure[data-chart-id="drugs"]');
        await drugs.getByRole('button', { name: 'Log scale' }).click();
        await page.waitForSelector('figure[data-chart-id="drugs"] .plot[data-drawn="true"] canvas');
        expect(await drugs.getByRole('button', { name: 'Log scale' }).getAttribute('aria-pressed')).toBe('true');

        const [svg] = await Promise.all([page.waitForEvent('download'), drugs.getByRole('button', { name: 'SVG' }).click()]);
        expect(svg.suggestedFilename()).toBe('RaTiming-drugs.svg');
        const svgText = fs.readFileSync((await svg.path())!, 'utf8');
        expect(svgText).toMatch(/^<svg /);
        expect(svgText).toContain('(log)');
        const [png] = await Promise.all([page.waitForEvent('download'), page.locator('figure[data-chart-id="bmd-lumbar_spine"]').getByRole('button', { name: 'PNG' }).click()]);
        expect(fs.readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
        expect(problems).toEqual([]);
        await page.close();
    });

    test('a scenario titled with markup shows the markup as text and runs nothing', async () => {
        const page = await browser.newPage();
        const problems = watchProblems(page);
        await page.goto(`file://${xssReport}`);
        await page.waitForSelector('body[data-rendered="true"]');
        expect(await page.textContent('.results-header h1')).toBe(XSS);
        expect(await page.title()).toBe(XSS);
        expect(await page.$$('img')).toHaveLength(0);
        expect(await page.$$eval('table.summary-table tbody tr', rows => rows.length)).toBeGreaterThan(0);
        expect(problems).toEqual([]);
        await page.close();
    });
});
