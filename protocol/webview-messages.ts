/**
 * Messages between the extension host and the results view: defined once, imported by both sides.
 * No runtime dependencies, so the webview bundle stays free of VS Code and Node code.
 */
import type { ResultsView } from '../report/view-model.js';
import type { SensitivityView } from '../report/sensitivity-view.js';
import type { FitView } from '../report/fit-view.js';

export type ImageFormat = 'png' | 'svg';
export type DataFormat = 'csv' | 'json';

/** What the webview keeps with `setState`, so the panel serializer can restore it after a reload. */
export interface ResultsViewState {
    readonly uri: string;
    readonly scenario: string;
    readonly hiddenArms?: number[];
    readonly logCharts?: string[];
    readonly expanded?: boolean;
}

export type HostToWebview =
    | { readonly type: 'show'; readonly runId: number; readonly view: ResultsView; readonly state: ResultsViewState }
    | { readonly type: 'showSensitivity'; readonly runId: number; readonly view: SensitivityView }
    | { readonly type: 'showFit'; readonly runId: number; readonly view: FitView }
    /** What Apply fitted values did (or why it could not). */
    | { readonly type: 'fitApplied'; readonly ok: boolean; readonly message: string }
    | { readonly type: 'running'; readonly message: string }
    | { readonly type: 'failed'; readonly message: string }
    /** The document changed (or changed back) after the run shown: mark the results stale, offer Re-run. */
    | { readonly type: 'stale'; readonly stale: boolean }
    | { readonly type: 'exportChart'; readonly chartId?: string; readonly format: ImageFormat };

export type WebviewToHost =
    | { readonly type: 'ready' }
    | { readonly type: 'rendered'; readonly charts: number; readonly summaryRows: number }
    | { readonly type: 'exportImage'; readonly format: ImageFormat; readonly chartId: string; readonly fileName: string; readonly data: string }
    | { readonly type: 'exportData'; readonly format: DataFormat }
    | { readonly type: 'rerun' }
    | { readonly type: 'applyFit' }
    | { readonly type: 'error'; readonly message: string };

/** Host-side guard: a webview message is untrusted input until its shape is checked. */
export function isWebviewMessage(value: unknown): value is WebviewToHost {
    if (typeof value !== 'object' || value === null) return false;
    const m = value as Record<string, unknown>;
    switch (m.type) {
        case 'ready':
        case 'rerun':
        case 'applyFit':
            return true;
        case 'rendered':
            return typeof m.charts === 'number' && typeof m.summaryRows === 'number';
        case 'exportImage':
            return (m.format === 'png' || m.format === 'svg') && typeof m.chartId === 'string'
                && typeof m.fileName === 'string' && typeof m.data === 'string';
        case 'exportData':
            return m.format === 'csv' || m.format === 'json';
        case 'error':
            return typeof m.message === 'string';
        default:
            return false;
    }
}
