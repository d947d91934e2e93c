/**
 * A sensitivity analysis on screen: a ranked horizontal bar chart (SVG built node by node, so names are
 * text, never markup), assumed parameters hatched with a dashed outline, the top N first and a button
 * for the rest, and a read-out of the bar under the pointer or keyboard focus.
 */
import { sensitivityAxis, type SensitivityBar, type SensitivityView } from '../../report/sensitivity-view.js';
import { armColor } from '../../report/palette.js';
import { formatTicks, formatValue } from '../../report/format.js';
import { safeFileName } from '../../report/escape.js';
import { button, el } from './dom.js';
import type { ThemeColors } from './theme.js';
import type { ImageFormat } from '../../protocol/webview-messages.js';

export interface SensitivityHost {
    exportImage(format: ImageFormat, chartId: string, fileName: string, data: string): void;
    rendered(charts: number, rows: number): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 760, ROW = 26, LABEL = 250, TOP = 12, AXIS = 46;

export class SensitivityPage {
    readonly element: HTMLElement;
    private showAll = false;
    private readonly chartHolder = el('div', { class: 'sensitivity-chart' });
    private readonly readoutElement = el('p', { class: 'chart-readout', attrs: { 'aria-live': 'polite' } });
    private toggle: HTMLButtonElement | undefined;

    constructor(private readonly view: SensitivityView, private theme: ThemeColors, private readonly host: SensitivityHost) {
        this.element = el('section', { class: 'osteo-sensitivity', attrs: { 'data-output': view.output } });
    }

    mount(parent: HTMLElement): void {
        const v = this.view;
        const meta = [v.scenario ? `Scenario ${v.scenario}` : undefined, v.arm ? `arm ${v.arm}` : undefined,
            `${v.bars.length} parameter${v.bars.length === 1 ? '' : 's'}`,
            v.assumedCount > 0 ? `${v.assumedCount} assumed` : 'none assumed',
            v.form === 'normalised' ? 'normalised (elasticities)' : 'absolute'].filter((s): s is string => !!s);
        const tools: HTMLElement[] = [button('SVG', () => this.export(), { title: 'Save the bar chart as SVG' })];
        if (v.bars.length > v.topN) {
            this.toggle = button(`Show all ${v.bars.length}`, () => {
                this.showAll = !this.showAll;
                this.toggle!.textContent = this.showAll ? `Show top ${v.topN}` : `Show all ${v.bars.length}`;
                this.toggle!.setAttribute('aria-pressed', String(this.showAll));
                this.draw();
            }, { pressed: false, class: 'osteo-button show-all', title: 'Show every parameter, not only the most influential' });
            tools.unshift(this.toggle);
        }
        this.element.replaceChildren(
            el('header', { class: 'results-header' },
                el('h1', { text: v.title }),
                el('p', { class: 'meta', text: meta.join(' · ') }),
                v.baselineLabel ? el('p', { class: 'meta', text: v.baselineLabel }) : null,
                v.notes.length > 0 ? el('ul', { class: 'notes' }, ...v.notes.map(n => el('li', { text: n }))) : null),
            v.problem
                ? el('p', { class: 'problem', attrs: { role: 'note' }, text: v.problem })
                : el('figure', { class: 'chart sensitivity', attrs: { 'data-chart-id': 'sensitivity' } },
                    el('figcaption', {},
                        el('h2', { text: 'Parameters ranked by influence' }),
                        el('span', { class: 'unit', text: v.axisLabel }),
                        el('span', { class: 'chart-tools' }, ...tools)),
                    this.legend(),
                    this.chartHolder,
                    this.readoutElement));
        parent.append(this.element);
        if (!v.problem) this.draw();
        this.host.rendered(v.problem ? 0 : 1, this.shown().length);
    }

    setTheme(theme: ThemeColors): void {
        this.theme = theme;
        if (!this.view.problem) this.draw();
        this.element.querySelectorAll<HTMLElement>('[data-sign]').forEach(s => s.style.setProperty('--arm-color', this.signColor(s.dataset.sign === 'negative' ? -1 : 1)));
    }

