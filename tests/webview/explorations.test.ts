import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildResultsView, buildResultsViews } from '../../report/view-model.js';
import { buildReportHtml } from '../../report/report-html.js';
import { buildSensitivityView } from '../../report/sensitivity-view.js';
import type { HostToWebview } from '../../protocol/webview-messages.js';
import type { SensitivityResult } from '../../simulator/results.js';
import { ROOT } from '../cli/bundle.js';
import { arm, days, population, run, scenario, sensitivity, sweep1d, sweep2d } from '../client/fixtures.js';
import { bundlesDir, launch, serve, watchProblems, writeHostedPage, SCREENSHOTS } from './browser.js';

/**
 * Sweeps, populations and sensitivity analyses as drawn by the results view: in the standalone report
 * (fixtures built here, then real `osteo report` output) and in the VS Code webview (strict CSP, stub host).
 */
const XSS = '<img src=x onerror=alert(1)>';
const time = days(1095, 7);

function fixtureRun(name = 'Cohort') {
    const arms = [
        arm('untreated', time, { 'bmd.lumbar_spine': t => -t / 300, osteoclasts: () => 130 }),
        arm('treated', time, { 'bmd.lumbar_spine': t => -t / 700, osteoclasts: () => 105 })
    ];
    const pop = { ...population(time), name };
    return run([scenario(arms, { name: 'Explore', title: 'Start, dose and spread', reported: ['bmd.lumbar_spine'], sweeps: [sweep1d(time), sweep2d()], populations: [pop] })]);
}

let browser: Browser;
let dir: string;
let assets: { script: string; css: string };
let fixtureReport: string;
let hostileReport: string;
let realReport: string;
let realReportResult: { code: number | null; stderr: string };
let realSensitivity: SensitivityResult | string;

function writeReport(file: string, input: Omit<Parameters<typeof buildReportHtml>[0], 'script' | 'css'>): string {
    const target = path.join(dir, file);
    fs.writeFileSync(target, buildReportHtml({ ...input, ...assets }));
    return target;
}

beforeAll(async () => {
    const bundles = bundlesDir(ROOT);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-explore-'));
    assets = {
        script: fs.readFileSync(path.join(bundles, 'webview', 'results.js'), 'utf8'),
        css: fs.readFileSync(path.join(bundles, 'webview', 'results.css'), 'utf8')
    };
    fixtureReport = writeReport('fixtures.html', {
        views: buildResultsViews(fixtureRun()),
        sensitivity: [buildSensitivityView(sensitivity())]
    });
    const hostile = fixtureRun(XSS);
    const s = hostile.scenarios[0];
    hostileReport = writeReport('hostile.html', {
        views: buildResultsViews({ ...hostile, scenarios: [{ ...s, sweeps: [{ ...sweep1d(time), name: XSS, title: XSS, parameter: XSS, unit: XSS }, { ...sweep2d(), parameter2: XSS, values2: [XSS, 'b', 'c'] }] }] }),
        sensitivity: [buildSensitivityView(sensitivity({ parameters: sensitivity().parameters.map((p, i) => (i === 1 ? { ...p, name: XSS } : p)) }))]
    });
    // Real engine output: a small sweep, a grid over named severities and a population through `osteo report`.
    const file = path.join(dir, 'explore.osteo');
    fs.writeFileSync(file, `regimen Anti { drug adalimumab dose 40 mg every 2 weeks }
scenario Explore "Start and spread" {
    duration 2 years
    condition rheumatoid_arthritis { severity high }
    arm untreated { }
    arm treated { give Anti from 0 months }
    report bmd at lumbar_spine
    sweep StartTime "Best start" {
        vary start of Anti in treated values 0 months, 6 months, 12 months
        measure bmd at lumbar_spine at 2 years
    }
    sweep Grid {
        vary rankl_per_tnf in untreated values 10, 40
        vary severity of rheumatoid_arthritis values mild, high
        measure osteoclasts at 1 year
    }
    population Spread { size 12 vary bmd_goc_lumbar_spine lognormal 30 % seed 7 responders bmd at lumbar_spine > -2 at 2 years }
}
`);
    realReport = path.join(dir, 'real.html');
    const r = spawnSync(process.execPath, [path.join(bundles, 'cli.js'), 'report', file, '--out', realReport], { encoding: 'utf8', timeout: 120_000 });
    realReportResult = { code: r.status, stderr: r.stderr };
    const sens = spawnSync(process.execPath, [path.join(bundles, 'cli.js'), 'sensitivity', file, '--arm', 'untreated', '--output', 'bmd.lumbar_spine',
        '--at', '1 year', '--format', 'json'], { encoding: 'utf8', timeout: 120_000 });
    realSensitivity = sens.status === 0 ? JSON.parse(sens.stdout) : sens.stderr;
    browser = await launch();
}, 240_000);

afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openReport(file: string, scheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const problems = watchProblems(page);
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 20_000 });
    return { page, problems };
}

/** Fraction of a canvas's pixels that are painted, and whether given colours occur in it. */
function canvasFacts(page: Page, selector: string, colours: [number, number, number][] = []): Promise<{ painted: number; found: boolean[] }> {
    return page.$eval(selector, (c, wanted) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        const found = wanted.map(() => false);
        for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0) painted++;
            wanted.forEach(([r, g, b], k) => { if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) found[k] = true; });
        }
        return { painted: painted / (data.length / 4), found };
    }, colours);
}

describe('sweeps and populations in the report', () => {
    for (const scheme of ['light', 'dark'] as const) {
        test(`a sweep draws its family of curves, its end points and a heat map; a population its bands (${scheme})`, async () => {
            const { page, problems } = await openReport(fixtureReport, scheme);
            const sweepCharts = await page.$$eval('.sweeps figure.chart', f => f.map(e => e.getAttribute('data-chart-id')));
            expect(sweepCharts).toEqual(['sweep-StartTiming-curves', 'sweep-StartTiming-endpoint', 'sweep-DoseInterval-heatmap']);
            expect(await page.$$eval('.sweeps .plot[data-drawn="true"], .populations .plot[data-drawn="true"]', p => p.length)).toBe(4);
            // The family's legend lists every swept value, in order.
            const legend = await page.$$eval('figure[data-chart-id="sweep-StartTiming-curves"] .u-legend .u-series th', ths => ths.map(t => t.textContent));
            expect(legend.slice(1)).toEqual(['1 months', '3 months', '6 months', '12 months', '24 months']);
            expect((await canvasFacts(page, 'figure[data-chart-id="sweep-StartTiming-curves"] canvas')).painted).toBeGreaterThan(0.01);
            expect((await canvasFacts(page, 'figure[data-chart-id="sweep-StartTiming-endpoint"] canvas')).painted).toBeGreaterThan(0.005);
            // Both ends of the colour scale appear: the smallest and the largest cell, and the scale bar.
            const heat = await canvasFacts(page, 'figure[data-chart-id="sweep-DoseInterval-heatmap"] canvas', [[68, 1, 84], [253, 231, 37]]);
            expect(heat.found).toEqual([true, true]);
            expect(heat.painted).toBe(1);
            // Shaded 5th–95th percentile bands cover a large part of the plot; lines alone would not.
            const band = await canvasFacts(page, '.populations figure.chart canvas');
            expect(band.painted).toBeGreaterThan(0.25);
            expect(await page.textContent('.populations .problem')).toContain('treated: 3 of 200 virtual patients failed');
            expect(await page.evaluate(() => (window as unknown as { osteoReport: { rendered: unknown[] } }).osteoReport.rendered))
                .toEqual([{ charts: 5, summaryRows: 2 }, { charts: 1, summaryRows: 10 }]);

            // For the README pictures only: the sticky toolbar would cover the top of a scrolled-to section.
            await page.$eval('.toolbar', t => { (t as HTMLElement).style.position = 'static'; });
            await (await page.$('.sweeps'))!.screenshot({ path: path.join(SCREENSHOTS, `sweep-${scheme}.png`) });
            await (await page.$('.populations'))!.screenshot({ path: path.join(SCREENSHOTS, `population-${scheme}.png`) });
            await (await page.$('.osteo-sensitivity'))!.screenshot({ path: path.join(SCREENSHOTS, `sensitivity-${scheme}.png`) });
            expect(problems).toEqual([]);
            await page.close();
        });
    }

    test('the heat map reads out the cell under the pointer and under the keyboard cursor', async () => {
        const { page, problems } = await openReport(fixtureReport);
        const readout = () => page.textContent('figure[data-chart-id="sweep-DoseInterval-heatmap"] .chart-readout');
        expect(await readout()).toContain('4 × 3 cells, from -2.75 to 5.00 % change');
        await page.focus('figure[data-chart-id="sweep-DoseInterval-heatmap"] canvas');
        expect(await readout()).toBe('dose of Adalimumab in treated = 10 mg, interval of Adalimumab in treated = 28 days: BMD Total hip at 12 months = -2.75 % change');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        expect(await readout()).toBe('dose of Adalimumab in treated = 80 mg, interval of Adalimumab in treated = 7 days: BMD Total hip at 12 months = 5.00 % change');
        // The pointer near the bottom-left corner of the grid: the smallest dose, the shortest interval.
        const box = (await page.$('figure[data-chart-id="sweep-DoseInterval-heatmap"] canvas'))!;
        const bounds = (await box.boundingBox())!;
        await page.mouse.move(bounds.x + 90, bounds.y + bounds.height - 60);
        expect(await readout()).toContain('dose of Adalimumab in treated = 10 mg, interval of Adalimumab in treated = 7 days');
        expect(problems).toEqual([]);
        await page.close();
    });

    test('hiding an arm takes its median and band out of the population chart', async () => {
        const { page, problems } = await openReport(fixtureReport);
        const rows = () => page.$$eval('.populations .u-legend .u-series th', ths => ths.map(t => t.textContent));
        expect(await rows()).toHaveLength(7);
        await page.click('.arm-toggle:has-text("untreated")');
        expect((await rows()).slice(1)).toEqual(['treated 5th percentile', 'treated median', 'treated 95th percentile']);
        expect(problems).toEqual([]);
        await page.close();
    });

    test('a sweep chart exports as a PNG with its title', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
        const problems = watchProblems(page);
        await page.goto(`file://${fixtureReport}`);
        await page.waitForSelector('body[data-rendered="true"]');
        const [png] = await Promise.all([page.waitForEvent('download'),
            page.locator('figure[data-chart-id="sweep-DoseInterval-heatmap"]').getByRole('button', { name: 'PNG' }).click()]);
        expect(png.suggestedFilename()).toBe('Explore-sweep-DoseInterval-heatmap.png');
        expect(fs.readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
        expect(problems).toEqual([]);
        await page.close();
    });
});

