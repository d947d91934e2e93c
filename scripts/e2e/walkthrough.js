#!/usr/bin/env node
// The README walkthrough, driven like a user in the real workbench (code-server + headless Chromium), in a light and
// a dark theme: open a scenario with a misspelt drug, see the squiggle and its message, apply the quick fix, click
// the Run button in the editor title, and see the results tab with its plots. Saves docs/screenshots/*-{light,dark}.png.
// Run alone (npm run screenshots): node scripts/e2e/walkthrough.js [--no-build] [--theme light|dark] [--out DIR];
// `npm run test:e2e` runs it after the suite with --out tests/output/e2e/screenshots.
// A step that does not happen fails the script with the step's name and a screenshot under tests/output/e2e/.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ensureRuntime } = require('./install-runtime.js');
const { writeUserSettings, startCodeServer, launchChromium, makeTempDir } = require('./workbench.js');

const ROOT = path.resolve(__dirname, '..', '..');
const EXTENSION = path.resolve(process.env.OSTEO_E2E_EXTENSION_PATH || ROOT);   // e.g. an unpacked VSIX
const FIXTURE = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'workspace');
const outAt = process.argv.indexOf('--out');
// docs/screenshots by default (the README's pictures); the test run writes elsewhere so it leaves the tree clean.
const SHOTS = path.resolve(outAt >= 0 ? process.argv[outAt + 1] : path.join(ROOT, 'docs', 'screenshots'));
const FAILURES = path.join(ROOT, 'tests', 'output', 'e2e');
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const FILE = 'typo.osteo';
// Only the files the story needs: the other fixtures are deliberately broken and would crowd the Problems panel.
const WORKSPACE_FILES = [FILE, 'ra-timing.osteo'];
const STEP_TIMEOUT_MS = 60000;

class StepFailed extends Error {}

async function step(page, theme, name, action) {
    const started = Date.now();
    try {
        const result = await action();
        console.log(`[walkthrough:${theme}] ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        return result;
    } catch (error) {
        fs.mkdirSync(FAILURES, { recursive: true });
        const shot = path.join(FAILURES, `walkthrough-${theme}-${name.replace(/[^A-Za-z0-9]+/g, '-')}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new StepFailed(`[${theme}] "${name}" did not happen: ${error.message.split('\n')[0]} (screenshot ${path.relative(ROOT, shot)})`);
    }
}

/** The frame of the results webview that has drawn at least one uPlot chart. */
async function plottedFrame(page) {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while (Date.now() < deadline) {
        for (const frame of page.frames().filter(f => f !== page.mainFrame())) {   // the workbench has canvases of its own
            const plots = await frame.locator('.uplot canvas').count().catch(() => 0);
            if (plots > 0) return { frame, plots };
        }
        await page.waitForTimeout(250);
    }
    throw new Error('no webview frame drew a plot');
}

/**
 * Where a user would point at an element. Pointer actions go through coordinates: Playwright's own hover/click scroll
 * the element into view natively, which shifts Monaco's virtualised editor and leaves it drawn at the wrong place.
 */
async function centre(locator) {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element is not visible');
    return [box.x + box.width / 2, box.y + box.height / 2];
}

/** Points at `target` until `shows` is visible: code lenses arriving late can still move the line under the pointer. */
async function pointUntil(page, target, shows) {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
        await page.mouse.move(1, 1);
        await page.mouse.move(...(await centre(target)));
        try {
            return await shows.waitFor({ state: 'visible', timeout: 3000 });
        } catch (error) {
            if (Date.now() > deadline) throw error;
        }
    }
}

/** Saves a screenshot once two consecutive captures agree, so a webview still painting is not caught half-drawn. */
async function settledScreenshot(page, file) {
    let previous = await page.screenshot();
    for (let attempt = 0; attempt < 40; attempt++) {
        await page.waitForTimeout(250);
        const current = await page.screenshot();
        if (current.equals(previous)) {
            fs.writeFileSync(file, current);
            return;
        }
        previous = current;
    }
    throw new Error('the workbench kept changing for 10 s');
}

/** The end of the Osteo language server's output channel, to explain a step that never happened. */
function serverLogTail(tmp) {
    const logs = [];
    const visit = dir => fs.readdirSync(dir, { withFileTypes: true }).forEach(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(full);
        else if (/Osteo.*\.log$/.test(entry.name)) logs.push(full);
    });
    try { visit(path.join(tmp, 'user-data', 'logs')); } catch { return ''; }
    if (!logs.length) return '\n  (the Osteo language server wrote nothing to its output channel)';
    return logs.map(log => `\n  ${path.basename(log)}:\n    ${fs.readFileSync(log, 'utf8').trim().split('\n').slice(-8).join('\n    ')}`).join('');
}

