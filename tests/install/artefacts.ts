// Where the install suite finds what a user installs, and a clean environment to run commands in.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
export const VSIX = path.join(ROOT, `osteo-scenarios-${VERSION}.vsix`);
export const TARBALL = path.join(ROOT, `osteo-scenarios-${VERSION}.tgz`);

/**
 * The environment of a user's shell: no npm_* variables from an enclosing `npm run` (a nested npm would read
 * them as its own configuration), no NODE_PATH, and a PATH with only Node itself and the system tools.
 */
export function userEnv(extraPath: string[] = []): NodeJS.ProcessEnv {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) =>
        !key.toLowerCase().startsWith('npm_') && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS'));
    env.PATH = [...extraPath, path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
    return env;
}

/**
 * `npm install -g --prefix PREFIX ./osteo-scenarios-<version>.tgz`, offline (the package must need nothing from
 * the registry); returns the installed `osteo` command. Throws with npm's output when the install fails.
 */
export function installTarball(prefix: string): string {
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--loglevel=error', TARBALL],
        { cwd: path.dirname(prefix), encoding: 'utf8', env: userEnv(), timeout: 120_000 });
    if (install.status !== 0 || /ERR!/.test(install.stderr)) throw new Error(`npm install -g of ${path.basename(TARBALL)} failed (exit ${install.status}):\n${install.stdout}${install.stderr}`);
    return path.join(prefix, 'bin', 'osteo');
}

/**
 * The path of `command`, installing the Debian packages that provide it when it is missing and we may (CI runs
 * as root with apt-get, as the browser tests do for chromium); undefined when it is missing and cannot be installed.
 */
export function ensureDebianCommand(command: string, packages: string[]): string | undefined {
    const which = () => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || undefined;
    if (which()) return which();
    if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) return undefined;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env, timeout: 300_000 });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...packages], { stdio: 'inherit', env, timeout: 600_000 });
    return which();
}