describe('sensitivity in the report', () => {
    test('a ranked bar chart: the top ten first, assumed parameters hatched with a dashed outline, all twelve on request', async () => {
        const { page, problems } = await openReport(fixtureReport);
        const bars = () => page.$$eval('.osteo-sensitivity g.bar', gs => gs.map(g => ({
            name: g.getAttribute('data-parameter'),
            assumed: g.getAttribute('data-assumption') === 'true',
            fill: g.querySelector('rect')?.getAttribute('fill') ?? '',
            dash: g.querySelector('rect')?.getAttribute('stroke-dasharray') ?? ''
        })));
        const top = await bars();
        expect(top.map(b => b.name)).toEqual(['k_resorption', 'rankl_per_tnf', 'opg_production', 'k_formation', 'tnf_clearance', 'il6_gain',
            'pth_level', 'precursor_pool', 'ob_apoptosis', 'oc_apoptosis']);
        for (const bar of top) {
            expect(bar.fill.startsWith('url(#osteo-hatch-')).toBe(bar.assumed);
            expect(bar.dash !== 'none').toBe(bar.assumed);
        }
        expect(top.filter(b => b.assumed).map(b => b.name)).toEqual(['rankl_per_tnf', 'il6_gain']);
        expect(await page.$$eval('.sensitivity-legend li', lis => lis.map(l => l.textContent))).toEqual([
            'raises BMD Lumbar spine', 'lowers BMD Lumbar spine', 'hatched, dashed outline: assumed value (exploratory, not calibrated to data)']);
        // Negative coefficients grow left of the zero line, positive ones right.
        const [negative, positive] = await Promise.all(['k_resorption', 'opg_production'].map(n =>
            page.$eval(`g.bar[data-parameter="${n}"] rect`, r => Number(r.getAttribute('x')) + Number(r.getAttribute('width')) / 2)));
        expect(negative).toBeLessThan(positive);

        await page.click('button.show-all');
        expect(await bars()).toHaveLength(12);
        expect(await page.getAttribute('button.show-all', 'aria-pressed')).toBe('true');
        await page.focus('g.bar[data-parameter="rankl_per_tnf"]');
        expect(await page.textContent('.osteo-sensitivity .chart-readout'))
            .toBe('2. rankl_per_tnf (value 0.500 1/pM): coefficient -1.20 on BMD Lumbar spine; assumed value, not calibrated');
        expect(problems).toEqual([]);
        await page.close();
    });
});

