/**
 * The results of one scenario on screen: header, arm toggles, charts (reported ones first, the rest
 * behind one click), summary tables and solver statistics. Shared by the VS Code view and the report.
 */
import type { ChartView, ResultsView, SummaryTable } from '../../report/view-model.js';
import { armColor } from '../../report/palette.js';
import { formatDifference, formatDuration, formatValue, THRESHOLD_NOTE } from '../../report/format.js';
import { safeFileName } from '../../report/escape.js';
import type { ImageFormat } from '../../protocol/webview-messages.js';
import { InteractiveChart } from './charts.js';
import { ExplorationSections } from './exploration-sections.js';
import { button, el } from './dom.js';
import type { ThemeColors } from './theme.js';

export interface PageState {
    hiddenArms: number[];
    logCharts: string[];
    expanded: boolean;
}

export interface PageHost {
    /** Data exports and re-runs need the extension host; the standalone report has neither. */
    readonly canExportData: boolean;
    readonly canRerun: boolean;
    exportImage(format: ImageFormat, chartId: string, fileName: string, data: string): void;
    exportData(format: 'csv' | 'json'): void;
    rerun(): void;
    stateChanged(state: PageState): void;
    rendered(charts: number, summaryRows: number): void;
}

let pageCounter = 0;

export class ResultsPage {
    readonly element: HTMLElement;
    private readonly charts = new Map<string, InteractiveChart>();
    private readonly armButtons: HTMLButtonElement[] = [];
    private readonly syncKey = `osteo-${++pageCounter}`;
    private hidden: Set<number>;
    private log: Set<string>;
    private expanded: boolean;
    private drawnOnce = new Set<string>();
    private reportedRender = false;
    private summaryRows = 0;
    /** Sweep and population charts not drawn yet. */
    private pendingExplorations = new Set<string>();
    private readonly explorations: ExplorationSections;

    constructor(private readonly view: ResultsView, private theme: ThemeColors, private readonly host: PageHost, state?: Partial<PageState>) {
        const armCount = view.arms.length;
        this.hidden = new Set((state?.hiddenArms ?? []).filter(i => i < armCount));
        this.log = new Set(state?.logCharts ?? []);
        this.expanded = state?.expanded ?? false;
        this.element = el('section', { class: 'osteo-results', attrs: { 'data-scenario': view.header.scenario } });
        this.explorations = new ExplorationSections(view, theme, this.hidden, (chartId, format) => this.exportChart(format, chartId),
            (format, chartId, fileName, data) => host.exportImage(format, chartId, fileName, data));
    }

    /** Builds the DOM into `parent`; charts need a laid-out container, so this happens after attaching. */
    mount(parent: HTMLElement): void {
        const reported = this.view.charts.filter(c => c.reported);
        const others = this.view.charts.filter(c => !c.reported);
        const more = others.length > 0 ? this.moreCharts(others) : undefined;
        const explorations = this.explorations.elements;
        this.element.replaceChildren(...[
            this.header(),
            this.toolbar(),
            reported.length > 0
                ? el('div', { class: 'charts' }, ...reported.map(c => this.figure(c)))
                : explorations.length > 0 ? null : el('p', { class: 'empty', text: 'None of the reported series is in the results.' }),
            ...explorations,
            more ?? null,
            this.summary(),
            this.goodnessOfFit(),
            this.footer()
        ].filter((n): n is HTMLElement => n !== null));
        parent.append(this.element);
        for (const chart of reported) this.createChart(chart);
        this.pendingExplorations = new Set(this.explorations.chartIds);
        this.explorations.create(id => {
            if (!this.pendingExplorations.delete(id)) return;
            this.drawnOnce.add(id);
            this.maybeReportRendered();
        });
        if (more && this.expanded) this.expand(others);
        this.reportedRender = true;
        this.maybeReportRendered();
    }

    setTheme(theme: ThemeColors): void {
        this.theme = theme;
        for (const chart of this.charts.values()) chart.update({ theme });
        this.explorations.setTheme(theme);
        this.armButtons.forEach((b, i) => b.style.setProperty('--arm-color', armColor(i, theme.kind)));
        this.element.querySelectorAll<HTMLElement>('[data-arm-swatch]').forEach(s => {
            s.style.setProperty('--arm-color', armColor(Number(s.dataset.armSwatch), theme.kind));
        });
    }

