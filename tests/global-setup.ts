import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = process.env.OSTEO_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Runs once before any test file. Bundles out/ (the CLI, server, browser and webview tests read it and
 * run in parallel, so none may rebuild it), and makes sure the browser tests have Debian's Chromium:
 * `npm ci && npm test` must pass on a fresh machine, where the registries are all that can be reached.
 */
export default function setup(): void {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
    ensureChromium();
}

function ensureChromium(): void {
    if (fs.existsSync(CHROMIUM)) return;
    const root = process.getuid?.() === 0;
    if (!root) {
        process.stderr.write(`\n!! No Chromium at ${CHROMIUM}: the browser tests will fail. Install it with \`sudo apt-get install -y chromium\`.\n\n`);
        return;
    }
    process.stderr.write('Installing Debian chromium for the browser tests (once per machine)...\n');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (install.status !== 0) throw new Error('apt-get install chromium failed: the browser tests cannot run');
}
