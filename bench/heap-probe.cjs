// Loaded into the language server by bench/editor-load-bench.ts (`node --expose-gc -r bench/heap-probe.cjs`): on
// SIGUSR2, two full collections, then the heap still reachable is appended to $OSTEO_HEAP_PROBE_FILE. It tells a
// leak (reachable heap that grows with the edits) from heap V8 keeps for reuse (RSS that a collection returns).
const fs = require('node:fs');
process.on('SIGUSR2', () => {
    global.gc();
    global.gc();
    const { heapUsed } = process.memoryUsage();
    fs.appendFileSync(process.env.OSTEO_HEAP_PROBE_FILE, `${heapUsed}\n`);
});