    destroy(): void {
        this.element.remove();
    }

    private shown(): SensitivityBar[] {
        return this.showAll ? this.view.bars : this.view.bars.slice(0, this.view.topN);
    }

    private signColor(sign: number): string {
        return armColor(sign < 0 ? 1 : 0, this.theme.kind);
    }

    private legend(): HTMLElement {
        const entry = (cls: string, text: string, sign?: 'positive' | 'negative') => {
            const swatch = el('span', { class: `legend-swatch ${cls}`, attrs: { 'aria-hidden': 'true', ...(sign ? { 'data-sign': sign } : {}) } });
            if (sign) swatch.style.setProperty('--arm-color', this.signColor(sign === 'negative' ? -1 : 1));
            return el('li', {}, swatch, text);
        };
        return el('ul', { class: 'sensitivity-legend', attrs: { 'aria-label': 'Legend' } },
            entry('solid', `raises ${this.view.outputLabel}`, 'positive'),
            entry('solid', `lowers ${this.view.outputLabel}`, 'negative'),
            entry('assumed', 'hatched, dashed outline: assumed value (exploratory, not calibrated to data)'),
            this.view.bars.some(b => b.difference === 'absolute') ? el('li', { text: '* per unit of a parameter whose value is 0 (see the notes)' }) : null);
    }

