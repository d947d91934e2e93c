// Starts code-server (VS Code's server with its Node extension host) on 127.0.0.1 and opens its workbench in
// headless Chromium. Shared by the test shim (code-shim.js) and the screenshot walkthrough (walkthrough.js).
'use strict';
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { chromium } = require('playwright-core');

/** User settings for a quiet, offline, deterministic workbench. */
function writeUserSettings(userDataDir, extra = {}) {
    const file = path.join(userDataDir, 'User', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const settings = {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        'window.commandCenter': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        // Completion tests look at what the language server offers, not at words picked up from open files.
        'editor.wordBasedSuggestions': 'off',
        ...extra
    };
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function status(url) {
    return new Promise(resolve => http.get(url, res => { res.resume(); resolve(res.statusCode); }).on('error', () => resolve(0)));
}

/**
 * Starts code-server in its own process group. `tmp` receives the config, the log and code-server's own
 * temp files (its IPC sockets would otherwise pile up in the system temp folder).
 */
async function startCodeServer({ runtime, tmp, userDataDir, extensionsDir, startTimeoutMs = 60000 }) {
    const port = await freePort();
    const config = path.join(tmp, 'code-server.yaml');
    // Always an explicit --config: without it code-server writes ~/.config/code-server/config.yaml.
    fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    fs.mkdirSync(extensionsDir, { recursive: true });
    const logFile = path.join(tmp, 'code-server.log');
    const log = fs.openSync(logFile, 'a');
    const child = spawn(runtime.node, [runtime.codeServerEntry, '--config', config,
        '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
        // Without it the built workbench silently ignores extensionDevelopmentPath/extensionTestsPath in the URL.
        '--vscode-option', 'enable-smoke-test-driver'],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, TMPDIR: tmp, PATH: `${path.dirname(runtime.node)}:${process.env.PATH}` } });
    fs.closeSync(log);
    let exited = false;
    child.once('exit', () => { exited = true; });
    const stop = async () => {
        if (exited) return;
        try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
        await Promise.race([new Promise(resolve => child.once('exit', resolve)), new Promise(resolve => setTimeout(resolve, 5000))]);
        if (!exited) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    };
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + startTimeoutMs;
    while ((await status(`${base}/healthz`)) !== 200) {
        if (exited || Date.now() > deadline) {
            await stop();
            const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
            throw new Error(`code-server did not start (log ${logFile}):\n${tail}`);
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    const authority = `127.0.0.1:${port}`;
    /** The workbench URL for a folder; `payload` carries the Electron-style dev/test paths as vscode-remote URIs. */
    const workbenchUrl = (folder, { developmentPaths = [], testsPath } = {}) => {
        const remote = p => `vscode-remote://${authority}${p}`;
        const payload = [
            ...developmentPaths.map(p => ['extensionDevelopmentPath', remote(p)]),
            ...(testsPath ? [['extensionTestsPath', remote(testsPath)]] : []),
            ['skipWelcome', 'true']
        ];
        return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    };
    return { port, base, logFile, workbenchUrl, stop };
}

/** Headless Chromium; its config and cache (crash reports…) go to `tmp`, not the user's home. */
async function launchChromium(executablePath, tmp) {
    return chromium.launch({
        executablePath,
        headless: true,
        env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-breakpad']
    });
}

function makeTempDir(prefix) {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = { writeUserSettings, startCodeServer, launchChromium, makeTempDir };
