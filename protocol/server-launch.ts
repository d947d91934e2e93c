/**
 * How the language server process is started (by the extension host; also by `npm run bench`, which measures it
 * as the extension runs it).
 *
 * `--max-semi-space-size=4` bounds V8's young generation at 2 × 4 MB: by default it grows to 2 × 16 MB under a
 * burst of typing and V8 never gives it back in an idle process — most of the 84 → 139 MB RSS growth after
 * 10,000 edits of issue 16 (server/src/idle-memory.ts). The server's allocations are small and short-lived, so
 * the smaller young generation costs more frequent but shorter scavenges (docs/performance.md).
 */
export const LANGUAGE_SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