    /** Exports one chart, or the first drawn one when no id is given (the palette command). */
    exportChart(format: ImageFormat, chartId?: string): void {
        const extra = chartId ? this.explorations.drawables.get(chartId) : undefined;
        if (extra) {
            // Sweep and population charts are canvases (PNG); a sensitivity study is drawn as SVG.
            const as: ImageFormat | undefined = format === 'svg' && extra.toSvg ? 'svg' : extra.toPng ? 'png' : extra.toSvg ? 'svg' : undefined;
            if (!as) return;
            const data = as === 'svg' ? extra.toSvg!() : extra.toPng!();
            this.host.exportImage(as, extra.id, `${safeFileName(this.view.header.scenario)}-${safeFileName(extra.id)}.${as}`, data);
            return;
        }
        const chart = chartId ? this.charts.get(chartId) : this.charts.values().next().value;
        if (!chart) return;
        const data = format === 'png' ? chart.toPng() : chart.toSvg();
        const fileName = `${safeFileName(this.view.header.scenario)}-${safeFileName(chart.chartId)}.${format}`;
        this.host.exportImage(format, chart.chartId, fileName, data);
    }

    destroy(): void {
        for (const chart of this.charts.values()) chart.destroy();
        this.charts.clear();
        this.explorations.destroy();
        this.element.remove();
    }

    private header(): HTMLElement {
        const h = this.view.header;
        const meta = [
            `Scenario ${h.scenario}`,
            `${formatDuration(h.durationDays)} horizon`,
            `model ${h.model.name} ${h.model.version}`,
            `${h.tool.name} ${h.tool.version}`,
            h.source ? `source ${h.source}` : undefined,
            h.sourceHash ? `sha256 ${shortHash(h.sourceHash)}` : undefined
        ].filter((s): s is string => !!s);
        const assumptions = h.assumptions.length > 0
            ? el('section', { class: 'assumptions', attrs: { 'aria-label': 'Assumptions' } },
                el('h2', { text: 'Assumptions' }),
                el('ul', {}, ...h.assumptions.map(a => el('li', { text: a }))))
            : el('p', { class: 'assumptions none', text: 'No exploratory mechanisms or assumptions flagged for this scenario.' });
        return el('header', { class: 'results-header' },
            el('h1', { text: h.title }),
            el('p', { class: 'meta', text: meta.join(' · ') }),
            assumptions);
    }

