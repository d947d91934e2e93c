import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunResult } from '../../simulator/results.js';
import { buildResultsView } from '../../report/view-model.js';
import type { HostToWebview } from '../../protocol/webview-messages.js';
import { hostedResultsView, paintedCanvases, watchProblems, SCREENSHOTS } from './browser.js';

/**
 * The results view as VS Code hosts it: the page from buildResultsHtml (strict CSP, nonce), served from
 * an origin, with a stand-in for `acquireVsCodeApi` that records what the view posts to the host.
 */
const NONCE = 'test-nonce-123';
const DARK_VARS: Record<string, string> = {
    '--vscode-foreground': '#cccccc', '--vscode-editor-foreground': '#d4d4d4', '--vscode-editor-background': '#1e1e1e',
    '--vscode-descriptionForeground': '#9d9d9d', '--vscode-button-background': '#0e639c', '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#3a3d41', '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-focusBorder': '#007fd4', '--vscode-charts-lines': 'rgba(204,204,204,0.15)', '--vscode-font-family': 'system-ui, sans-serif'
};
const LIGHT_VARS: Record<string, string> = {
    ...DARK_VARS, '--vscode-foreground': '#616161', '--vscode-editor-foreground': '#1f1f1f', '--vscode-editor-background': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-charts-lines': 'rgba(0,0,0,0.12)'
};

const STUB = `
window.__posted = [];
window.__state = undefined;
window.acquireVsCodeApi = () => ({
    postMessage: m => window.__posted.push(m),
    getState: () => window.__state,
    setState: s => { window.__state = s; }
});
window.__theme = (kind, vars) => {
    document.body.className = kind;
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
};
`;

let browser: Browser;
let url: string;
let run: RunResult;
let close = async () => {};

beforeAll(async () => {
    ({ browser, url, run, close } = await hostedResultsView('ra-timing.osteo', STUB, NONCE));
}, 240_000);

afterAll(() => close());

