/**
 * The self-contained HTML report: the results view's own script and stylesheet inlined next to the
 * results, so the report draws exactly what the VS Code view draws, offline, from a single file.
 */
import type { ResultsView } from './view-model.js';
import type { SensitivityView } from './sensitivity-view.js';
import type { FitView } from './fit-view.js';
import { escapeHtml, jsonForScript, scriptForInline, styleForInline } from './escape.js';
import { REPORT_DATA_ID } from './report-data.js';


export interface ReportInput {
    readonly views: readonly ResultsView[];
    /** Sensitivity analyses, drawn after the scenarios (`osteo sensitivity` as HTML). */
    readonly sensitivity?: readonly SensitivityView[];
    /** Fits, drawn last (`osteo fit --format html`). */
    readonly fits?: readonly FitView[];
    /** The bundled results-view script (out/webview/results.js). */
    readonly script: string;
    /** The bundled results-view stylesheet (out/webview/results.css). */
    readonly css: string;
    /** Browser tab title; defaults to the first scenario's title. */
    readonly title?: string;
}

export function buildReportHtml(input: ReportInput): string {
    // Web Crypto, not node:crypto: the web extension builds reports in the browser too.
    const nonce = btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16))));
    const sensitivity = input.sensitivity ?? [];
    const fits = input.fits ?? [];
    const title = input.title ?? (input.views.length === 1 && sensitivity.length === 0 && fits.length === 0 ? input.views[0].header.title
        : input.views.length === 0 && sensitivity.length === 1 && fits.length === 0 ? sensitivity[0].title
        : input.views.length === 0 && sensitivity.length === 0 && fits.length === 1 ? fits[0].title : 'Osteo scenario report');
    // Same policy as the webview, with inline code allowed only by nonce: injected markup cannot run.
    const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: blob:;`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="osteo report">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${styleForInline(withoutSourceMap(input.css))}</style>
</head>
<body>
<main id="osteo-root"></main>
<noscript><p>This report draws its charts with JavaScript; enable it to see them.</p></noscript>
<script type="application/json" id="${REPORT_DATA_ID}">${jsonForScript({ views: input.views, ...(sensitivity.length > 0 ? { sensitivity } : {}), ...(fits.length > 0 ? { fits } : {}) })}</script>
<script nonce="${nonce}">${scriptForInline(withoutSourceMap(input.script))}</script>
</body>
</html>
`;
}

/** A bundle's source-map comment points at a file the report does not carry. */
function withoutSourceMap(code: string): string {
    return code.replace(/\n?\/[/*][#@] sourceMappingURL=[^\n]*\s*$/, '');
}
