/** The results view's HTML: strict CSP with a per-load nonce, every asset through the webview's URIs. */
import { escapeHtml } from '../../../report/escape.js';

export interface ResultsHtmlInput {
    /** `webview.cspSource`. */
    readonly cspSource: string;
    /** `webview.asWebviewUri(out/webview/results.js)`, as a string. */
    readonly scriptUri: string;
    /** `webview.asWebviewUri(out/webview/results.css)`, as a string. */
    readonly styleUri: string;
    readonly title: string;
    readonly nonce?: string;
}

export function createNonce(): string {
    // Web Crypto: present in Node 20 and in the web extension host alike (node:crypto is not in the browser).
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
    return btoa(String.fromCharCode(...bytes));
}

export function buildResultsHtml(input: ResultsHtmlInput): string {
    const nonce = input.nonce ?? createNonce();
    // No 'unsafe-inline' and no 'unsafe-eval'; styles only from the extension's own files.
    const csp = [
        `default-src 'none'`,
        `script-src 'nonce-${nonce}'`,
        `style-src ${input.cspSource}`,
        `img-src ${input.cspSource} data: blob:`,
        `font-src ${input.cspSource}`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<main id="osteo-root"></main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>
`;
}
