/**
 * The sweep, population and sensitivity parts of a scenario's results page: figures built first (so they
 * take their place in the layout), charts created once the page is attached and has widths.
 */
import type { ResultsView } from '../../report/view-model.js';
import { sweepChartIds, type SweepView } from '../../report/sweep-view.js';
import { responderText, type PopulationView } from '../../report/population-view.js';
import { armColor } from '../../report/palette.js';
import { button, el } from './dom.js';
import { Plot, type Drawable } from './plot.js';
import { HeatmapChart } from './heatmap-chart.js';
import { endpointSpec, familySpec } from './sweep-charts.js';
import { populationSpec } from './population-charts.js';
import type { ThemeColors } from './theme.js';
import type { GlobalSensitivityView, LocalStudyView, StudyView } from '../../report/global-sensitivity-view.js';
import type { ImageFormat } from '../../protocol/webview-messages.js';
import { GlobalSensitivityChart } from './global-sensitivity-chart.js';
import { SensitivityPage } from './sensitivity-page.js';

interface Pending {
    readonly id: string;
    create(onDrawn: () => void): Drawable;
}

export class ExplorationSections {
    readonly drawables = new Map<string, Drawable>();
    private readonly pending: Pending[] = [];
    private readonly sections: HTMLElement[];

    constructor(private readonly view: ResultsView, private theme: ThemeColors, private hidden: ReadonlySet<number>,
        private readonly exportChart: (chartId: string, format: ImageFormat) => void,
        private readonly exportImage: (format: ImageFormat, chartId: string, fileName: string, data: string) => void) {
        this.sections = [
            view.sweeps?.length ? this.sweepSection(view.sweeps) : undefined,
            view.populations?.length ? this.populationSection(view.populations) : undefined,
            view.sensitivities?.length ? this.sensitivitySection(view.sensitivities) : undefined
        ].filter((s): s is HTMLElement => !!s);
    }

    get elements(): HTMLElement[] {
        return this.sections;
    }

    /** Ids of the charts `create` will draw. */
    get chartIds(): string[] {
        return this.pending.map(p => p.id);
    }

    create(onDrawn: (id: string) => void): void {
        for (const p of this.pending.splice(0)) this.drawables.set(p.id, p.create(() => onDrawn(p.id)));
    }

    setTheme(theme: ThemeColors): void {
        this.theme = theme;
        this.drawables.forEach(d => d.setTheme(theme));
    }

    setHiddenArms(hidden: ReadonlySet<number>): void {
        this.hidden = new Set(hidden);
        this.drawables.forEach(d => d.setHiddenArms(this.hidden));
    }

    destroy(): void {
        this.drawables.forEach(d => d.destroy());
        this.drawables.clear();
    }

    private sweepSection(sweeps: SweepView[]): HTMLElement {
        return el('section', { class: 'sweeps', attrs: { 'aria-label': 'Parameter sweeps' } },
            el('h2', { class: 'section-title', text: sweeps.length === 1 ? 'Parameter sweep' : `Parameter sweeps (${sweeps.length})` }),
            ...sweeps.map(s => this.sweep(s)));
    }

