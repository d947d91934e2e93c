import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../out/cli.js');

export interface CliRun {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly ms: number;
}

/** The bundled `osteo` in `cwd`, killed after `timeoutMs` (code null then). */
export function osteo(cwd: string, args: string[], timeoutMs = 60_000): CliRun {
    const started = performance.now();
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: performance.now() - started };
}

/** A Node stack frame (`    at f (file.js:1:2)`): never shown for a user's mistake. */
export const STACK_FRAME = /^\s+at .+[:(]/m;