    private draw(): void {
        const bars = this.shown();
        const theme = this.theme;
        const axis = sensitivityAxis(this.view.bars);
        // Room beyond the bar ends for the coefficient printed there.
        const plotLeft = LABEL + 10 + (axis.min < 0 ? 48 : 0), plotWidth = WIDTH - plotLeft - (axis.max > 0 ? 56 : 10);
        const height = TOP + bars.length * ROW + AXIS;
        const sx = (v: number) => plotLeft + ((v - axis.min) / ((axis.max - axis.min) || 1)) * plotWidth;
        const svg = node('svg', { xmlns: SVG, viewBox: `0 0 ${WIDTH} ${height}`, width: String(WIDTH), height: String(height),
            role: 'list', 'aria-label': this.view.title, 'font-family': theme.fontFamily, 'font-size': '12' });
        svg.append(node('rect', { width: '100%', height: '100%', fill: theme.background }));
        const defs = node('defs', {});
        for (const sign of [1, -1]) {
            const pattern = node('pattern', { id: `osteo-hatch-${sign > 0 ? 'pos' : 'neg'}`, width: '6', height: '6', patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
            pattern.append(node('rect', { width: '6', height: '6', fill: this.signColor(sign), 'fill-opacity': '0.18' }),
                node('line', { x1: '0', y1: '0', x2: '0', y2: '6', stroke: this.signColor(sign), 'stroke-width': '3' }));
            defs.append(pattern);
        }
        svg.append(defs);
        const labels = formatTicks(axis.ticks);
        const plotBottom = TOP + bars.length * ROW;
        axis.ticks.forEach((t, i) => {
            const x = sx(t).toFixed(1);
            svg.append(node('line', { x1: x, x2: x, y1: String(TOP), y2: String(plotBottom), stroke: t === 0 ? theme.foreground : theme.grid, 'stroke-width': '1' }));
            svg.append(text(labels[i], { x, y: String(plotBottom + 16), 'text-anchor': 'middle', fill: theme.foreground }));
        });
        svg.append(text(this.view.form === 'normalised' ? 'normalised sensitivity coefficient' : 'sensitivity coefficient',
            { x: String(plotLeft + plotWidth / 2), y: String(plotBottom + 36), 'text-anchor': 'middle', fill: theme.foreground }));
        bars.forEach((bar, i) => svg.append(this.barRow(bar, TOP + i * ROW, sx, plotLeft + plotWidth)));
        this.chartHolder.replaceChildren(svg);
        this.chartHolder.dataset.drawn = 'true';
        this.readoutElement.textContent = `Showing ${bars.length} of ${this.view.bars.length} parameters, largest effect first. Point at or tab to a bar for its figures.`;
    }

    private barRow(bar: SensitivityBar, y: number, sx: (v: number) => number, plotRight: number): SVGElement {
        const theme = this.theme;
        const description = describe(bar, this.view);
        const g = node('g', { class: 'bar', tabindex: '0', role: 'listitem', 'aria-label': description,
            'data-parameter': bar.name, 'data-assumption': String(bar.assumption) });
        g.append(node('title', {}, description));
        const name = `${bar.name}${bar.assumption ? ' (assumed)' : ''}${bar.difference === 'absolute' ? ' *' : ''}`;
        g.append(text(`${bar.rank}. ${truncate(name, 34)}`, { x: String(LABEL), y: String(y + ROW / 2 + 4), 'text-anchor': 'end', fill: theme.foreground,
            'font-style': bar.assumption ? 'italic' : 'normal' }));
        if (bar.coefficient === null) {
            g.append(text('not computed', { x: String(sx(0) + 6), y: String(y + ROW / 2 + 4), fill: theme.foreground, 'font-style': 'italic' }));
        } else {
            const x0 = sx(0), x1 = sx(bar.coefficient);
            const sign = bar.coefficient < 0 ? -1 : 1;
            const color = this.signColor(sign);
            const left = Math.min(x0, x1), width = Math.max(1, Math.abs(x1 - x0));
            g.append(node('rect', {
                x: left.toFixed(1), y: String(y + 4), width: width.toFixed(1), height: String(ROW - 8),
                fill: bar.assumption ? `url(#osteo-hatch-${sign > 0 ? 'pos' : 'neg'})` : color,
                stroke: color, 'stroke-width': bar.assumption ? '1.5' : '0', 'stroke-dasharray': bar.assumption ? '4 2' : 'none'
            }));
            const outside = sign > 0 ? Math.min(x1 + 4, plotRight) : Math.max(x1 - 4, 0);
            g.append(text(formatValue(bar.coefficient), { x: outside.toFixed(1), y: String(y + ROW / 2 + 4), fill: theme.foreground, 'text-anchor': sign > 0 ? 'start' : 'end' }));
        }
        const show = () => { this.readoutElement.textContent = description; };
        g.addEventListener('mouseenter', show);
        g.addEventListener('focus', show);
        return g;
    }

    private export(): void {
        const svg = this.chartHolder.querySelector('svg');
        if (!svg) return;
        const name = `${safeFileName(this.view.scenario ?? 'osteo')}-sensitivity-${safeFileName(this.view.output)}.svg`;
        this.host.exportImage('svg', 'sensitivity', name, new XMLSerializer().serializeToString(svg));
    }
}

function describe(bar: SensitivityBar, view: SensitivityView): string {
    const value = bar.value === null ? '' : ` (value ${formatValue(bar.value)}${bar.unit ? ` ${bar.unit}` : ''})`;
    const coefficient = bar.coefficient === null ? 'no coefficient' : `coefficient ${formatValue(bar.coefficient)}`;
    const how = bar.difference === 'absolute' ? ' per unit of the parameter (its value is 0)'
        : bar.difference === 'central' ? '' : ` (${bar.difference} difference: the parameter is at a bound)`;
    return `${bar.rank}. ${bar.name}${value}: ${coefficient}${how} on ${view.outputLabel}${bar.assumption ? '; assumed value, not calibrated' : ''}`;
}

function truncate(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function node(tag: string, attrs: Record<string, string>, content?: string): SVGElement {
    const element = document.createElementNS(SVG, tag) as SVGElement;
    for (const [k, v] of Object.entries(attrs)) if (k !== 'xmlns') element.setAttribute(k, v);
    if (content !== undefined) element.textContent = content;
    return element;
}

function text(content: string, attrs: Record<string, string>): SVGElement {
    return node('text', attrs, content);
}