    private sweep(sweep: SweepView): HTMLElement {
        const varied = sweep.parameter2 ? `${sweep.parameter} and ${sweep.parameter2}` : sweep.parameter;
        const figures: HTMLElement[] = [];
        const timeUnit = this.view.timeScale.unit;
        const ids = sweepChartIds(sweep);
        if (sweep.family && ids.curves) {
            const id = ids.curves;
            figures.push(this.figure(id, `${sweep.measureLabel} over time`, `${sweep.measureUnit} · one curve per value of ${sweep.parameter}`,
                `${sweep.measureLabel} over time for each value of ${sweep.parameter}`));
            this.later(id, (holder, onDrawn) => new Plot(id, `${sweep.name}: ${sweep.measureLabel} over time`, holder, this.theme, this.hidden,
                familySpec(sweep, timeUnit), onDrawn));
        }
        if (sweep.endpoint && ids.endpoint) {
            const id = ids.endpoint;
            figures.push(this.figure(id, `${sweep.measureLabel} ${sweep.atLabel}`, `${sweep.measureUnit} · against ${sweep.parameter}`,
                `${sweep.measureLabel} ${sweep.atLabel} against ${sweep.parameter}`));
            this.later(id, (holder, onDrawn) => new Plot(id, `${sweep.name}: ${sweep.measureLabel} ${sweep.atLabel}`, holder, this.theme, this.hidden,
                endpointSpec(sweep), onDrawn));
        }
        if (sweep.heatmap && ids.heatmap) {
            const id = ids.heatmap;
            const readout = el('p', { class: 'chart-readout', attrs: { 'aria-live': 'polite' } });
            const figure = this.figure(id, `${sweep.measureLabel} ${sweep.atLabel}`, `${sweep.measureUnit} · ${sweep.parameter} across, ${sweep.parameter2} up`, undefined, 'heatmap');
            figure.append(readout);
            figures.push(figure);
            this.later(id, (holder, onDrawn) => new HeatmapChart(id, sweep, holder, readout, this.theme, onDrawn));
        }
        const range = sweep.endpoint ? valueRange(sweep.endpoint.points.map(p => p.label), sweep.unit) : sweep.heatmap
            ? `${valueRange(sweep.heatmap.columnLabels, sweep.unit)} × ${valueRange(sweep.heatmap.rowLabels, sweep.unit2 ?? '')}` : '';
        return el('article', { class: 'sweep', attrs: { 'data-sweep': sweep.name } },
            el('h3', { text: sweep.title }),
            el('p', { class: 'meta', text: [`${sweep.measureLabel} ${sweep.atLabel}, varying ${varied}`, `sweep ${sweep.name}`, `arm ${sweep.arm}`, range ? `values ${range}` : '', sweep.endpoint?.logX ? 'log-spaced values: log axis' : '']
                .filter(Boolean).join(' · ') }),
            sweep.problem ? el('p', { class: 'problem', attrs: { role: 'note' }, text: sweep.problem }) : null,
            figures.length > 0 ? el('div', { class: 'charts' }, ...figures) : null);
    }

    private populationSection(populations: PopulationView[]): HTMLElement {
        return el('section', { class: 'populations', attrs: { 'aria-label': 'Virtual populations' } },
            el('h2', { class: 'section-title', text: populations.length === 1 ? 'Virtual population' : `Virtual populations (${populations.length})` }),
            ...populations.map(p => this.population(p)));
    }

    private population(population: PopulationView): HTMLElement {
        const timeUnit = this.view.timeScale.unit;
        const figures = population.charts.map(chart => {
            this.later(chart.id, (holder, onDrawn) => new Plot(chart.id, `${population.name}: ${chart.title}`, holder, this.theme, this.hidden,
                populationSpec(chart, timeUnit), onDrawn));
            return this.figure(chart.id, chart.title, `${chart.unit} · median and 90 % band (5th–95th percentile)`,
                `${chart.title}: median and 5th to 95th percentile band per arm`);
        });
        const meta = [population.size !== null ? `${population.size} virtual patients, each through every arm` : undefined,
            population.seed !== null ? `seed ${population.seed}` : undefined, `population ${population.name}`].filter(Boolean).join(' · ');
        return el('article', { class: 'population', attrs: { 'data-population': population.name } },
            el('h3', { text: population.title }),
            el('p', { class: 'meta', text: meta }),
            population.variation.length > 0 ? el('p', { class: 'meta', text: `Varied: ${population.variation.join('; ')}.` }) : null,
            ...population.failures.map(f => el('p', { class: 'problem', attrs: { role: 'note' }, text: f })),
            population.responders.length > 0 ? this.responders(population) : null,
            population.problem ? el('p', { class: 'problem', attrs: { role: 'note' }, text: population.problem }) : null,
            figures.length > 0 ? el('div', { class: 'charts' }, ...figures) : null);
    }

    private sensitivitySection(studies: StudyView[]): HTMLElement {
        return el('section', { class: 'sensitivities', attrs: { 'aria-label': 'Sensitivity studies' } },
            el('h2', { class: 'section-title', text: studies.length === 1 ? 'Sensitivity' : `Sensitivity studies (${studies.length})` }),
            ...studies.map(s => s.kind === 'global' ? this.globalStudy(s) : this.localStudy(s)));
    }

