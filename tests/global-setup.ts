import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Bundles once before any test file runs: the CLI, server, browser and webview tests all read out/,
 * and test files run in parallel, so none of them may rebuild it.
 */
export default function setup(): void {
    execFileSync(process.execPath, ['esbuild.js'], { cwd: path.resolve(__dirname, '..'), stdio: 'inherit' });
}