describe('hostile text', () => {
    test('sweep, parameter and axis names with markup are shown as text and run nothing', async () => {
        const { page, problems } = await openReport(hostileReport);
        expect(await page.$$('img')).toHaveLength(0);
        expect(await page.textContent('.sweep h3')).toBe(XSS);
        expect(await page.textContent('.populations h3')).toBe('Variability between patients');
        expect(await page.$$eval('.osteo-sensitivity g.bar title', ts => ts.map(t => t.textContent).join('\n'))).toContain(XSS);
        await page.focus('figure[data-chart-id="sweep-DoseInterval-heatmap"] canvas');
        expect(await page.textContent('figure[data-chart-id="sweep-DoseInterval-heatmap"] .chart-readout')).toContain(`${XSS} = c`);
        expect(problems).toEqual([]);
        await page.close();
    });
});

describe('real osteo report output', () => {
    test('a scenario with a sweep, a grid over severities and a population is drawn from what the engine wrote', async () => {
        expect(realReportResult.stderr).toBe('');
        expect(realReportResult.code).toBe(0);
        const { page, problems } = await openReport(realReport);
        expect(await page.$$eval('.sweeps figure.chart', f => f.map(e => e.getAttribute('data-chart-id'))))
            .toEqual(['sweep-StartTime-curves', 'sweep-StartTime-endpoint', 'sweep-Grid-heatmap']);
        expect(await page.$$eval('.sweeps .plot[data-drawn="true"], .populations .plot[data-drawn="true"]', p => p.length)).toBe(4);
        expect(await page.textContent('.sweep h3')).toBe('Best start');
        expect(await page.$$eval('figure[data-chart-id="sweep-StartTime-curves"] .u-legend .u-series th', t => t.slice(1).map(x => x.textContent)))
            .toEqual(['0 months', '6 months', '12 months']);
        await page.focus('figure[data-chart-id="sweep-Grid-heatmap"] canvas');
        expect(await page.textContent('figure[data-chart-id="sweep-Grid-heatmap"] .chart-readout'))
            .toMatch(/^rankl_per_tnf = 10, severity of rheumatoid_arthritis = high: Osteoclasts at 12 months = \d+(\.\d+)? % of baseline$/);
        expect((await canvasFacts(page, '.populations figure.chart canvas')).painted).toBeGreaterThan(0.1);
        expect(await page.textContent('.populations .meta')).toContain('12 virtual patients');
        // The responders line as a table: one row, a column per arm with "count of 12 (percent)".
        expect(await page.$$eval('table.responders thead th', t => t.map(x => x.textContent))).toEqual(['Responders', 'untreated', 'treated']);
        const cells = await page.$$eval('table.responders tbody tr', rows => rows.map(r => [...r.children].map(c => c.textContent)));
        expect(cells).toHaveLength(1);
        expect(cells[0][0]).toBe('bmd at lumbar_spine > -2 at 2 years');
        for (const cell of cells[0].slice(1)) expect(cell).toMatch(/^(\d+) of 12 \((\d+(\.\d+)?|0) %\)$/);
        expect(problems).toEqual([]);
        await page.close();
    });

    test('osteo sensitivity output is drawn ranked, with the assumed parameters marked', async () => {
        expect(typeof realSensitivity).toBe('object');
        const result = realSensitivity as SensitivityResult;
        const { page, problems } = await openReport(writeReport('real-sensitivity.html', { views: [], sensitivity: [buildSensitivityView(result)] }));
        const drawn = await page.$$eval('g.bar', gs => gs.map(g => [g.getAttribute('data-parameter'), g.getAttribute('data-assumption')]));
        expect(drawn).toEqual(result.parameters.slice(0, 10).map(p => [p.name, String(p.assumption)]));
        expect(drawn.some(([, assumed]) => assumed === 'true')).toBe(true);
        expect(await page.textContent('button.show-all')).toBe(`Show all ${result.parameters.length}`);
        expect(problems).toEqual([]);
        await page.close();
    });
});

