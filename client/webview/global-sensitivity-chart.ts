/**
 * A Sobol or Morris study on screen: the one SVG drawing of the study (report/global-sensitivity-svg.ts) in the
 * page's theme and at the holder's width, redrawn when either changes; the bar under the pointer or keyboard
 * focus is read out beside the chart. The markup's texts are escaped by the drawing and parsed as SVG, never HTML.
 */
import { globalSensitivitySvg, LIGHT_SVG_THEME } from '../../report/global-sensitivity-svg.js';
import type { GlobalSensitivityView } from '../../report/global-sensitivity-view.js';
import type { Drawable } from './plot.js';
import type { ThemeColors } from './theme.js';

export class GlobalSensitivityChart implements Drawable {
    private drawnWidth = 0;
    private readonly resizeObserver: ResizeObserver;

    constructor(readonly id: string, private readonly view: GlobalSensitivityView, private readonly container: HTMLElement,
        private readonly readout: HTMLElement, private theme: ThemeColors, private readonly onDrawn: () => void) {
        this.resizeObserver = new ResizeObserver(() => {
            if (Math.abs(this.width() - this.drawnWidth) > 1) this.draw();
        });
        this.resizeObserver.observe(container);
        this.draw();
    }

    setTheme(theme: ThemeColors): void {
        this.theme = theme;
        this.draw();
    }

    setHiddenArms(): void {
        // A study runs one arm: the arm toggles do not apply.
    }

    /** The figure on its own (title included, light background), for the SVG export. */
    toSvg(): string {
        return globalSensitivitySvg(this.view.result, { theme: LIGHT_SVG_THEME, width: 960, idPrefix: this.id });
    }

    destroy(): void {
        this.resizeObserver.disconnect();
        this.container.replaceChildren();
    }

    private width(): number {
        return Math.max(300, Math.floor(this.container.clientWidth));
    }

    private draw(): void {
        const width = this.width();
        this.drawnWidth = width;
        const markup = globalSensitivitySvg(this.view.result, { theme: this.theme, width, caption: false, idPrefix: this.id });
        const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
        const svg = document.importNode(parsed, true);
        svg.setAttribute('role', 'list');
        this.container.replaceChildren(svg);
        svg.querySelectorAll<SVGGElement>('g.gs-bar').forEach(bar => {
            const show = () => { this.readout.textContent = bar.getAttribute('aria-label') ?? ''; };
            bar.addEventListener('mouseenter', show);
            bar.addEventListener('focus', show);
        });
        const shown = svg.querySelectorAll('g.gs-bar').length;
        const total = this.view.result.parameters.length;
        if (!this.readout.textContent) {
            this.readout.textContent = `Showing ${shown} of ${total} parameters, largest ${this.view.method === 'sobol' ? 'total index' : 'μ*'} first. Point at or tab to a bar for its figures.`;
        }
        if (this.container.dataset.drawn !== 'true') {
            this.container.dataset.drawn = 'true';
            this.onDrawn();
        }
    }
}