async function walk(runtime, theme, workspace) {
    const tmp = makeTempDir(`osteo-walkthrough-${theme}-`);
    const userDataDir = path.join(tmp, 'user-data');
    writeUserSettings(userDataDir, {
        'workbench.colorTheme': THEMES[theme],
        'editor.fontSize': 14,
        'editor.minimap.enabled': false,
        'editor.stickyScroll.enabled': false,
        'editor.cursorBlinking': 'solid',
        'window.title': 'Osteo Scenarios: ${activeEditorShort}',
        'workbench.editor.enablePreview': false,
        'editor.hover.delay': 150
    });
    const server = await startCodeServer({ runtime, tmp, userDataDir, extensionsDir: path.join(tmp, 'extensions') });
    let browser;
    try {
        browser = await launchChromium(runtime.chromium, tmp);
        const page = await (await browser.newContext({ viewport: { width: 1600, height: 960 }, colorScheme: theme })).newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        // The extension is loaded from the working tree, as in the suite (extensionDevelopmentPath).
        await page.goto(server.workbenchUrl(workspace, { developmentPaths: [EXTENSION] }));

        await step(page, theme, 'open the Problems panel', async () => {
            await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).waitFor();
            await page.keyboard.press('Control+Shift+M');
            await page.locator('.markers-panel-container').waitFor();
        });
        await step(page, theme, 'open the file from the explorer', async () => {
            await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).dblclick();
            await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor();
        });
        const squiggle = page.locator('.monaco-editor .squiggly-error').first();
        await step(page, theme, 'see the squiggle under the misspelt drug', () => squiggle.waitFor());
        await step(page, theme, 'read the message in the Problems panel and the hover', async () => {
            await page.locator('.markers-panel .monaco-list-row', { hasText: /adalimumabb/ }).first().waitFor();
            await pointUntil(page, squiggle, page.locator('.monaco-hover', { hasText: /adalimumab/ }).first());
        });
        await step(page, theme, 'take a settled screenshot', () => settledScreenshot(page, path.join(SHOTS, `diagnostics-${theme}.png`)));

        await step(page, theme, 'apply the quick fix', async () => {
            // As a user would: click the problem (the editor's cursor goes to it), then ask for quick fixes.
            await page.locator('.markers-panel .monaco-list-row', { hasText: /adalimumabb/ }).first().dblclick();
            await page.locator('.monaco-editor.focused').waitFor();
            await page.keyboard.press('Control+.');
            await page.locator('.action-widget .monaco-list-row', { hasText: /\badalimumab\b/ }).first().click();
            await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });
        });
        await step(page, theme, 'click the Run button in the editor title', async () => {
            await page.keyboard.press('Control+J');   // hide the panel: room for the results
            await page.locator('.editor-actions .action-label[aria-label*="Run" i]').first().click();
        });
        await step(page, theme, 'see the results tab', () =>
            page.locator('.tabs-container .tab', { hasText: /TypoDemo|Anti-TNF in active RA|Results/i }).first().waitFor());
        await step(page, theme, 'see the results view shown', () => page.locator('iframe.webview.ready').first().waitFor({ state: 'visible' }));
        const { frame } = await step(page, theme, 'see the plots', () => plottedFrame(page));
        await step(page, theme, 'see the summary table', () => frame.locator('table').first().waitFor({ state: 'visible' }));
        await page.mouse.move(1, 1);
        await step(page, theme, 'take a settled screenshot', () => settledScreenshot(page, path.join(SHOTS, `results-${theme}.png`)));
    } catch (error) {
        error.message += `${serverLogTail(tmp)}\n  (workbench logs kept in ${tmp})`;
        throw error;
    } finally {
        await browser?.close().catch(() => undefined);
        await server.stop();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
}

async function main() {
    const argv = process.argv.slice(2);
    const only = argv.includes('--theme') ? argv[argv.indexOf('--theme') + 1] : undefined;
    if (only && !THEMES[only]) throw new StepFailed(`--theme must be one of ${Object.keys(THEMES).join(', ')}`);
    const runtime = ensureRuntime();
    if (!argv.includes('--no-build')) {
        const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
        if (build.status !== 0) throw new StepFailed('the build (node esbuild.js) failed');
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    const started = Date.now();
    for (const theme of only ? [only] : Object.keys(THEMES)) {
        // A fresh copy each time: the walk fixes the file, and the run may save it.
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-walkthrough-ws-'));
        const workspace = path.join(scratch, 'workspace');
        fs.mkdirSync(workspace);
        for (const file of WORKSPACE_FILES) fs.copyFileSync(path.join(FIXTURE, file), path.join(workspace, file));
        try {
            await walk(runtime, theme, workspace);
        } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    }
    console.log(`[walkthrough] screenshots in ${path.relative(ROOT, SHOTS) || '.'}/ (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().then(() => process.exit(0), error => {
    console.error(error instanceof StepFailed ? `[walkthrough] ${error.message}` : `[walkthrough] ${error.stack}`);
    process.exit(1);
});