describe('in the VS Code webview', () => {
    let site: { url: string; close: () => Promise<void> };
    const NONCE = 'explore-nonce';
    const STUB = `window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: m => window.__posted.push(m), getState: () => undefined, setState: () => {} });`;

    beforeAll(async () => {
        const web = path.join(dir, 'web');
        fs.mkdirSync(web);
        writeHostedPage(web, STUB, NONCE);
        site = await serve(web);
    });

    afterAll(async () => {
        await site?.close();
    });

    async function openView(): Promise<{ page: Page; problems: string[]; send: (m: HostToWebview) => Promise<void>; rendered: () => Promise<unknown> }> {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        const problems = watchProblems(page);
        await page.goto(`${site.url}/index.html`);
        const send = (m: HostToWebview) => page.evaluate(x => window.postMessage(x, '*'), m as unknown as Record<string, unknown>);
        const rendered = async () => {
            await page.waitForFunction(() => (window as any).__posted.some((m: { type: string }) => m.type === 'rendered'));
            return page.evaluate(() => (window as any).__posted.find((m: { type: string }) => m.type === 'rendered'));
        };
        return { page, problems, send, rendered };
    }

    test('a scenario with sweeps and a population reports every chart it drew', async () => {
        const { page, problems, send, rendered } = await openView();
        const r = fixtureRun();
        const view = buildResultsView(r, r.scenarios[0]);
        await send({ type: 'show', runId: 1, view, state: { uri: 'file:///x.osteo', scenario: 'Explore' } });
        expect(await rendered()).toEqual({ type: 'rendered', charts: 5, summaryRows: 2 });
        expect(await page.$$eval('.plot[data-drawn="true"]', p => p.length)).toBe(5);
        expect(problems).toEqual([]);
        await page.close();
    });

    test('a sensitivity analysis sent by the host is drawn, and its SVG export goes to the host', async () => {
        const { page, problems, send, rendered } = await openView();
        await send({ type: 'showSensitivity', runId: 7, view: buildSensitivityView(sensitivity()) });
        expect(await rendered()).toEqual({ type: 'rendered', charts: 1, summaryRows: 10 });
        expect(await page.textContent('h1')).toBe('Sensitivity of BMD Lumbar spine at 3 years');
        await page.click('.osteo-sensitivity button:has-text("SVG")');
        const image = await page.evaluate(() => (window as any).__posted.find((m: { type: string }) => m.type === 'exportImage'));
        expect(image).toMatchObject({ format: 'svg', chartId: 'sensitivity', fileName: 'RaTiming-sensitivity-bmd.lumbar_spine.svg' });
        expect(String(image.data)).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        expect((String(image.data).match(/<g class="bar"/g) ?? []).length).toBe(10);
        expect(problems).toEqual([]);
        await page.close();
    });
});
