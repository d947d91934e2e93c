/**
 * (e) The language server under a typing burst (issue 16): 200 one-character edits in two seconds with completion
 * asked every 25 ms meanwhile (its p95 during the burst), the time until the final diagnostics are published, and
 * the server's memory before and after 10,000 edits (RSS after the server has been idle for five seconds), and the
 * heap still reachable after full collections (bench/heap-probe.cjs), which tells a leak from heap V8 keeps.
 * The server is launched as the extension launches it (protocol/server-launch.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { LspClient } from './lsp-client.js';
import { typedArms, typingEdits, type TypingEdit } from './edit-burst.js';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

export async function runEditorLoadBench(root: string, say: (line?: string) => void): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-bench-burst-'));
    for (const f of ['ra-timing.osteo', 'regimens.osteo']) fs.copyFileSync(path.join(root, 'examples', f), path.join(dir, f));
    // The server runs with a heap probe (bench/heap-probe.cjs): the heap still reachable after full collections.
    const probeFile = path.join(dir, 'heap-probe.txt');
    process.env.OSTEO_HEAP_PROBE_FILE = probeFile;
    const client = new LspClient(path.join(root, 'out', 'server.js'), ['--expose-gc', '-r', path.join(root, 'bench', 'heap-probe.cjs')]);
    try {
        const rootUri = URI.file(dir).toString();
        const uri = URI.file(path.join(dir, 'ra-timing.osteo')).toString();
        let latest: { message: string }[] | undefined;
        client.on('textDocument/publishDiagnostics', p => { if (p.uri === uri) latest = p.diagnostics; });
        await client.request('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'burst' }], capabilities: {} });
        client.notify('initialized', {});
        const source = fs.readFileSync(path.join(dir, 'ra-timing.osteo'), 'utf8');
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'osteo', version: 1, text: source } });
        while (!latest) await sleep(20);
        await sleep(2000);
        const rssStart = client.rssMb();
        const heapStart = await reachableHeapMb(client, probeFile);

        // The burst: 200 edits at 10 ms intervals, completion every 25 ms.
        const { edits, completionAt } = typingEdits(source, typedArms(6));
        let version = 1;
        const send = (edit: TypingEdit) => client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [edit] });
        const completion: number[] = [];
        let typing = true;
        const asking = (async () => {
            while (typing) {
                const t = performance.now();
                await client.request('textDocument/completion', { textDocument: { uri }, position: completionAt });
                completion.push(performance.now() - t);
                await sleep(25);
            }
        })();
        const burstStart = performance.now();
        for (let k = 0; k < 200; k++) {
            send(edits[k]);
            const due = burstStart + (k + 1) * 10;
            const wait = due - performance.now();
            if (wait > 0) await sleep(wait);
        }
        const burstSeconds = (performance.now() - burstStart) / 1000;
        for (let k = 200; k < edits.length; k++) send(edits[k]);
        typing = false;
        await asking;
        const settleStart = performance.now();
        while (!latest?.some(d => d.message.includes("'AntiTFN'"))) await sleep(10);
        const settle = performance.now() - settleStart;

        // 10,000 more edits: a character typed and deleted at the end of the last typed line, in batches of 100.
        const lastLine = completionAt.line;
        const lines = source.split('\n');
        const at = { line: lastLine, character: lines[lastLine].length };
        const memoryStart = performance.now();
        for (let k = 0; k < 10_000; k++) {
            const insert = k % 2 === 0;
            send({ range: { start: at, end: { line: at.line, character: at.character + (insert ? 0 : 1) } }, text: insert ? ' ' : '' });
            if (k % 100 === 99) await sleep(5);
        }
        latest = undefined;
        while (!latest) await sleep(20);
        const manySeconds = (performance.now() - memoryStart) / 1000;
        await sleep(5000);
        const rssEnd = client.rssMb();
        const heapEnd = await reachableHeapMb(client, probeFile);
        const growth = (rssEnd / rssStart - 1) * 100;
        const p95 = quantile(completion, 0.95);
        say(`Server on examples/ra-timing.osteo (+ regimens.osteo). The burst types ${typedArms(6).split('\n').length - 1} arm lines one character per edit.`);
        say();
        say('| measure | value | target |');
        say('|---|---|---|');
        say(`| 200 edits sent in | ${burstSeconds.toFixed(2)} s | 2 s |`);
        say(`| completion during the burst, ${completion.length} requests: p50 / p95 | ${quantile(completion, 0.5).toFixed(1)} / ${p95.toFixed(1)} ms | p95 < 50 ms: ${p95 < 50 ? 'met' : '**missed**'} |`);
        say(`| last edit → final diagnostics | ${settle.toFixed(0)} ms | |`);
        say(`| memory (RSS) before / after 10,000 edits (${manySeconds.toFixed(1)} s), idle 5 s | ${rssStart.toFixed(0)} / ${rssEnd.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(0)} %) | within 20 %: ${Math.abs(growth) <= 20 ? 'met' : '**missed**'} |`);
        say(`| heap still reachable after full collections, before / after (measured after the RSS) | ${heapStart.toFixed(1)} / ${heapEnd.toFixed(1)} MB | growth ${(heapEnd - heapStart).toFixed(1)} MB (a leak grows with the edits) |`);
        say();
        say('That the final diagnostics equal a fresh open of the same text is asserted by tests/server/edit-burst.test.ts.');
    } finally {
        await client.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Asks the server's heap probe (bench/heap-probe.cjs) for the heap still reachable, MB. */
async function reachableHeapMb(client: LspClient, file: string): Promise<number> {
    const count = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
    const before = count().length;
    process.kill(client.pid, 'SIGUSR2');
    for (let k = 0; k < 500; k++) {
        const lines = count();
        if (lines.length > before) return Number(lines[lines.length - 1]) / 2 ** 20;
        await sleep(20);
    }
    return NaN;
}
