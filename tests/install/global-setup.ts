// Builds the two artefacts once for the install suite, as a release would: `npm run package` (the .vsix; its
// vscode:prepublish step writes the minified bundles into out/), then `npm pack` of those same bundles
// (--ignore-scripts: its prepack would only rebuild them). OSTEO_RELEASE_PREBUILT=1 tests the artefacts already in
// the repository root instead.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ROOT, TARBALL, userEnv, VSIX } from './artefacts.js';

function run(command: string, args: string[]): void {
    const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: userEnv() });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export default function setup(): void {
    if (process.env.OSTEO_RELEASE_PREBUILT === '1') {
        for (const file of [VSIX, TARBALL]) if (!fs.existsSync(file)) throw new Error(`OSTEO_RELEASE_PREBUILT=1 but ${file} is missing`);
        return;
    }
    fs.rmSync(VSIX, { force: true });
    fs.rmSync(TARBALL, { force: true });
    run(process.execPath, ['scripts/release/package-vsix.js']);
    run('npm', ['pack', '--ignore-scripts', '--silent']);
}
