import { describe, expect, test } from 'vitest';
import { buildReportHtml } from '../../report/report-html.js';
import { chartToSvg } from '../../report/svg-chart.js';
import { buildResultsView } from '../../report/view-model.js';
import { escapeHtml, jsonForScript, safeFileName } from '../../report/escape.js';
import { buildResultsHtml } from '../../client/src/results/results-html.js';
import { arm, days, run, scenario } from './fixtures.js';

const XSS = '<img src=x onerror=alert(1)>';

function hostileView() {
    const hostileArm = arm(`a"</script><script>alert(2)</script>`, days(10), { 'bmd.lumbar_spine': t => -t });
    return buildResultsView(run([]), scenario([hostileArm], { title: XSS, assumptions: [XSS] }));
}

describe('the HTML report', () => {
    const html = buildReportHtml({ views: [hostileView()], script: 'window.x = "</script><b>";', css: 'body{}</style><i>' });

    test('shows a hostile title as text in the tab title', () => {
        expect(html).toContain('<title>&lt;img src=x onerror=alert(1)&gt;</title>');
        expect(html).not.toContain(XSS);
    });

    test('embeds the results as inert JSON that cannot close its script element', () => {
        const data = /<script type="application\/json" id="osteo-report-data">([\s\S]*?)<\/script>/.exec(html)![1];
        expect(data).not.toMatch(/<\/?script/i);
        expect(JSON.parse(data).views[0].header.title).toBe(XSS);
    });

    test('inlined code cannot end its element early', () => {
        expect(html.match(/<\/script>/g)).toHaveLength(2);
        expect(html.match(/<\/style>/g)).toHaveLength(1);
    });

    test('runs only nonce-bearing inline code (CSP), and loads nothing from the network', () => {
        const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
        const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
        expect(csp).toContain("default-src 'none'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
        expect(html).toContain(`<script nonce="${nonce}">`);
        expect(html).not.toMatch(/\b(src|href)="https?:/);
    });
});

describe('the results view HTML', () => {
    const html = buildResultsHtml({
        cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123',
        scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/results.js',
        styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/results.css', title: XSS
    });

    test('has a strict CSP: scripts by nonce, styles only from the extension', () => {
        const csp = /content="([^"]+)"/.exec(html)![1].replace(/&#39;/g, "'");
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain("script-src 'nonce-abc123'");
        expect(csp).toContain('style-src https://file+.vscode-resource.vscode-cdn.net');
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    });

    test('loads its script with the nonce and its stylesheet from the webview URI; the title is escaped', () => {
        expect(html).toContain('<script nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/results.js"></script>');
        expect(html).toContain('<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/results.css">');
        expect(html).not.toContain(XSS);
    });

    test('a fresh nonce per page', () => {
        const a = buildResultsHtml({ cspSource: 'x', scriptUri: 's', styleUri: 'c', title: 't' });
        const b = buildResultsHtml({ cspSource: 'x', scriptUri: 's', styleUri: 'c', title: 't' });
        expect(/nonce-([^']+)/.exec(a)![1]).not.toBe(/nonce-([^']+)/.exec(b)![1]);
    });
});

describe('SVG export', () => {
    const time = days(365, 7);
    const view = buildResultsView(run([]), scenario([
        arm('untreated', time, { 'bmd.lumbar_spine': t => -t / 100, 'drug.x': () => 0 }),
        arm(XSS, time, { 'bmd.lumbar_spine': t => -t / 200, 'drug.x': t => (t > 10 ? 1 + t : 0) }, [{ time: 14, drug: 'x', amountMg: 40 }])
    ]));
    const bmd = view.charts.find(c => c.id === 'bmd-lumbar_spine')!;

    test('draws one polyline per visible arm and escapes every label', () => {
        const svg = chartToSvg(view, bmd);
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg.match(/<polyline /g)).toHaveLength(2);
        expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(svg).not.toContain(XSS);
    });

    test('leaves hidden arms out', () => {
        expect(chartToSvg(view, bmd, { hiddenArms: new Set([1]) }).match(/<polyline /g)).toHaveLength(1);
    });

    test('on a log axis, zero concentrations break the line instead of plunging to minus infinity', () => {
        const drugs = view.charts.find(c => c.id.startsWith('drug-'))!;
        const svg = chartToSvg(view, drugs, { log: true });
        expect(svg).not.toMatch(/NaN|Infinity/);
        expect(svg).toContain('(log)');
        expect(svg).toContain('<title>x 40 mg</title>');
    });
});

describe('escaping helpers', () => {
    test('escape the five markup characters', () => {
        expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    });

    test('JSON for a script element has no markup characters left', () => {
        expect(jsonForScript({ a: '</script><!--&\u2028' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}');
    });

    test('file names from user text lose path separators', () => {
        expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
        expect(safeFileName('<>')).toBe('results');
    });
});
