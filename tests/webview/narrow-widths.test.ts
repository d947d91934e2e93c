import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunResult } from '../../simulator/results.js';
import { buildResultsView } from '../../report/view-model.js';
import { hostedResultsView, watchProblems, SCREENSHOTS } from './browser.js';

/**
 * Issue 12: "at narrow widths the charts and tables overflow and are clipped — the x axis stops at 2.5
 * of 3 years and the PNG/SVG buttons disappear". The results view at 320, 420, 800 and 1280 px: no
 * horizontal overflow, every PNG/SVG button inside the window, every chart's axis to the horizon.
 */
const NONCE = 'narrow-nonce';
const STUB = `
window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: m => window.__posted.push(m), getState: () => undefined, setState: () => {} });
document.documentElement.style.setProperty('--vscode-editor-background', '#ffffff');
document.documentElement.style.setProperty('--vscode-foreground', '#3b3b3b');
document.body && (document.body.className = 'vscode-light');
`;

let browser: Browser;
let url: string;
let run: RunResult;
let close = async () => {};

beforeAll(async () => {
    ({ browser, url, run, close } = await hostedResultsView('ra-timing.osteo', STUB, NONCE));
}, 240_000);

afterAll(() => close());

describe('the results view from 320 px up', () => {
    test.each([320, 420, 800, 1280])('%i px: nothing overflows, the buttons show, every axis reaches the horizon', async width => {
        const page = await browser.newPage({ viewport: { width, height: 1000 } });
        const problems = watchProblems(page);
        await page.goto(`${url}/index.html`);
        const view = buildResultsView(run, run.scenarios[0], { source: 'ra-timing.osteo' });
        await page.evaluate(m => window.postMessage(m, '*'), { type: 'show', runId: 1, view, state: { uri: 'u', scenario: view.header.scenario } } as unknown as Record<string, unknown>);
        await page.waitForFunction(() => (window as any).__posted.some((m: { type: string }) => m.type === 'rendered'));
        // Open "More charts" too: every chart of the view must fit.
        await page.click('.more-charts > summary');
        await page.waitForFunction(n => document.querySelectorAll('.plot[data-drawn="true"]').length >= n, view.charts.length);

        const layout = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            buttons: [...document.querySelectorAll('.chart-tools button')].map(b => {
                const r = b.getBoundingClientRect();
                const style = getComputedStyle(b);
                return { text: b.textContent, left: r.left, right: r.right, width: r.width, visible: style.visibility !== 'hidden' && style.display !== 'none' };
            }),
            plots: [...document.querySelectorAll<HTMLElement>('.chart .plot')].map(p => ({
                id: p.closest('figure')?.getAttribute('data-chart-id'),
                xMax: Number(p.dataset.xMax), horizon: Number(p.dataset.horizon),
                right: p.querySelector('canvas')!.getBoundingClientRect().right
            })),
            tables: [...document.querySelectorAll('.summary-table')].map(t => t.closest('.table-scroll')!.getBoundingClientRect().right)
        }));
        expect(layout.scrollWidth, 'horizontal overflow').toBeLessThanOrEqual(layout.innerWidth);
        const pngSvg = layout.buttons.filter(b => b.text === 'PNG' || b.text === 'SVG');
        expect(pngSvg.length).toBe(2 * view.charts.length);
        for (const b of pngSvg) {
            expect(b.visible && b.width > 0, `${b.text} hidden`).toBe(true);
            expect(b.left).toBeGreaterThanOrEqual(0);
            expect(b.right).toBeLessThanOrEqual(width);
        }
        expect(layout.plots).toHaveLength(view.charts.length);
        for (const p of layout.plots) {
            expect(p.horizon, p.id!).toBeCloseTo(3, 6);              // ra-timing: 3 years
            expect(p.xMax, `${p.id} x axis`).toBeCloseTo(p.horizon, 6);
            expect(p.right, `${p.id} clipped`).toBeLessThanOrEqual(width);
        }
        for (const right of layout.tables) expect(right).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(SCREENSHOTS, `view-${width}px.png`) });
        // The drug chart with its dose strip, where dense dosing used to cover the curves.
        await page.locator('figure[data-chart-id="drug-adalimumab"]').screenshot({ path: path.join(SCREENSHOTS, `view-${width}px-drug.png`) });
        expect(problems).toEqual([]);
        await page.close();
    });
});
