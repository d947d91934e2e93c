import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunResult } from '../../simulator/results.js';
import { buildResultsHtml } from '../../client/src/results/results-html.js';
import { ROOT } from '../cli/bundle.js';

/**
 * Where the browser tests save their screenshots: tests/output/screenshots (ignored) by default so a test
 * run leaves the tree clean; `npm run screenshots` points it at docs/screenshots, the README's pictures.
 */
export const SCREENSHOTS = path.resolve(process.env.OSTEO_SCREENSHOTS ?? path.join(__dirname, '..', 'output', 'screenshots'));
fs.mkdirSync(SCREENSHOTS, { recursive: true });

/** Debian's Chromium (CI installs it with `apt-get install -y chromium`). */
export const CHROMIUM = process.env.OSTEO_CHROMIUM ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set OSTEO_CHROMIUM)`);
    return chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
}

/** Console errors, uncaught exceptions, CSP violations and dialogs (an `alert` means injected code ran). */
export function watchProblems(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', e => problems.push(`page error: ${e.message}`));
    page.on('dialog', d => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    page.on('requestfailed', r => problems.push(`request failed: ${r.url()}`));
    return problems;
}

/** Serves a folder on 127.0.0.1 (webviews load from an origin, not from file:). */
export async function serve(folder: string): Promise<{ url: string; close: () => Promise<void> }> {
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
    const server = http.createServer((req, res) => {
        if (req.url === '/favicon.ico') {
            res.writeHead(204).end();
            return;
        }
        const file = path.join(folder, path.normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^([/\\])+/, ''));
        if (!file.startsWith(folder) || !fs.existsSync(file)) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise(resolve => server.close(() => resolve())) };
}

/** Every drawn chart's canvas has painted pixels (a blank canvas means nothing was drawn). */
export function paintedCanvases(page: Page): Promise<number[]> {
    return page.$$eval('.chart .plot canvas', canvases => canvases.map(c => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        return painted;
    }));
}

/** The CLI and results-view bundles (built once by tests/global-setup.ts). */
export function bundlesDir(root: string): string {
    return path.join(root, 'out');
}

/** `osteo run FILE --format json` on an example, with the bundled CLI: real engine output for a view. */
export function exampleRun(example: string): RunResult {
    const r = spawnSync(process.execPath, [path.join(bundlesDir(ROOT), 'cli.js'), 'run', path.join(ROOT, 'examples', example), '--format', 'json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`osteo run ${example} failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as RunResult;
}

/**
 * The results page as VS Code hosts it — buildResultsHtml's strict CSP and nonce, the bundled view — written
 * into `folder` as index.html, with `stub` (a stand-in for acquireVsCodeApi) as a nonce'd script after the
 * root element, so that the page runs outside VS Code.
 */
export function writeHostedPage(folder: string, stub: string, nonce: string): void {
    const bundles = bundlesDir(ROOT);
    for (const f of ['results.js', 'results.css']) fs.copyFileSync(path.join(bundles, 'webview', f), path.join(folder, f));
    fs.writeFileSync(path.join(folder, 'stub.js'), stub);
    const html = buildResultsHtml({ cspSource: 'http://127.0.0.1:*', scriptUri: 'results.js', styleUri: 'results.css', title: 'Results', nonce })
        .replace('<main id="osteo-root"></main>', `<main id="osteo-root"></main>\n<script nonce="${nonce}" src="stub.js"></script>`);
    fs.writeFileSync(path.join(folder, 'index.html'), html);
}

/** The results view as VS Code hosts it (writeHostedPage), served, with a browser and an example's real run; close() ends all three. */
export async function hostedResultsView(example: string, stub: string, nonce: string): Promise<{ run: RunResult; url: string; browser: Browser; close: () => Promise<void> }> {
    const run = exampleRun(example);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-view-'));
    writeHostedPage(dir, stub, nonce);
    const site = await serve(dir);
    const browser = await launch();
    return {
        run, url: site.url, browser,
        close: async () => {
            await browser.close();
            await site.close();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    };
}