async function open(theme: 'vscode-light' | 'vscode-dark'): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${url}/index.html`);
    await page.evaluate(([kind, vars]) => (window as any).__theme(kind, vars), [theme, theme === 'vscode-dark' ? DARK_VARS : LIGHT_VARS] as const);
    return { page, problems };
}

function posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
    return page.evaluate(() => (window as any).__posted);
}

function send(page: Page, message: HostToWebview): Promise<void> {
    return page.evaluate(m => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
}

describe('the results view in a webview', () => {
    test('says ready, draws what the host sends under a strict CSP, and reports what it drew', async () => {
        const { page, problems } = await open('vscode-dark');
        expect(await posted(page)).toEqual([{ type: 'ready' }]);
        expect(await page.textContent('.banner')).toContain('Waiting for results');

        const view = buildResultsView(run, run.scenarios[0], { source: 'ra-timing.osteo' });
        await send(page, { type: 'show', runId: 1, view, state: { uri: 'file:///ra-timing.osteo', scenario: 'RaTiming' } });
        await page.waitForFunction(() => (window as any).__posted.some((m: { type: string }) => m.type === 'rendered'));
        const reported = view.charts.filter(c => c.reported).length;
        const summaryRows = view.summary.length * view.arms.length;
        expect((await posted(page)).find(m => m.type === 'rendered')).toEqual({ type: 'rendered', charts: reported, summaryRows });
        expect((await paintedCanvases(page)).every(n => n > 1000)).toBe(true);
        // The stylesheet came through the CSP: the toolbar is laid out and the background follows the theme.
        expect(await page.$eval('.toolbar', e => getComputedStyle(e).display)).toBe('flex');
        expect(await page.$eval('body', e => getComputedStyle(e).backgroundColor)).toBe('rgb(30, 30, 30)');
        // The panel serializer restores from this state.
        expect(await page.evaluate(() => (window as any).__state)).toMatchObject({ uri: 'file:///ra-timing.osteo', scenario: 'RaTiming' });

        await page.screenshot({ path: path.join(SCREENSHOTS, 'view-dark.png') });
        expect(problems).toEqual([]);
        await page.close();
    });

    test('follows a theme change live: line colours switch palettes without a re-run', async () => {
        const { page, problems } = await open('vscode-light');
        const view = buildResultsView(run, run.scenarios[0]);
        await send(page, { type: 'show', runId: 1, view, state: { uri: 'u', scenario: 'RaTiming' } });
        await page.waitForSelector('body .plot[data-drawn="true"]');
        const marker = () => page.$eval('.u-legend .u-series:nth-child(2) .u-marker', m => getComputedStyle(m).borderColor);
        expect(await marker()).toBe('rgb(0, 114, 178)');           // Okabe–Ito blue on light
        await page.evaluate(vars => (window as any).__theme('vscode-dark', vars), DARK_VARS);
        await page.waitForFunction(() => getComputedStyle(document.querySelector('.u-legend .u-series:nth-child(2) .u-marker')!).borderColor === 'rgb(86, 180, 233)');
        expect(await marker()).toBe('rgb(86, 180, 233)');         // sky blue on dark
        expect(problems).toEqual([]);
        await page.close();
    });

    test('results whose file changed after the run say so, with a Re-run button; the header records the hash', async () => {
        const { page, problems } = await open('vscode-light');
        const hash = 'ab'.repeat(32);
        const view = buildResultsView(run, run.scenarios[0], { source: 'ra-timing.osteo', sourceHash: hash });
        const state = { uri: 'u', scenario: 'RaTiming' };
        await send(page, { type: 'show', runId: 1, view, state });
        await page.waitForSelector('.plot[data-drawn="true"]');
        expect(await page.textContent('.results-header .meta')).toContain(`source ra-timing.osteo · sha256 ${hash.slice(0, 12)}…`);
        expect(await page.$$('.banner.stale')).toHaveLength(0);

        await send(page, { type: 'stale', stale: true });
        expect(await page.textContent('.banner.stale')).toBe('The file changed after this run. Re-run');
        await page.click('.banner.stale button:has-text("Re-run")');
        expect((await posted(page)).filter(m => m.type === 'rerun')).toHaveLength(1);
        // Undone in the editor: current again.
        await send(page, { type: 'stale', stale: false });
        expect(await page.$$('.banner.stale')).toHaveLength(0);
        // Stale again, then the re-run arrives: the banner goes with the old results.
        await send(page, { type: 'stale', stale: true });
        await page.waitForSelector('.banner.stale');
        await send(page, { type: 'show', runId: 2, view, state });
        await page.waitForFunction(() => document.querySelectorAll('.banner.stale').length === 0);
        expect(problems).toEqual([]);
        await page.close();
    });

    test('a re-run of the same scenario keeps hidden arms; exports go to the host', async () => {
        const { page, problems } = await open('vscode-light');
        const view = buildResultsView(run, run.scenarios[0]);
        const state = { uri: 'u', scenario: 'RaTiming' };
        await send(page, { type: 'show', runId: 1, view, state });
        await page.waitForSelector('.plot[data-drawn="true"]');
        await page.click('.arm-toggle:has-text("untreated")');
        await send(page, { type: 'running', message: 'Simulating RaTiming…' });
        expect(await page.textContent('.banner.running')).toBe('Simulating RaTiming…');
        await send(page, { type: 'show', runId: 2, view, state });
        await page.waitForSelector('.plot[data-drawn="true"]');
        expect(await page.getAttribute('.arm-toggle:has-text("untreated")', 'aria-pressed')).toBe('false');
        expect(await page.$$('.banner')).toHaveLength(0);

        await page.click('button:has-text("Export CSV")');
        await send(page, { type: 'exportChart', format: 'svg', chartId: 'bmd-total_hip' });
        await page.waitForFunction(() => (window as any).__posted.some((m: { type: string }) => m.type === 'exportImage'));
        const messages = await posted(page);
        expect(messages).toContainEqual({ type: 'exportData', format: 'csv' });
        const image = messages.find(m => m.type === 'exportImage')!;
        expect(image).toMatchObject({ format: 'svg', chartId: 'bmd-total_hip', fileName: 'RaTiming-bmd-total_hip.svg' });
        expect(String(image.data)).toMatch(/^<svg /);
        expect((String(image.data).match(/<polyline /g) ?? []).length).toBe(2);   // the hidden arm stays out

        await send(page, { type: 'failed', message: 'arm late failed at day 12: step size too small' });
        expect(await page.textContent('[role="alert"]')).toContain('step size too small');
        await page.screenshot({ path: path.join(SCREENSHOTS, 'view-light.png') });
        expect(problems).toEqual([]);
        await page.close();
    });
});