    private toolbar(): HTMLElement {
        const arms = this.view.arms.map(arm => {
            const b = button(arm.name, () => this.toggleArm(arm.index, this.hidden.has(arm.index)), {
                pressed: !this.hidden.has(arm.index), class: 'arm-toggle', title: `Show or hide arm ${arm.name} in every chart`
            });
            b.style.setProperty('--arm-color', armColor(arm.index, this.theme.kind));
            b.prepend(el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } }));
            this.armButtons[arm.index] = b;
            return b;
        });
        const actions: HTMLElement[] = [button('Reset zoom', () => this.charts.forEach(c => c.resetZoom()), { title: 'Show the whole horizon in every chart' })];
        if (this.host.canExportData) {
            actions.push(button('Export CSV', () => this.host.exportData('csv'), { title: 'Save every series of every arm as CSV (full resolution)' }));
            actions.push(button('Export JSON', () => this.host.exportData('json'), { title: 'Save the results object as JSON' }));
        }
        if (this.host.canRerun) actions.push(button('Re-run', () => this.host.rerun(), { title: 'Simulate this scenario again from the current text' }));
        return el('div', { class: 'toolbar' },
            el('div', { class: 'arms', attrs: { role: 'group', 'aria-label': 'Arms' } }, el('span', { class: 'label', text: 'Arms' }), ...arms),
            el('div', { class: 'actions', attrs: { role: 'group', 'aria-label': 'Actions' } }, ...actions));
    }

    private figure(chart: ChartView): HTMLElement {
        const tools: HTMLElement[] = [];
        if (chart.logCapable) {
            const toggle = button('Log scale', () => {
                const on = !this.log.has(chart.id);
                if (on) this.log.add(chart.id);
                else this.log.delete(chart.id);
                toggle.setAttribute('aria-pressed', String(on));
                this.charts.get(chart.id)?.update({ log: on });
                this.saveState();
            }, { pressed: this.log.has(chart.id), title: 'Logarithmic value axis' });
            tools.push(toggle);
        }
        tools.push(button('PNG', () => this.exportChart('png', chart.id), { title: `Save "${chart.title}" as PNG` }));
        tools.push(button('SVG', () => this.exportChart('svg', chart.id), { title: `Save "${chart.title}" as SVG` }));
        return el('figure', { class: 'chart', attrs: { 'data-chart-id': chart.id } },
            el('figcaption', {},
                el('h2', { text: chart.title }),
                el('span', { class: 'unit', text: chart.unit }),
                el('span', { class: 'chart-tools' }, ...tools)),
            el('div', { class: 'plot', attrs: { role: 'img', 'aria-label': `${chart.title}, ${chart.unit}, one line per arm` } }));
    }

    private moreCharts(others: ChartView[]): HTMLElement {
        const body = el('div', { class: 'charts' }, ...others.map(c => this.figure(c)));
        const details = el('details', { class: 'more-charts' },
            el('summary', { text: `More charts (${others.length}): ${others.map(c => c.title).join(', ')}` }),
            body);
        if (this.expanded) details.open = true;
        details.addEventListener('toggle', () => {
            this.expanded = details.open;
            if (details.open) this.expand(others);
            this.saveState();
        });
        return details;
    }

    private expand(others: ChartView[]): void {
        // Created on first opening: a chart in a closed <details> has no width to lay out in.
        requestAnimationFrame(() => {
            for (const chart of others) if (!this.charts.has(chart.id)) this.createChart(chart);
        });
    }

    private createChart(chart: ChartView): void {
        const container = this.element.querySelector<HTMLElement>(`figure[data-chart-id="${CSS.escape(chart.id)}"] .plot`);
        if (!container) return;
        this.charts.set(chart.id, new InteractiveChart(container, {
            view: this.view, chart, theme: this.theme, hiddenArms: new Set(this.hidden), log: this.log.has(chart.id), syncKey: this.syncKey,
            onToggleArm: (arm, show) => this.toggleArm(arm, show),
            onDrawn: () => {
                if (this.drawnOnce.has(chart.id)) return;
                this.drawnOnce.add(chart.id);
                container.dataset.drawn = 'true';
                this.maybeReportRendered();
            }
        }));
    }

    private maybeReportRendered(): void {
        if (!this.reportedRender || this.pendingExplorations.size > 0 || [...this.charts.keys()].some(id => !this.drawnOnce.has(id))) return;
        this.host.rendered(this.drawnOnce.size, this.summaryRows);
    }

    private toggleArm(armIndex: number, show: boolean): void {
        if (show) this.hidden.delete(armIndex);
        else this.hidden.add(armIndex);
        this.armButtons[armIndex]?.setAttribute('aria-pressed', String(show));
        for (const chart of this.charts.values()) chart.setArmVisible(armIndex, show);
        this.explorations.setHiddenArms(this.hidden);
        this.saveState();
    }

    private saveState(): void {
        this.host.stateChanged({ hiddenArms: [...this.hidden], logCharts: [...this.log], expanded: this.expanded });
    }

    private summary(): HTMLElement {
        const tables = this.view.summary.map(t => this.summaryTable(t));
        this.summaryRows = this.view.summary.reduce((n, t) => n + t.rows.length, 0);
        return el('section', { class: 'summary', attrs: { 'aria-label': 'Summary' } },
            el('h2', { text: 'Summary' }),
            tables.length > 0 ? el('div', { class: 'tables' }, ...tables) : el('p', { text: 'Nothing reported.' }),
            tables.length > 0 ? el('p', { class: 'note', text: THRESHOLD_NOTE }) : null);
    }

    private summaryTable(table: SummaryTable): HTMLElement {
        const unit = table.unit ? ` (${table.unit})` : '';
        const columns = ['Arm', 'End', ...table.times.map(t => `At ${t.label}`), 'Minimum', `Δ end vs ${table.reference}`];
        const head = el('tr', {}, ...columns.map(h => el('th', { text: h, attrs: { scope: 'col' } })));
        const rows = table.rows.map(row => {
            const swatch = el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true', 'data-arm-swatch': String(row.armIndex) } });
            swatch.style.setProperty('--arm-color', armColor(row.armIndex, this.theme.kind));
            return el('tr', {},
                el('th', { attrs: { scope: 'row' } }, swatch, row.arm),
                el('td', { text: formatValue(row.end) }),
                ...row.at.map(v => el('td', { text: formatValue(v) })),
                el('td', { text: formatValue(row.min) }),
                el('td', { text: row.isReference ? 'reference' : formatDifference(row.diff) }));
        });
        return el('div', { class: 'table-scroll' }, el('table', { class: 'summary-table', attrs: { 'data-series': table.key } },
            el('caption', { text: `${table.label}${unit}` }),
            el('thead', {}, head),
            el('tbody', {}, ...rows)));
    }

    /** Points, weighted SSR and RMSE of each `observe` and in all (docs/data-and-fit.md §6). */
    private goodnessOfFit(): HTMLElement | null {
        const table = this.view.goodnessOfFit;
        if (!table) return null;
        const columns = ['Arm', 'Data', 'Series', 'Points', 'WSSR', 'RMSE'];
        const rows = table.rows.map(row => {
            const swatch = el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true', 'data-arm-swatch': String(row.armIndex) } });
            swatch.style.setProperty('--arm-color', armColor(row.armIndex, this.theme.kind));
            return el('tr', {},
                el('th', { attrs: { scope: 'row' } }, swatch, row.arm),
                el('td', { text: row.group !== null ? `${row.data} “${row.group}”` : row.data }),
                el('td', { text: row.unit ? `${row.label} (${row.unit})` : row.label }),
                el('td', { text: String(row.points) }),
                el('td', { text: formatValue(row.wssr), attrs: row.weighted ? {} : { title: 'The data give no errors: an unweighted sum of squares' } }),
                el('td', { text: formatValue(row.rmse) }));
        });
        const total = el('tr', { class: 'total' },
            el('th', { text: 'All', attrs: { scope: 'row', colspan: '3' } }),
            el('td', { text: String(table.total.points) }),
            el('td', { text: formatValue(table.total.wssr) }),
            el('td', { text: formatValue(table.total.rmse) }));
        return el('section', { class: 'goodness', attrs: { 'aria-label': 'Goodness of fit' } },
            el('h2', { text: 'Goodness of fit' }),
            el('div', { class: 'table-scroll' }, el('table', { class: 'summary-table goodness-table' },
                el('thead', {}, el('tr', {}, ...columns.map(h => el('th', { text: h, attrs: { scope: 'col' } })))),
                el('tbody', {}, ...rows, total))),
            el('p', { class: 'note', text: 'Observed points are drawn on the chart of their series with error bars (± the data\'s error). WSSR is Σ ((predicted − observed) / error)²; RMSE is in the series\' unit.' }));
    }

    private footer(): HTMLElement {
        const stats = this.view.arms.filter(a => a.stats).map(a =>
            el('li', { text: `${a.name}: ${a.stats!.steps} steps, ${a.stats!.rhsEvaluations} right-hand-side evaluations, ${formatValue(a.stats!.solveSeconds * 1000)} ms` }));
        return el('footer', { class: 'results-footer' },
            el('p', { text: 'The strip under a chart\'s time axis marks dose events, one row per arm and drug in the arm\'s colour. Drag across a chart to zoom, double-click to reset; click an arm (or its legend entry) to hide or show it.' }),
            stats.length > 0 ? el('details', {}, el('summary', { text: 'Solver statistics' }), el('ul', {}, ...stats)) : null);
    }
}

/** The first 12 hex digits of each SHA-256 in the header (the full hash is in the report data and the tooltip-free JSON). */
function shortHash(hash: string): string {
    return hash.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');
}
