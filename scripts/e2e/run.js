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
// --installed [--vsix FILE]: test the extension a user installs instead: `npm run package` (or FILE) is installed into the
//   throw-away extensions folder of the VS Code under test, and the development path is an empty host extension, so a
//   file missing from the .vsix fails the suite (no walkthrough in this mode).
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
const INSTALLED_HOST = path.join(SUITE_SRC, 'installed-host');
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

function packageVsix() {
    const started = Date.now();
    const { packageVsix } = require('../release/package-vsix.js');
    const vsix = packageVsix();
    say(`packaged ${path.relative(ROOT, vsix)} in ${seconds(started)}`);
    return vsix;
}

/** Installs the .vsix into `extensionsDir` with the CLI of the VS Code under test, as `code --install-extension` does. */
async function installVsix(runtime, vsix, profile) {
    const extensionsDir = path.join(profile, 'extensions');
    const userDataDir = path.join(profile, 'user-data');
    let command;
    let args = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'];
    if (runtime === 'offline') {
        const p = require('./install-runtime.js').runtimePaths();
        const config = path.join(profile, 'code-server.yaml');   // else code-server writes ~/.config/code-server/config.yaml
        fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
        command = p.node;
        args = [p.codeServerEntry, '--config', config, ...args];
    } else {
        const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } = require('@vscode/test-electron');
        const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(await downloadAndUnzipVSCode('stable'));
        command = cli;
        args = [...cliArgs, ...args];
    }
    const started = Date.now();
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120000 });
    if (result.status !== 0) throw new Error(`installing ${path.basename(vsix)} failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim()}`);
    const installed = fs.readdirSync(extensionsDir).filter(name => name.startsWith('osteo-scenarios.osteo-scenarios-'));
    if (installed.length !== 1) throw new Error(`after installing ${path.basename(vsix)}, ${extensionsDir} holds ${JSON.stringify(fs.readdirSync(extensionsDir))}`);
    say(`installed ${installed[0]} into a throw-away extensions folder in ${seconds(started)}`);
    return extensionsDir;
}

async function runSuite(runtime, grep, vsix) {
    const { runTests } = require('@vscode/test-electron');
    const workspace = copyFixtureWorkspace();
    // A fresh profile per run (test-electron would otherwise reuse .vscode-test/user-data and its old state).
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-e2e-profile-'));
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    const resultFile = path.join(profile, 'result.json');
    // Installed mode: the extension comes from the .vsix in the extensions folder (so extensions stay enabled) and the
    // development path is an empty host; the suite checks that the Osteo extension it drives is the installed one.
    const installedIn = vsix ? await installVsix(runtime, vsix, profile) : '';
    const options = {
        extensionDevelopmentPath: vsix ? INSTALLED_HOST : EXTENSION,
        extensionTestsPath: path.join(SUITE_OUT, 'index.js'),
        launchArgs: [workspace, ...(vsix ? [] : ['--disable-extensions']),
            `--user-data-dir=${path.join(profile, 'user-data')}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
        extensionTestsEnv: { OSTEO_E2E_FAILURE_SCREENSHOTS: runtime === 'offline' ? ARTIFACTS : '', OSTEO_E2E_GREP: grep || '', [RESULT_ENV]: resultFile,
            OSTEO_E2E_INSTALLED_IN: installedIn }
    };
    if (runtime === 'offline') options.vscodeExecutablePath = path.join(__dirname, 'code-shim.js');
    else options.version = 'stable';
    const started = Date.now();
    try {
        await runTests(options);
        // The host exiting cleanly is not enough: the suite must have reported tests that ran.
        const verdict = suiteVerdict(fs.existsSync(resultFile) ? fs.readFileSync(resultFile, 'utf8') : undefined);
        if (!verdict.ok) throw new Error(verdict.message);
        say(`suite passed in ${seconds(started)} (${runtime} runtime, ${vsix ? `installed ${path.basename(vsix)}` : 'development extension'}): ${verdict.message}`);
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
    const installed = argv.includes('--installed');
    const vsixAt = argv.indexOf('--vsix');
    // Installed mode packages (production bundles) instead of building the development extension.
    const vsix = !installed ? undefined : vsixAt >= 0 ? path.resolve(argv[vsixAt + 1]) : packageVsix();
    if (vsix && !fs.existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
    if (!installed) build();
    await compileSuite();
    let ok = await runSuite(runtime, grep, vsix);
    if (runtime === 'offline' && !installed && !argv.includes('--no-walkthrough') && !grep) {
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
