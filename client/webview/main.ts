/**
 * Entry of the results view. Inside VS Code it talks to the extension host (ready handshake, data on
 * `show`); inside a standalone HTML report it reads the results embedded in the page.
 */
import 'uplot/dist/uPlot.min.css';
import './results.css';
import type { ResultsView } from '../../report/view-model.js';
import type { SensitivityView } from '../../report/sensitivity-view.js';
import type { HostToWebview, ResultsViewState, WebviewToHost } from '../../protocol/webview-messages.js';
import { ResultsPage, type PageHost, type PageState } from './results-page.js';
import { SensitivityPage } from './sensitivity-page.js';
import { FitPage } from './fit-page.js';
import type { FitView } from '../../report/fit-view.js';
import { readTheme, watchTheme } from './theme.js';
import { el } from './dom.js';
import { REPORT_DATA_ID } from '../../report/report-data.js';

interface VsCodeApi {
    postMessage(message: WebviewToHost): void;
    getState(): ResultsViewState | undefined;
    setState(state: ResultsViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;


function root(): HTMLElement {
    return document.getElementById('osteo-root') ?? document.body;
}

function banner(kind: 'running' | 'failed' | 'empty', message: string): HTMLElement {
    return el('div', { class: `banner ${kind}`, attrs: { role: kind === 'failed' ? 'alert' : 'status' }, text: message });
}

/** "The file changed after this run", with Re-run: the results no longer match the file. */
function staleBanner(rerun: () => void): HTMLElement {
    const button = el('button', { text: 'Re-run', attrs: { type: 'button', title: 'Simulate the file as it is now' }, onClick: rerun });
    return el('div', { class: 'banner stale', attrs: { role: 'status' } }, el('span', { text: 'The file changed after this run. ' }), button);
}

function startInVsCode(vscode: VsCodeApi): void {
    let page: ResultsPage | SensitivityPage | FitPage | undefined;
    let state = vscode.getState();
    const status = el('div', { class: 'status-area' });
    root().replaceChildren(status, banner('running', 'Waiting for results…'));

    const host: PageHost = {
        canExportData: true,
        canRerun: true,
        exportImage: (format, chartId, fileName, data) => vscode.postMessage({ type: 'exportImage', format, chartId, fileName, data }),
        exportData: format => vscode.postMessage({ type: 'exportData', format }),
        rerun: () => vscode.postMessage({ type: 'rerun' }),
        stateChanged: (ui: PageState) => {
            if (state) vscode.setState(state = { ...state, ...ui });
        },
        rendered: (charts, summaryRows) => vscode.postMessage({ type: 'rendered', charts, summaryRows })
    };

    let shownRun: number | undefined;
    const show = (runId: number, view: ResultsView, incoming: ResultsViewState) => {
        // The host re-sends on visibility changes; a page that already shows this run stays as it is.
        if (page && runId === shownRun) return;
        shownRun = runId;
        // UI choices survive a re-run of the same scenario, not a switch to another one.
        const same = state && state.uri === incoming.uri && state.scenario === incoming.scenario;
        state = same ? { ...state, ...incoming, hiddenArms: state!.hiddenArms, logCharts: state!.logCharts, expanded: state!.expanded } : incoming;
        vscode.setState(state);
        page?.destroy();
        status.replaceChildren();
        root().replaceChildren(status);
        page = new ResultsPage(view, readTheme(), host, state);
        page.mount(root());
    };

    const showSensitivity = (runId: number, view: SensitivityView) => {
        if (page && runId === shownRun) return;
        shownRun = runId;
        page?.destroy();
        status.replaceChildren();
        root().replaceChildren(status);
        page = new SensitivityPage(view, readTheme(), {
            exportImage: host.exportImage,
            rendered: host.rendered
        });
        page.mount(root());
    };

    const showFit = (runId: number, view: FitView) => {
        if (page && runId === shownRun) return;
        shownRun = runId;
        page?.destroy();
        status.replaceChildren();
        root().replaceChildren(status);
        page = new FitPage(view, readTheme(), {
            canApply: true,
            apply: () => vscode.postMessage({ type: 'applyFit' }),
            exportImage: host.exportImage,
            rendered: host.rendered
        });
        page.mount(root());
    };

    window.addEventListener('message', event => {
        const message = event.data as HostToWebview;
        try {
            switch (message?.type) {
                case 'show': show(message.runId, message.view, message.state); break;
                case 'showSensitivity': showSensitivity(message.runId, message.view); break;
                case 'showFit': showFit(message.runId, message.view); break;
                case 'fitApplied': if (page instanceof FitPage) page.applied(message.message, message.ok); break;
                case 'running': status.replaceChildren(banner('running', message.message)); break;
                case 'failed':
                    status.replaceChildren(banner('failed', message.message));
                    if (!page) root().replaceChildren(status);
                    break;
                case 'stale':
                    if (message.stale) status.replaceChildren(staleBanner(host.rerun));
                    else status.querySelector('.banner.stale')?.remove();
                    break;
                case 'exportChart': if (page instanceof ResultsPage) page.exportChart(message.format, message.chartId); break;
            }
        } catch (error) {
            vscode.postMessage({ type: 'error', message: (error as Error)?.message ?? String(error) });
        }
    });
    watchTheme(theme => page?.setTheme(theme));
    vscode.postMessage({ type: 'ready' });
}

/** The standalone report: every scenario of the file on one page, exports as browser downloads. */
function startStandalone(): void {
    const body = document.body;
    body.classList.add('osteo-standalone');
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const applyScheme = () => {
        body.classList.toggle('vscode-dark', !!media?.matches);
        body.classList.toggle('vscode-light', !media?.matches);
    };
    applyScheme();
    media?.addEventListener('change', applyScheme);

    const dataElement = document.getElementById(REPORT_DATA_ID);
    const data: { views?: ResultsView[]; sensitivity?: SensitivityView[]; fits?: FitView[] } = dataElement?.textContent ? JSON.parse(dataElement.textContent) : {};
    const views = data.views ?? [];
    const analyses = data.sensitivity ?? [];
    const fits = data.fits ?? [];
    const rendered: { charts: number; summaryRows: number }[] = [];
    const report = ((window as unknown) as { osteoReport: { rendered: typeof rendered; views: number } }).osteoReport = { rendered, views: views.length + analyses.length + fits.length };
    if (report.views === 0) root().append(banner('empty', 'This report holds no results.'));
    const pages: (ResultsPage | SensitivityPage | FitPage)[] = views.map((view, index) => {
        const page = new ResultsPage(view, readTheme(), {
            canExportData: false,
            canRerun: false,
            exportImage: (_format, _chartId, fileName, data) => download(fileName, data),
            exportData: () => undefined,
            rerun: () => undefined,
            stateChanged: () => undefined,
            rendered: (charts, summaryRows) => {
                rendered[index] = { charts, summaryRows };
                if (rendered.filter(Boolean).length >= report.views) body.dataset.rendered = 'true';
            }
        });
        page.mount(root());
        return page;
    });
    analyses.forEach((view, i) => {
        const index = views.length + i;
        const page = new SensitivityPage(view, readTheme(), {
            exportImage: (_format, _chartId, fileName, svg) => download(fileName, svg),
            rendered: (charts, rows) => {
                rendered[index] = { charts, summaryRows: rows };
                if (rendered.filter(Boolean).length >= report.views) body.dataset.rendered = 'true';
            }
        });
        page.mount(root());
        pages.push(page);
    });
    fits.forEach((view, i) => {
        const index = views.length + analyses.length + i;
        const page = new FitPage(view, readTheme(), {
            canApply: false,
            apply: () => undefined,
            exportImage: (_format, _chartId, fileName, png) => download(fileName, png),
            rendered: (charts, rows) => {
                rendered[index] = { charts, summaryRows: rows };
                if (rendered.filter(Boolean).length >= report.views) body.dataset.rendered = 'true';
            }
        });
        page.mount(root());
        pages.push(page);
    });
    watchTheme(theme => pages.forEach(p => p.setTheme(theme)));
}

function download(fileName: string, data: string): void {
    const href = data.startsWith('data:') ? data : URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
    const link = el('a', { attrs: { href, download: fileName } });
    document.body.append(link);
    link.click();
    link.remove();
    if (!data.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

if (typeof acquireVsCodeApi === 'function') startInVsCode(acquireVsCodeApi());
else startStandalone();
