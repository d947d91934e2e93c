#!/usr/bin/env node
// `npm run test:e2e`: builds the extension, compiles the mocha suite, runs it inside a real VS Code extension host
// against a copy of tests/e2e/fixtures/workspace, then runs the screenshot walkthrough (its pictures go to
// tests/output/e2e/screenshots; `node scripts/e2e/walkthrough.js` alone refreshes docs/screenshots).
//
// Which VS Code (VSCODE_E2E_RUNTIME):
//   offline   code-server + headless Chromium from .e2e-runtime/ (installed on first use; see install-runtime.js)
//   download  @vscode/test-electron's normal Electron download (needs network, and a display on Linux)
//   auto      (default) download when update.code.visualstudio.com resolves and a display exists, else offline
// OSTEO_E2E_EXTENSION_PATH tests another copy of the extension (default: this working tree).
// Options: --no-walkthrough, --grep PATTERN (only matching tests).
// The run never passes without running (scripts/e2e/outcome.js): a missing prerequisite fails it (exit 1) unless
// OSTEO_E2E_ALLOW_SKIP=1 accepts the skip, and a run in which no test executed (e.g. a --grep that matches nothing)
// fails, judged from the counts the suite writes to the file named by OSTEO_E2E_RESULT.
'use strict';
const dns = require('dns');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { RESULT_ENV, skipVerdict, suiteVerdict } = require('./outcome.js');

const ROOT = path.resolve(__dirname, '..', '..');
const EXTENSION = path.resolve(process.env.OSTEO_E2E_EXTENSION_PATH || ROOT);   // e.g. an unpacked VSIX
const SUITE_SRC = path.join(ROOT, 'tests', 'e2e');
const SUITE_OUT = path.join(ROOT, 'out', 'tests', 'e2e');
const FIXTURE = path.join(SUITE_SRC, 'fixtures', 'workspace');
const ARTIFACTS = path.join(ROOT, 'tests', 'output', 'e2e');   // failure screenshots (gitignored)
const CI = process.env.CI === 'true' || process.env.CI === '1';

const seconds = since => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = message => console.log(`[e2e] ${message}`);

class Prerequisite extends Error {}

function build() {
    const started = Date.now();
    const result = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('the build (node esbuild.js) failed');
    say(`built the extension in ${seconds(started)}`);
}

async function compileSuite() {
    const esbuild = require('esbuild');
    const entryPoints = fs.readdirSync(SUITE_SRC).filter(f => f.endsWith('.ts')).map(f => path.join(SUITE_SRC, f));
    fs.rmSync(SUITE_OUT, { recursive: true, force: true });
    // One file per source (bundle: false): mocha loads the *.test.js files itself, `vscode` comes from the host.
    await esbuild.build({ entryPoints, outdir: SUITE_OUT, format: 'cjs', platform: 'node', target: 'node20', bundle: false, sourcemap: true, logLevel: 'warning' });
    // `import './helpers.js'` in the sources already names the compiled file, so no rewriting is needed.
}

function resolves(host, timeoutMs) {
    return new Promise(resolve => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        dns.lookup(host, error => { clearTimeout(timer); resolve(!error); });
    });
}

async function chooseRuntime() {
    const wanted = process.env.VSCODE_E2E_RUNTIME || 'auto';
    if (wanted === 'offline' || wanted === 'download') return wanted;
    if (wanted !== 'auto') throw new Error(`VSCODE_E2E_RUNTIME must be auto, offline or download, not "${wanted}"`);
    const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
    return display && (await resolves('update.code.visualstudio.com', 3000)) ? 'download' : 'offline';
}

function copyFixtureWorkspace() {
    // Tests edit documents (quick fixes, formatting); a throw-away copy keeps the repository clean whatever happens.
    const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-e2e-ws-')), 'workspace');
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    return workspace;
}

async function runSuite(runtime, grep) {
    const { runTests } = require('@vscode/test-electron');
    const workspace = copyFixtureWorkspace();
    // A fresh profile per run (test-electron would otherwise reuse .vscode-test/user-data and its old state).
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-e2e-profile-'));
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    const resultFile = path.join(profile, 'result.json');
    const options = {
        extensionDevelopmentPath: EXTENSION,
        extensionTestsPath: path.join(SUITE_OUT, 'index.js'),
        launchArgs: [workspace, '--disable-extensions',
            `--user-data-dir=${path.join(profile, 'user-data')}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
        extensionTestsEnv: { OSTEO_E2E_FAILURE_SCREENSHOTS: runtime === 'offline' ? ARTIFACTS : '', OSTEO_E2E_GREP: grep || '', [RESULT_ENV]: resultFile }
    };
    if (runtime === 'offline') options.vscodeExecutablePath = path.join(__dirname, 'code-shim.js');
    else options.version = 'stable';
    const started = Date.now();
    try {
        await runTests(options);
        // The host exiting cleanly is not enough: the suite must have reported tests that ran.
        const verdict = suiteVerdict(fs.existsSync(resultFile) ? fs.readFileSync(resultFile, 'utf8') : undefined);
        if (!verdict.ok) throw new Error(verdict.message);
        say(`suite passed in ${seconds(started)} (${runtime} runtime): ${verdict.message}`);
        fs.rmSync(profile, { recursive: true, force: true });
        return true;
    } catch (error) {
        say(`suite FAILED in ${seconds(started)}: ${error.message}${fs.existsSync(ARTIFACTS) ? `; screenshots of the failures in ${path.relative(ROOT, ARTIFACTS)}/` : ''}; `
            + `extension host logs in ${path.join(profile, 'user-data', 'logs')}`);
        return false;
    } finally {
        fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    }
}

async function main() {
    const argv = process.argv.slice(2);
    const grepAt = argv.indexOf('--grep');
    const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;
    const started = Date.now();
    const runtime = await chooseRuntime();
    if (runtime === 'offline') {
        const { ensureRuntime } = require('./install-runtime.js');
        const checked = Date.now();
        try {
            ensureRuntime();
        } catch (error) {
            throw new Prerequisite(`the offline VS Code runtime is not available: ${error.message}`);
        }
        say(`offline runtime ready (${seconds(checked)})`);
    }
    build();
    await compileSuite();
    let ok = await runSuite(runtime, grep);
    if (runtime === 'offline' && !argv.includes('--no-walkthrough') && !grep) {
        const walk = spawnSync(process.execPath, [path.join(__dirname, 'walkthrough.js'), '--no-build', '--out', path.join(ARTIFACTS, 'screenshots')],
            { cwd: ROOT, stdio: 'inherit' });
        ok = walk.status === 0 && ok;
    }
    say(`done in ${seconds(started)}`);
    return ok ? 0 : 1;
}

main().then(code => process.exit(code), error => {
    if (error instanceof Prerequisite) {
        const verdict = skipVerdict(error.message, process.env);
        (verdict.code === 0 ? console.warn : console.error)(`[e2e] ${CI ? '(CI) ' : ''}${verdict.message}`);
        process.exit(verdict.code);
    }
    console.error(`[e2e] ${error.message}`);
    process.exit(1);
});
