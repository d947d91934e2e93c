#!/usr/bin/env node
// `npm run package`: builds osteo-scenarios-<version>.vsix in the repository root with @vscode/vsce, offline.
// vsce runs `vscode:prepublish` first (the minified production bundles); .vscodeignore decides what ships;
// --no-dependencies because every runtime dependency is already inside the bundles. Usage: [--out FILE].
'use strict';
const fs = require('fs');
const path = require('path');
const { ROOT, artefacts, run, vsce } = require('./tools.js');

function packageVsix(out = artefacts().vsix) {
    const started = Date.now();
    fs.rmSync(out, { force: true });
    // stdin closed: vsce would otherwise stop at a prompt (e.g. about a missing field) when there is no terminal.
    run(process.execPath, [vsce(), 'package', '--no-dependencies', '--out', out], { stdio: ['ignore', 'inherit', 'inherit'] });
    const size = fs.statSync(out).size;
    console.log(`[release] ${path.relative(ROOT, out)}: ${(size / 1024).toFixed(0)} KB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return out;
}

module.exports = { packageVsix };

if (require.main === module) {
    const at = process.argv.indexOf('--out');
    try {
        packageVsix(at >= 0 ? path.resolve(process.argv[at + 1]) : undefined);
    } catch (error) {
        console.error(`[release] ${error.message}`);
        process.exit(1);
    }
}