    /** Ranked bars with intervals and the indices over time, in one figure that follows the page's width. */
    private globalStudy(study: GlobalSensitivityView): HTMLElement {
        const readout = el('p', { class: 'chart-readout', attrs: { 'aria-live': 'polite' } });
        const heading = study.method === 'sobol' ? 'Sobol indices' : 'Morris screening';
        const figure = el('figure', { class: 'chart global-sensitivity', attrs: { 'data-chart-id': study.id } },
            el('figcaption', {},
                el('h2', { text: `${heading}, parameters ranked` }),
                el('span', { class: 'unit', text: study.caption }),
                el('span', { class: 'chart-tools' }, button('SVG', () => this.exportChart(study.id, 'svg'), { title: `Save "${study.title}" as SVG` }))),
            el('div', { class: 'plot', attrs: { 'aria-label': `${heading} of ${study.title}` } }),
            readout);
        if (!study.problem) this.later(study.id, (holder, onDrawn) => new GlobalSensitivityChart(study.id, study, holder, readout, this.theme, onDrawn));
        return el('article', { class: 'study', attrs: { 'data-study': study.name, 'data-method': study.method } },
            el('h3', { text: study.title }),
            el('p', { class: 'meta', text: study.meta }),
            study.assumedCount > 0 ? el('p', { class: 'meta', text: `${study.assumedCount} of the ${study.result.parameters.length} parameters are assumptions or fits (hatched, dashed outline): their ranges are where the model is least certain.` }) : null,
            study.problem ? el('p', { class: 'problem', attrs: { role: 'note' }, text: study.problem }) : figure,
            study.notes.length > 0 ? el('ul', { class: 'notes' }, ...study.notes.map(n => el('li', { text: n }))) : null);
    }

    /** A local block: the ranked coefficients as the local sensitivity view draws them. */
    private localStudy(study: LocalStudyView): HTMLElement {
        const article = el('article', { class: 'study', attrs: { 'data-study': study.name, 'data-method': 'local' } }, el('h3', { text: study.title }));
        const holder = el('div', { class: 'local-study', attrs: { 'data-chart-id': study.id } });
        article.append(holder);
        this.pending.push({
            id: study.id,
            create: onDrawn => {
                const page = new SensitivityPage(study.view, this.theme, {
                    exportImage: (format, _chartId, fileName, data) => this.exportImage(format, study.id, fileName, data),
                    rendered: () => onDrawn()
                });
                page.mount(holder);
                return { id: study.id, setTheme: theme => page.setTheme(theme), setHiddenArms: () => undefined, destroy: () => page.destroy() };
            }
        });
        return article;
    }

    /** One table per population: a row per `responders` line, a column per arm ("143 of 200 (71.5 %)"). */
    private responders(population: PopulationView): HTMLElement {
        const arms = [...new Map(population.responders.flatMap(r => r.arms).map(a => [a.arm, a.armIndex])).entries()];
        const head = el('tr', {}, el('th', { text: 'Responders', attrs: { scope: 'col' } }), ...arms.map(([arm, armIndex]) => {
            const swatch = el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true', 'data-arm-swatch': String(armIndex) } });
            swatch.style.setProperty('--arm-color', armColor(armIndex, this.theme.kind));
            return el('th', { attrs: { scope: 'col' } }, swatch, arm);
        }));
        const rows = population.responders.map(r => el('tr', {}, el('th', { text: r.label, attrs: { scope: 'row' } }),
            ...arms.map(([arm]) => {
                const cell = r.arms.find(a => a.arm === arm);
                return el('td', { text: cell ? responderText(cell) : '—' });
            })));
        return el('div', { class: 'table-scroll' }, el('table', { class: 'summary-table responders', attrs: { 'data-population': population.name } },
            el('caption', { text: 'Virtual patients meeting each condition (failed runs left out)' }),
            el('thead', {}, head), el('tbody', {}, ...rows)));
    }

    private figure(id: string, title: string, subtitle: string, label?: string, kind = 'plot'): HTMLElement {
        const attrs: Record<string, string> = label ? { role: 'img', 'aria-label': label } : {};
        return el('figure', { class: `chart ${kind}`, attrs: { 'data-chart-id': id } },
            el('figcaption', {},
                el('h2', { text: title }),
                el('span', { class: 'unit', text: subtitle }),
                el('span', { class: 'chart-tools' }, button('PNG', () => this.exportChart(id, 'png'), { title: `Save "${title}" as PNG` }))),
            el('div', { class: 'plot', attrs }));
    }

    private later(id: string, make: (holder: HTMLElement, onDrawn: () => void) => Drawable): void {
        this.pending.push({
            id,
            create: onDrawn => {
                const holder = this.sections.map(s => s.querySelector<HTMLElement>(`figure[data-chart-id="${CSS.escape(id)}"] .plot`)).find(Boolean)!;
                return make(holder, () => {
                    holder.dataset.drawn = 'true';
                    onDrawn();
                });
            }
        });
    }
}

/** "1 to 30 mg (5 values)": the labels are in axis order already. */
function valueRange(labels: readonly string[], unit: string): string {
    if (labels.length === 0) return '';
    const u = unit ? ` ${unit}` : '';
    return labels.length === 1 ? `${labels[0]}${u}` : labels.length <= 4 ? `${labels.join(', ')}${u}` : `${labels[0]} to ${labels[labels.length - 1]}${u} (${labels.length} values)`;
}
