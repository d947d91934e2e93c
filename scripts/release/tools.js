// Release tooling shared by `npm run package`, `npm run release:check` and the install tests: where the
// packaging tools live, how to install them, and the names of the artefacts.
//
// @vscode/vsce (≈100 MB of node_modules, and it declares Node ≥ 22 though it runs on 20) is kept out of the
// project's own devDependencies so that `npm ci` stays small for everyone; it has its own package.json and
// lock file here and is installed on first use with `npm ci` from the npm registry. Packaging itself is offline.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const TOOLS = __dirname;
const manifest = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The artefacts `npm run package` and `npm pack` write into the repository root (both gitignored). */
function artefacts(version = manifest().version) {
    return {
        vsix: path.join(ROOT, `osteo-scenarios-${version}.vsix`),
        tarball: path.join(ROOT, `osteo-scenarios-${version}.tgz`)
    };
}

function run(command, args, options = {}) {
    const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
    if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
    return result;
}

/** The vsce command line script, installed into scripts/release/node_modules when missing. */
function vsce() {
    const bin = path.join(TOOLS, 'node_modules', '@vscode', 'vsce', 'vsce');
    if (!fs.existsSync(bin)) {
        console.log('[release] installing @vscode/vsce into scripts/release/node_modules (once)');
        // Without the npm_* variables of an enclosing `npm run`: they would make this nested npm act on the project.
        const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
        run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS, env });
    }
    return bin;
}

module.exports = { ROOT, artefacts, manifest, run, vsce };
