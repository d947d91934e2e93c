import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { LangiumSharedServices } from 'langium/lsp';

/** Quiet time after the last edit before memory is given back. */
const IDLE_MS = 2000;
/** Edits since the last release that make one worthwhile (a few keystrokes leave little garbage). */
const EDITS = 200;

/**
 * Frees the garbage of a burst of edits once the editor has been quiet for a while (issue 16: RSS 84 → 139 MB
 * after 10,000 edits). Measured with --expose-gc (bench/editor-load-bench.ts, OSTEO_BENCH_PROBE): the heap still
 * reachable after those edits is about 1 MB larger than before them; the rest of the growth is V8 sizing its heap
 * for the burst. The young generation's growth is bounded where the server is launched (LANGUAGE_SERVER_NODE_FLAGS
 * in protocol/server-launch.ts); the old generation's garbage is not collected in an idle process, because V8
 * collects when it allocates. One full collection after typing has stopped frees it (a few ms on this heap; it
 * never runs while edits arrive).
 */
export function releaseMemoryWhenIdle(shared: LangiumSharedServices): { dispose(): void } {
    const collect = fullCollection();
    let edits = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = shared.workspace.TextDocuments.onDidChangeContent(() => {
        edits++;
        if (timer) clearTimeout(timer);
        if (edits < EDITS || !collect) return;
        timer = setTimeout(() => {
            timer = undefined;
            edits = 0;
            collect();
        }, IDLE_MS);
        timer.unref();
    });
    return { dispose: () => { listener.dispose(); if (timer) clearTimeout(timer); } };
}

type Gc = () => void;

/** V8's full collection: `gc` when Node runs with --expose-gc, else exposed to a fresh context for this use only. */
function fullCollection(): (() => void) | undefined {
    let gc = (globalThis as { gc?: Gc }).gc;
    if (typeof gc !== 'function') {
        try {
            v8.setFlagsFromString('--expose-gc');
            gc = vm.runInNewContext('gc') as Gc;
            v8.setFlagsFromString('--no-expose-gc');
        } catch {
            return undefined;
        }
    }
    return typeof gc === 'function' ? gc : undefined;
}
