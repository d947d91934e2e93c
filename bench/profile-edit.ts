/**
 * In-process reproduction of the language-server benchmark (bench/run.ts part c) for profiling: the same generated
 * workspace, one-character edits in the 5,000-line file rebuilt as the server rebuilds them, then completion after
 * `give `. Run with `node --cpu-prof out/profile-edit.js [edits]` and read the profile's top self-time functions.
 *
 *   esbuild bench/profile-edit.ts --bundle --platform=node --format=cjs --target=node20 --loader:.osteo=text \
 *       --outfile=out/profile-edit.js && node --cpu-prof --cpu-prof-dir=/tmp/prof out/profile-edit.js 40
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createOsteoServices } from '../language/src/osteo-module.js';
import { generateWorkspace } from './workspace.js';

const quantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const figures = (label: string, xs: number[]) =>
    console.log(`${label.padEnd(40)} p50 ${quantile(xs, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(xs, 0.95).toFixed(1).padStart(7)} ms   (n = ${xs.length})`);
/** CPU time of this process, ms: on a shared machine wall time mostly measures the neighbours. */
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function main(): Promise<void> {
    const edits = Number(process.argv[2] ?? 40);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-profile-ws-'));
    try {
        const { big, lines } = generateWorkspace(dir);
        const { shared, Osteo } = createOsteoServices({ ...NodeFileSystem });
        const builder = shared.workspace.DocumentBuilder;
        const textDocuments = shared.workspace.TextDocuments!;
        const bigUri = URI.file(big);
        let text = fs.readFileSync(big, 'utf8');
        let version = 1;
        let textDocument = TextDocument.create(bigUri.toString(), 'osteo', version, text);
        textDocuments.set(textDocument);

        let t = performance.now();
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(dir).toString(), name: 'profile' }]);
        await builder.update([bigUri], []);
        const document = (): LangiumDocument => shared.workspace.LangiumDocuments.getDocument(bigUri)!;
        const errors = (document().diagnostics ?? []).filter(d => d.severity === 1);
        const diagnostics = document().diagnostics ?? [];
        console.log(`workspace: 50 files, big file ${lines} lines; open → validated ${(performance.now() - t).toFixed(0)} ms; ${errors.length} errors, ${diagnostics.length - errors.length} other diagnostics`);
        for (const d of diagnostics.filter(d => d.severity !== 1).slice(0, 3)) console.log(`  line ${d.range.start.line + 1}: ${d.message}`);
        for (const e of errors.slice(0, 5)) console.log(`  line ${e.range.start.line + 1}: ${e.message}`);

        // The bench's edit: one character in a comment in the middle of the file, added then removed.
        const docLines = text.split('\n');
        const editLine = docLines.findIndex((l, i) => i > lines / 2 && l.startsWith('/** Regimen'));
        const editChar = docLines[editLine].length - 3;
        const times: number[] = [], cpu: number[] = [];
        // CPU time spent reaching each build phase of the big file, summed over the edits.
        const phases = new Map<string, number>();
        let last = 0;
        for (const state of [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated]) {
            builder.onDocumentPhase(state, doc => {
                if (doc.uri.toString() !== bigUri.toString()) return;
                const now = cpuMs();
                phases.set(DocumentState[state], (phases.get(DocumentState[state]) ?? 0) + now - last);
                last = now;
            });
        }
        for (let k = 0; k < edits; k++) {
            const insert = k % 2 === 0;
            const range = { start: { line: editLine, character: editChar }, end: { line: editLine, character: editChar + (insert ? 0 : 1) } };
            textDocument = TextDocument.update(textDocument, [{ range, text: insert ? 'x' : '' }], ++version);
            textDocuments.set(textDocument);
            t = performance.now();
            const c = last = cpuMs();
            // As the server does it: under the workspace write lock, with a cancellation token.
            await shared.workspace.WorkspaceLock.write(token => builder.update([bigUri], [], token));
            times.push(performance.now() - t);
            cpu.push(cpuMs() - c);
        }
        text = textDocument.getText();
        const onePhase = [...phases].map(([phase, total]) => `${phase} ${(total / edits).toFixed(1)} ms`).join(', ');
        // A typo that breaks the syntax (then its repair): the whole file is parsed again.
        const broken: number[] = [];
        const doseLine = docLines.findIndex((l, i) => i > lines / 2 && l.trimStart().startsWith('dose '));
        const doseChar = docLines[doseLine].indexOf('dose ') + 5;
        for (let k = 0; k < 20; k++) {
            const insert = k % 2 === 0;
            const range = { start: { line: doseLine, character: doseChar }, end: { line: doseLine, character: doseChar + (insert ? 0 : 1) } };
            textDocument = TextDocument.update(textDocument, [{ range, text: insert ? 'x' : '' }], ++version);
            textDocuments.set(textDocument);
            const c = cpuMs();
            await shared.workspace.WorkspaceLock.write(token => builder.update([bigUri], [], token));
            broken.push(cpuMs() - c);
        }
        figures('edit → validated (one character), wall', times);
        figures('edit → validated (one character), CPU', cpu);
        figures('edit making/repairing a syntax error, CPU', broken);
        console.log(`  mean CPU per phase (one-character edits): ${onePhase}`);

        const giveLine = docLines.findIndex((l, i) => i > lines / 2 && l.includes('arm a1 { give R'));
        const giveChar = docLines[giveLine].indexOf('give ') + 5;
        const completion: number[] = [], completionCpu: number[] = [];
        let items = 0;
        for (let k = 0; k < 30; k++) {
            t = performance.now();
            const c = cpuMs();
            const list = await Osteo.lsp.CompletionProvider!.getCompletion(document(), {
                textDocument: { uri: bigUri.toString() }, position: { line: giveLine, character: giveChar }
            });
            completion.push(performance.now() - t);
            completionCpu.push(cpuMs() - c);
            items = list?.items.length ?? 0;
        }
        figures(`completion after \`give \` (${items} items), wall`, completion);
        figures(`completion after \`give \` (${items} items), CPU`, completionCpu);

        // The first completion after an edit: the edited file's nodes are new, so nothing about them is cached.
        const afterEdit: number[] = [];
        for (let k = 0; k < 10; k++) {
            const insert = k % 2 === 0;
            const range = { start: { line: editLine, character: editChar }, end: { line: editLine, character: editChar + (insert ? 0 : 1) } };
            textDocument = TextDocument.update(textDocument, [{ range, text: insert ? 'x' : '' }], ++version);
            textDocuments.set(textDocument);
            await shared.workspace.WorkspaceLock.write(token => builder.update([bigUri], [], token));
            const c = cpuMs();
            await Osteo.lsp.CompletionProvider!.getCompletion(document(), {
                textDocument: { uri: bigUri.toString() }, position: { line: giveLine, character: giveChar }
            });
            afterEdit.push(cpuMs() - c);
        }
        figures('first completion after an edit, CPU', afterEdit);
        const gc = (globalThis as { gc?: () => void }).gc;
        if (gc) {
            gc();
            console.log(`heap after GC ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().catch(error => {
    console.error(`profile-edit: ${(error as Error).stack}`);
    process.exit(1);
});
