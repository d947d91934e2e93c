/**
 * Progress of the long commands (run and report with many arms, sweeps or populations; sensitivity)
 * on stderr, never on stdout, so `--format json > out.json` stays clean (docs/language.md "Command line").
 * By default only when stderr is a terminal: one line rewritten in place. `--progress` also writes it
 * to a log or CI (a line at every tenth of the work); `--no-progress` silences it.
 */
import type { CliArgs } from './args.js';

export interface Progress {
    /** `done` of `total` units of `phase` ("arms", "sweep and population runs", "sensitivity runs"). */
    update(phase: string, done: number, total: number): void;
    /** Clears the live line (terminal) at the end of the command. */
    end(): void;
}

export interface ProgressStream {
    readonly isTTY?: boolean;
    write(text: string): unknown;
}

/** Below this many units a phase is quick: no progress for it (a one-arm run prints nothing). */
const MIN_UNITS = 2;

export function progressFor(args: Pick<CliArgs, 'progress'>, stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress | undefined {
    if (args.progress === false) return undefined;
    const live = stream.isTTY === true;
    if (!live && args.progress !== true) return undefined;
    const started = now();
    let lastDraw = -Infinity;
    let lastTenth = new Map<string, number>();
    let drawn = false;
    return {
        update(phase, done, total) {
            if (total < MIN_UNITS) return;
            const elapsed = ((now() - started) / 1000).toFixed(1);
            const text = `osteo: ${phase} ${done}/${total} (${Math.floor(100 * done / total)} %, ${elapsed} s)`;
            if (live) {
                // At most ten redraws a second: a terminal is slow next to a 2 ms arm.
                if (done < total && now() - lastDraw < 100) return;
                lastDraw = now();
                stream.write(`\r\x1b[K${text}`);
                drawn = true;
                return;
            }
            const tenth = Math.floor(10 * done / total);
            if (tenth === (lastTenth.get(phase) ?? -1)) return;
            lastTenth.set(phase, tenth);
            stream.write(`${text}\n`);
        },
        end() {
            if (live && drawn) stream.write('\r\x1b[K');
            lastTenth = new Map();
        }
    };
}
