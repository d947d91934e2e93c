/**
 * The fit panel (docs/data-and-fit.md §6): the estimates with their 95 % intervals and identifiability
 * first (with Apply fitted values), then observed vs fitted per series, residuals against time, the
 * profiles, the convergence of each start and the correlations. Charts are uPlot, like the results view.
 */
import type uPlot from 'uplot';
import type { FitView, ProfileView } from '../../report/fit-view.js';
import { armColor, lineWidth } from '../../report/palette.js';
import { formatValue } from '../../report/format.js';
import { safeFileName } from '../../report/escape.js';
import type { ImageFormat } from '../../protocol/webview-messages.js';
import { InteractiveChart } from './charts.js';
import { Plot, readout, themedAxis, withAlpha, type PlotSpec } from './plot.js';
import { button, el } from './dom.js';
import type { ThemeColors } from './theme.js';

export interface FitHost {
    /** Whether the page can write the values into the document (not in a standalone page). */
    readonly canApply: boolean;
    apply(): void;
    exportImage(format: ImageFormat, chartId: string, fileName: string, data: string): void;
    rendered(charts: number, rows: number): void;
}

export class FitPage {
    readonly element: HTMLElement;
    private readonly charts = new Map<string, InteractiveChart>();
    private readonly plots = new Map<string, Plot>();
    private readonly drawn = new Set<string>();
    private readonly hidden = new Set<number>();
    private expected = 0;
    private reported = false;
    private readonly applyStatus = el('p', { class: 'apply-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    private applyButton: HTMLButtonElement | undefined;

    constructor(private readonly view: FitView, private theme: ThemeColors, private readonly host: FitHost) {
        this.element = el('section', { class: 'osteo-fit', attrs: { 'data-fit': view.fit, 'data-scenario': view.scenario } });
    }

    mount(parent: HTMLElement): void {
        const v = this.view;
        this.element.replaceChildren(...[
            el('header', { class: 'results-header' },
                el('h1', { text: v.title }),
                el('p', { class: 'meta', text: v.meta.join(' · ') }),
                v.warnings.length > 0 ? el('ul', { class: 'fit-warnings', attrs: { role: 'alert' } }, ...v.warnings.map(w => el('li', { text: w }))) : null),
            this.estimatesSection(),
            el('section', { class: 'fit-charts', attrs: { 'aria-label': 'Observed and fitted' } },
                el('h2', { text: 'Observed and fitted' }),
                el('div', { class: 'charts' }, ...v.charts.map(c => this.figure(c.id, c.title, c.unit)))),
            el('section', { class: 'fit-residuals', attrs: { 'aria-label': 'Residuals' } },
                el('h2', { text: 'Residuals against time' }),
                el('div', { class: 'charts' }, this.figure('residuals', v.weightedResiduals ? 'Weighted residuals: (fitted − observed) / error' : 'Residuals: fitted − observed', v.weightedResiduals ? 'error units' : 'series unit'))),
            v.profiles.length > 0
                ? el('section', { class: 'fit-profiles', attrs: { 'aria-label': 'Profiles' } },
                    el('h2', { text: 'Profile likelihood' }),
                    el('p', { class: 'note', text: 'The rise of the objective when one parameter is held and the others re-fitted; the interval is where it stays under the dashed 95 % line (χ² 3.84).' }),
                    el('div', { class: 'charts' }, ...v.profiles.map((p, i) => this.figure(`profile-${i}`, p.name, p.unit))))
                : null,
            this.startsSection(),
            v.correlations.names.length > 1 ? this.correlationsSection() : null
        ].filter((n): n is HTMLElement => n !== null));
        parent.append(this.element);
        this.expected = v.charts.length + 1 + v.profiles.length;
        for (const chart of v.charts) {
            const container = this.plotOf(chart.id);
            if (!container) continue;
            this.charts.set(chart.id, new InteractiveChart(container, {
                view: v, chart, theme: this.theme, hiddenArms: new Set(this.hidden), log: false, syncKey: `osteo-fit-${v.fit}`,
                onToggleArm: (arm, show) => this.toggleArm(arm, show),
                onDrawn: () => this.markDrawn(chart.id, container)
            }));
        }
        this.addPlot('residuals', 'Residuals', theme => this.residualSpec(theme));
        v.profiles.forEach((p, i) => this.addPlot(`profile-${i}`, `Profile of ${p.name}`, theme => profileSpec(p, theme)));
    }

    setTheme(theme: ThemeColors): void {
        this.theme = theme;
        for (const chart of this.charts.values()) chart.update({ theme });
        for (const plot of this.plots.values()) plot.setTheme(theme);
        this.element.querySelectorAll<HTMLElement>('[data-arm-swatch]').forEach(s => s.style.setProperty('--arm-color', armColor(Number(s.dataset.armSwatch), theme.kind)));
    }

    /** The host wrote the values (or could not): say so next to the button. */
    applied(message: string, ok: boolean): void {
        this.applyStatus.textContent = message;
        this.applyStatus.classList.toggle('failed', !ok);
        if (this.applyButton) this.applyButton.disabled = false;
    }

    destroy(): void {
        for (const chart of this.charts.values()) chart.destroy();
        for (const plot of this.plots.values()) plot.destroy();
        this.element.remove();
    }

    private estimatesSection(): HTMLElement {
        const v = this.view;
        const columns = ['Parameter', 'Arm', 'Estimate', '95 % interval', 'Fisher 95 %', 'Unit', 'Search', 'Identifiable'];
        const rows = v.estimates.map(e => el('tr', { attrs: { 'data-parameter': e.name, 'data-identifiable': String(e.identifiable) } },
            el('th', { text: e.name, attrs: { scope: 'row' } }),
            el('td', { text: e.arm ?? 'all' }),
            el('td', { class: 'estimate', text: formatValue(e.value) }),
            el('td', { text: `${formatValue(e.ci95[0])} – ${formatValue(e.ci95[1])}` }),
            el('td', { text: e.fisherCi95 ? `${formatValue(e.fisherCi95[0])} – ${formatValue(e.fisherCi95[1])}` : '–' }),
            el('td', { text: e.unit }),
            el('td', { text: `${e.scale}, ${formatValue(e.bounds[0])} to ${formatValue(e.bounds[1])}` }),
            el('td', { class: e.identifiable ? 'ok' : 'flag', text: e.identifiable ? 'yes' : `no: ${e.note ?? 'interval reaches a bound'}` })));
        const actions: HTMLElement[] = [];
        if (this.host.canApply) {
            this.applyButton = button('Apply fitted values', () => {
                this.applyButton!.disabled = true;
                this.applyStatus.textContent = 'Writing the values into the scenario…';
                this.host.apply();
            }, { class: 'osteo-button primary apply', title: 'Write each estimate into the scenario as a set line (one undoable edit; units are kept)' });
            actions.push(this.applyButton);
        }
        return el('section', { class: 'fit-estimates', attrs: { 'aria-label': 'Estimates' } },
            el('h2', { text: 'Estimates' }),
            el('div', { class: 'table-scroll' }, el('table', { class: 'summary-table estimates-table' },
                el('thead', {}, el('tr', {}, ...columns.map(c => el('th', { text: c, attrs: { scope: 'col' } })))),
                el('tbody', {}, ...rows))),
            el('p', { class: 'note', text: v.intervalNote }),
            actions.length > 0 ? el('div', { class: 'toolbar fit-actions' }, ...actions, this.applyStatus) : null);
    }

    private startsSection(): HTMLElement {
        const columns = ['Start', 'Objective', 'Converged', 'Evaluations', 'Stopped because'];
        const rows = this.view.starts.map(s => el('tr', { class: s.best ? 'best' : '', attrs: { 'data-converged': String(s.converged) } },
            el('th', { text: s.best ? `${s.start} (best)` : String(s.start), attrs: { scope: 'row' } }),
            el('td', { text: formatValue(s.objective) }),
            el('td', { class: s.converged ? 'ok' : 'flag', text: s.converged ? 'yes' : 'no' }),
            el('td', { text: String(s.evaluations) }),
            el('td', { class: 'reason', text: s.reason })));
        return el('section', { class: 'fit-starts', attrs: { 'aria-label': 'Starts' } },
            el('h2', { text: 'Convergence of each start' }),
            el('div', { class: 'table-scroll' }, el('table', { class: 'summary-table starts-table' },
                el('thead', {}, el('tr', {}, ...columns.map(c => el('th', { text: c, attrs: { scope: 'col' } })))),
                el('tbody', {}, ...rows))));
    }

    private correlationsSection(): HTMLElement {
        const { names, matrix } = this.view.correlations;
        return el('section', { class: 'fit-correlations', attrs: { 'aria-label': 'Correlations' } },
            el('h2', { text: 'Correlations of the estimates' }),
            el('div', { class: 'table-scroll' }, el('table', { class: 'summary-table correlations-table' },
                el('thead', {}, el('tr', {}, el('th', { text: '' }), ...names.map(n => el('th', { text: n, attrs: { scope: 'col' } })))),
                el('tbody', {}, ...matrix.map((row, i) => el('tr', {},
                    el('th', { text: names[i], attrs: { scope: 'row' } }),
                    ...row.map(c => el('td', { class: c !== null && Math.abs(c) > 0.9 && c !== 1 ? 'flag' : '', text: c === null ? '–' : c.toFixed(2) }))))))));
    }

    private figure(id: string, title: string, unit: string): HTMLElement {
        const tools = [button('PNG', () => this.exportPng(id), { title: `Save "${title}" as PNG` })];
        return el('figure', { class: 'chart', attrs: { 'data-chart-id': id } },
            el('figcaption', {}, el('h2', { text: title }), el('span', { class: 'unit', text: unit }), el('span', { class: 'chart-tools' }, ...tools)),
            el('div', { class: 'plot', attrs: { role: 'img', 'aria-label': `${title}, ${unit}` } }));
    }

    private plotOf(id: string): HTMLElement | null {
        return this.element.querySelector<HTMLElement>(`figure[data-chart-id="${CSS.escape(id)}"] .plot`);
    }

    private addPlot(id: string, title: string, build: (theme: ThemeColors) => PlotSpec): void {
        const container = this.plotOf(id);
        if (!container) return;
        this.plots.set(id, new Plot(id, title, container, this.theme, this.hidden, theme => build(theme), () => this.markDrawn(id, container)));
    }

    private markDrawn(id: string, container: HTMLElement): void {
        if (this.drawn.has(id)) return;
        this.drawn.add(id);
        container.dataset.drawn = 'true';
        if (!this.reported && this.drawn.size >= this.expected) {
            this.reported = true;
            this.host.rendered(this.drawn.size, this.view.estimates.length);
        }
    }

    private toggleArm(armIndex: number, show: boolean): void {
        if (show) this.hidden.delete(armIndex);
        else this.hidden.add(armIndex);
        for (const chart of this.charts.values()) chart.setArmVisible(armIndex, show);
        this.plots.get('residuals')?.setHiddenArms(this.hidden);
    }

    private exportPng(id: string): void {
        const data = this.charts.get(id)?.toPng() ?? this.plots.get(id)?.toPng();
        if (data) this.host.exportImage('png', id, `${safeFileName(this.view.scenario)}-${safeFileName(this.view.fit)}-${safeFileName(id)}.png`, data);
    }

    /** Residual points per observe in the arm's colour, on one time axis, with the zero line. */
    private residualSpec(theme: ThemeColors): PlotSpec {
        const sets = this.view.residuals;
        const x = [...new Set(sets.flatMap(s => s.x))].sort((a, b) => a - b);
        const index = new Map(x.map((t, i) => [t, i]));
        const columns = sets.map(s => {
            const values = new Array<number | null>(x.length).fill(null);
            s.x.forEach((t, i) => { values[index.get(t)!] = Number.isFinite(s.y[i]) ? s.y[i] : null; });
            return values;
        });
        const unit = this.view.timeScale.unit;
        return {
            options: {
                scales: { x: { time: false, range: () => [0, Math.max(1e-9, ...x) * 1.02] } },
                series: [
                    { label: `Time (${unit})`, value: readout },
                    ...sets.map(s => ({
                        label: s.label, stroke: armColor(s.armIndex, theme.kind), show: !this.hidden.has(s.armIndex),
                        paths: () => null, points: { show: true, size: 7, fill: armColor(s.armIndex, theme.kind) }, value: readout
                    }))
                ],
                axes: [themedAxis(theme, `Time (${unit})`), themedAxis(theme, this.view.weightedResiduals ? 'residual / error' : 'residual', { size: 64 })],
                cursor: { drag: { x: false, y: false } },
                legend: { live: true },
                hooks: { draw: [plot => horizontalLine(plot, 0, theme.foreground, [])] }
            },
            data: [x, ...columns] as uPlot.AlignedData,
            legend: sets.map(s => ({ color: armColor(s.armIndex, theme.kind), label: s.label, dash: [1, 3] }))
        };
    }
}

/** One parameter's profile: the rise of the objective against its value, the 95 % line, the estimate. */
function profileSpec(p: ProfileView, theme: ThemeColors): PlotSpec {
    const color = armColor(0, theme.kind);
    const label = `${p.name}${p.unit && p.unit !== '–' ? ` (${p.unit})` : ''}${p.log ? ', log scale' : ''}`;
    // Up to three times the threshold: a steep side would otherwise flatten the part that matters.
    const lo = Math.min(...p.x), hi = Math.max(...p.x);
    const top = Math.min(Math.max(p.threshold * 1.5, ...p.delta) * 1.05, p.threshold * 3);
    return {
        options: {
            scales: {
                // The profiled span, not uPlot's whole decades: the interval is what the reader looks at.
                x: p.log ? { time: false, distr: 3, log: 10, range: () => [lo / 1.05, hi * 1.05] } : { time: false, range: () => [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05] },
                y: { range: () => [0, top] }
            },
            series: [
                { label: p.name, value: readout },
                { label: 'Δ objective (χ²)', stroke: color, width: lineWidth(theme.kind), points: { show: true, size: 5, fill: color }, value: readout }
            ],
            axes: [themedAxis(theme, label), themedAxis(theme, 'Δ objective', { size: 56 })],
            cursor: { drag: { x: false, y: false } },
            legend: { live: true },
            hooks: {
                draw: [plot => {
                    horizontalLine(plot, p.threshold, theme.foreground, [6, 4]);
                    // The interval as a band under the threshold, and the estimate as a vertical line.
                    const ctx = plot.ctx;
                    const { top: t, height } = plot.bbox;
                    const x0 = plot.valToPos(p.ci95[0], 'x', true), x1 = plot.valToPos(p.ci95[1], 'x', true), xv = plot.valToPos(p.value, 'x', true);
                    ctx.save();
                    ctx.fillStyle = withAlpha(color, 0.12);
                    ctx.fillRect(Math.min(x0, x1), t, Math.abs(x1 - x0), height);
                    ctx.strokeStyle = color;
                    ctx.setLineDash([]);
                    ctx.beginPath();
                    ctx.moveTo(xv, t);
                    ctx.lineTo(xv, t + height);
                    ctx.stroke();
                    ctx.restore();
                }]
            }
        },
        data: [p.x, p.delta] as uPlot.AlignedData,
        legend: [{ color, label: 'Δ objective' }, { color: theme.foreground, label: '95 % threshold (3.84)', dash: [6, 4] }]
    };
}

function horizontalLine(plot: uPlot, value: number, color: string, dash: number[]): void {
    const ctx = plot.ctx;
    const ratio = ctx.canvas.width / Math.max(1, plot.width);
    const y = plot.valToPos(value, 'y', true);
    const { left, width } = plot.bbox;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = ratio;
    ctx.setLineDash(dash.map(d => d * ratio));
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.restore();
}
