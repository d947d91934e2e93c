/**
 * Runs one fuzz case through every path a user's text takes: (a) the checker the CLI uses
 * (createOsteoServices + loadDocuments, in-process), (b) the editor services at random offsets, (c)
 * when the text validates without errors, compile + simulate under a time budget. Each path must end
 * in diagnostics or results; anything else is a failure of a named kind.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AstUtils, GrammarAST, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { ResponseError } from 'vscode-languageserver';
import { createOsteoServices, type OsteoServices } from '../../language/src/osteo-module.js';
import { loadDocuments } from '../../language/src/workspace/document-loader.js';
import { CompileError } from '../../language/src/compiler/index.js';
import { ArmFailedError, SelectionError, simulateCompiled } from '../../simulator/run-scenarios.js';
import { compileDocument } from '../../language/src/compiler/compile-document.js';
import { CancelledError } from '../../simulator/solver/index.js';
import type { ScenarioResult } from '../../simulator/results.js';
import { allUnits } from '../../simulator/units.js';
import { isModel } from '../../language/src/generated/ast.js';
import { formatDiagnostic } from '../../cli/diagnostics-format.js';
import { formatCsv } from '../../report/results-csv.js';
import { formatScenarioTable } from '../../report/results-table.js';
import type { Vocabulary } from './mutator.js';
import type { Random } from './random.js';

export type FailureKind =
    | 'exception'          // a service threw
    | 'logged-error'       // a service caught its own exception and logged it (Langium's "An error occurred during validation")
    | 'bad-range'          // a diagnostic or edit outside the document
    | 'bad-message'        // a message with undefined / NaN / [object Object] in it
    | 'formatter-breaks'   // formatting a file that parsed made it unparsable
    | 'non-finite'         // NaN or Infinity in results, or a solver failure because of one
    | 'bad-result'         // results not matching the JSON contract's shape
    | 'slow';              // the case took longer than the budget

export interface Failure {
    readonly kind: FailureKind;
    readonly stage: string;
    readonly detail: string;
}

/** How a case ended besides failures: what a user would have seen. */
export type Ending = 'refused' | 'errors' | 'no-scenario' | 'compile-error' | 'solver-failed' | 'over-budget' | 'too-large' | 'results' | 'crashed';

export interface CaseReport {
    readonly ending: Ending;
    readonly failures: Failure[];
    readonly ms: number;
    readonly diagnostics: number;
    /** The message of a compile error or solver failure (what the user read). */
    readonly note?: string;
}

export interface HarnessOptions {
    /** A case slower than this is a `slow` failure (ms). */
    readonly slowMs?: number;
    /** Simulation is cancelled after this long (ms) and the case ends `over-budget`. */
    readonly simulateBudgetMs?: number;
    /** Compiled work (samples + doses over all arms) above which simulation is skipped. */
    readonly maxWork?: number;
    /** Editor requests at this many random offsets per case. */
    readonly offsets?: number;
}

const BAD_TEXT = /\bundefined\b|\bNaN\b|\bInfinity\b|\[object Object\]|\bnull\b/g;

/** A message leaking `undefined`, `NaN`, `Infinity`, `null` or `[object Object]`, unless the user's own text says it (a doc comment, a name). */
function leaks(message: string, source: string): boolean {
    return [...message.matchAll(BAD_TEXT)].some(m => !source.includes(m[0]));
}

export class FuzzHarness {
    private note: string | undefined;

    private constructor(
        private readonly osteo: OsteoServices,
        private readonly shared: ReturnType<typeof createOsteoServices>['shared'],
        readonly workDir: string,
        private readonly options: Required<HarnessOptions>
    ) {}

    /** `imports` are files copied next to the case so the corpus's imports resolve (e.g. examples/regimens.osteo). */
    static async create(imports: string[], options: HarnessOptions = {}): Promise<FuzzHarness> {
        const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-fuzz-'));
        for (const file of imports) fs.copyFileSync(file, path.join(workDir, path.basename(file)));
        const { shared, Osteo } = createOsteoServices({ ...NodeFileSystem });
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        return new FuzzHarness(Osteo, shared, workDir, {
            slowMs: options.slowMs ?? 2000, simulateBudgetMs: options.simulateBudgetMs ?? 1500,
            maxWork: options.maxWork ?? 20_000, offsets: options.offsets ?? 3
        });
    }

    dispose(): void {
        fs.rmSync(this.workDir, { recursive: true, force: true });
    }

    /** Keywords of the grammar, the units table, and the standard library's names. */
    vocabulary(corpus: readonly string[]): Vocabulary {
        const keywords = new Set<string>();
        for (const node of AstUtils.streamAllContents(this.osteo.Grammar)) {
            if (GrammarAST.isKeyword(node) && /^\w+$/.test(node.value)) keywords.add(node.value);
        }
        const names = new Set<string>();
        for (const text of corpus) for (const m of text.matchAll(/\b[A-Za-z_]\w*\b/g)) if (!keywords.has(m[0])) names.add(m[0]);
        return { keywords: [...keywords].sort(), units: allUnits().map(u => u.name), names: [...names].sort() };
    }

    async run(text: string, rng: Random): Promise<CaseReport> {
        const failures: Failure[] = [];
        const fail = (kind: FailureKind, stage: string, detail: string) => failures.push({ kind, stage, detail: detail.slice(0, 500) });
        const started = performance.now();
        const logged: string[] = [];
        const { error, warn } = console;
        console.error = (...args: unknown[]) => { logged.push(args.map(a => a instanceof Error ? a.stack ?? a.message : String(a)).join(' ')); };
        console.warn = console.error;
        let ending: Ending = 'crashed';
        let diagnostics = 0;
        this.note = undefined;
        try {
            const file = path.join(this.workDir, 'case.osteo');
            fs.writeFileSync(file, text);
            const uri = URI.file(file);
            let document: LangiumDocument | undefined;
            let all: LangiumDocument[] = [];
            try {
                const loaded = await loadDocuments(this.shared, [uri]);
                document = loaded.roots[0];
                all = loaded.all;
                if (!document) ending = 'refused';
            } catch (e) {
                fail('exception', 'check', stackOf(e));
            }
            if (document) {
                for (const d of all) {
                    for (const diagnostic of d.diagnostics ?? []) {
                        checkDiagnostic(d, diagnostic, fail);
                        formatDiagnostic('case.osteo', diagnostic);
                    }
                }
                diagnostics = document.diagnostics?.length ?? 0;
                await this.editorRequests(document, rng, fail);
                const hasErrors = all.some(d => (d.diagnostics ?? []).some(x => (x.severity ?? 1) === 1));
                ending = hasErrors ? 'errors' : this.simulate(document, fail);
            }
        } catch (e) {
            fail('exception', 'harness', stackOf(e));
        } finally {
            console.error = error;
            console.warn = warn;
        }
        for (const line of logged) fail('logged-error', 'log', line);
        const ms = performance.now() - started;
        if (ms > this.options.slowMs) fail('slow', 'case', `${Math.round(ms)} ms`);
        return { ending, failures, ms, diagnostics, note: this.note };
    }

    /** Completion, hover, definition, references, rename, highlighting, outline, folding, formatting, code actions, code lens. */
    private async editorRequests(document: LangiumDocument, rng: Random, fail: (kind: FailureKind, stage: string, detail: string) => void): Promise<void> {
        const lsp = this.osteo.lsp;
        const textDocument = { uri: document.uri.toString() };
        const text = document.textDocument.getText();
        const offsets = [text.length, ...Array.from({ length: this.options.offsets }, () => rng.int(text.length + 1))];
        const call = async <T>(stage: string, f: () => T | Promise<T>): Promise<T | undefined> => {
            try {
                return await f();
            } catch (e) {
                // A ResponseError is an answer the editor shows (e.g. "the standard library is read-only").
                if (e instanceof ResponseError) {
                    if (!e.message || leaks(e.message, text)) fail('bad-message', stage, e.message || '(empty)');
                } else {
                    fail('exception', stage, stackOf(e));
                }
                return undefined;
            }
        };
        const edits = (stage: string, list: readonly TextEdit[] | undefined) => {
            for (const e of list ?? []) if (!inside(document.textDocument, e.range)) fail('bad-range', stage, `edit ${JSON.stringify(e.range)}`);
        };
        for (const offset of offsets) {
            const position = document.textDocument.positionAt(offset);
            const at = { textDocument, position };
            const completion = await call('completion', () => lsp.CompletionProvider!.getCompletion(document, at));
            for (const item of completion?.items ?? []) {
                if (!item.label) fail('bad-message', 'completion', 'an item without a label');
                const edit = item.textEdit;
                if (edit && 'range' in edit) edits('completion', [edit]);
            }
            const hover = await call('hover', () => lsp.HoverProvider!.getHoverContent(document, at));
            const contents = hover?.contents;
            const shown = typeof contents === 'string' ? contents : contents && 'value' in contents ? contents.value : '';
            if (leaks(shown ?? '', text)) fail('bad-message', 'hover', shown!.slice(0, 200));
            await call('definition', () => lsp.DefinitionProvider!.getDefinition(document, at));
            await call('references', () => lsp.ReferencesProvider!.findReferences(document, { ...at, context: { includeDeclaration: true } }));
            const renamable = await call('prepare-rename', () => lsp.RenameProvider!.prepareRename(document, at));
            if (renamable) await call('rename', () => lsp.RenameProvider!.rename(document, { ...at, newName: 'renamed_by_fuzz' }));
        }
        await call('semantic-tokens', () => lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument }));
        await call('document-symbols', () => lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument }));
        await call('folding', () => lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument }));
        await call('code-lens', () => lsp.CodeLensProvider!.provideCodeLens(document, { textDocument }));
        const formatted = await call('formatting', () => lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } }));
        edits('formatting', formatted);
        if (formatted && document.parseResult.parserErrors.length === 0 && document.parseResult.lexerErrors.length === 0) {
            const after = TextDocument.applyEdits(document.textDocument, formatted);
            const reparsed = this.osteo.parser.LangiumParser.parse(after);
            if (reparsed.parserErrors.length + reparsed.lexerErrors.length > 0) {
                fail('formatter-breaks', 'formatting', `${reparsed.parserErrors[0]?.message ?? reparsed.lexerErrors[0]?.message}`);
            }
        }
        const diagnostics = document.diagnostics ?? [];
        for (const diagnostic of diagnostics.slice(0, 8)) {
            const actions = await call('code-actions', () => lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            }));
            for (const action of actions ?? []) {
                if ('edit' in action) for (const list of Object.values(action.edit?.changes ?? {})) edits('code-actions', list);
            }
        }
    }

    private simulate(document: LangiumDocument, fail: (kind: FailureKind, stage: string, detail: string) => void): Ending {
        const model = document.parseResult.value;
        if (!isModel(model)) return 'no-scenario';
        let compiled;
        try {
            compiled = compileDocument(model);
        } catch (e) {
            if (e instanceof SelectionError) return 'no-scenario';
            if (e instanceof CompileError) {
                this.note = e.message;
                if (leaks(e.message, document.textDocument.getText())) fail('bad-message', 'compile', e.message);
                return 'compile-error';
            }
            fail('exception', 'compile', stackOf(e));
            return 'crashed';
        }
        const work = compiled.reduce((n, s) => n + s.arms.reduce((m, a) => m + a.sampleTimes.length + a.doses.length, 0), 0);
        if (work > this.options.maxWork) return 'too-large';
        const deadline = performance.now() + this.options.simulateBudgetMs;
        let scenarios: ScenarioResult[];
        try {
            scenarios = simulateCompiled(compiled, { isCancelled: () => performance.now() > deadline });
        } catch (e) {
            if (e instanceof CancelledError) return 'over-budget';
            // A solver failure is a clear message (exit 3 in the CLI), also when the model overflowed.
            if (e instanceof ArmFailedError) {
                this.note = e.message;
                if (leaks(e.message.replace(/\(NaN or Infinity\)|became (?:NaN|-?Infinity)|not finite \((?:NaN|-?Infinity)\)/g, ''), document.textDocument.getText())) fail('bad-message', 'simulate', e.message);
                return 'solver-failed';
            }
            fail('exception', 'simulate', stackOf(e));
            return 'crashed';
        }
        checkResults(scenarios, fail);
        try {
            for (const s of scenarios) formatScenarioTable(s);
            formatCsv({ tool: 'osteo', version: '0', model: { name: '', version: '' }, scenarios });
        } catch (e) {
            fail('exception', 'output', stackOf(e));
        }
        return 'results';
    }
}

function checkDiagnostic(document: LangiumDocument, d: Diagnostic, fail: (kind: FailureKind, stage: string, detail: string) => void): void {
    if (!inside(document.textDocument, d.range)) fail('bad-range', 'diagnostic', `${JSON.stringify(d.range)} in a document of ${document.textDocument.lineCount} lines: ${d.message}`);
    if (!d.message || leaks(d.message, document.textDocument.getText())) fail('bad-message', 'diagnostic', d.message || '(empty)');
    if (/^An error occurred/.test(d.message)) fail('logged-error', 'diagnostic', d.message);
}

/** True when the range lies within the document's text: real lines, characters within each line. */
export function inside(document: { lineCount: number; getText(range?: Range): string; offsetAt(p: Range['start']): number }, range: Range): boolean {
    const ok = (p: Range['start']) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0
        && p.line < document.lineCount && p.character <= lineLength(document, p.line);
    const { start, end } = range;
    return ok(start) && ok(end) && (start.line < end.line || (start.line === end.line && start.character <= end.character));
}

function lineLength(document: { getText(range?: Range): string }, line: number): number {
    const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return text.replace(/\r?\n$|\r$/, '').length;
}

function checkResults(scenarios: ScenarioResult[], fail: (kind: FailureKind, stage: string, detail: string) => void): void {
    for (const s of scenarios) {
        for (const arm of s.arms) {
            const where = `${s.name}/${arm.name}`;
            if (arm.time.some((t, i) => !Number.isFinite(t) || (i > 0 && t < arm.time[i - 1]))) fail('bad-result', 'results', `${where}: time not finite and ascending`);
            for (const [key, values] of Object.entries(arm.series)) {
                if (values.length !== arm.time.length) fail('bad-result', 'results', `${where}: ${key} has ${values.length} values for ${arm.time.length} times`);
                const i = values.findIndex(v => !Number.isFinite(v));
                if (i >= 0) fail('non-finite', 'results', `${where}: ${key}[${i}] = ${values[i]}`);
            }
            for (const [key, summary] of Object.entries(arm.summary)) {
                for (const v of [summary.end, summary.min, summary.at1y]) {
                    if (v !== null && !Number.isFinite(v)) fail('non-finite', 'results', `${where}: summary of ${key} has ${v}`);
                }
            }
        }
    }
}

function stackOf(e: unknown): string {
    return e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);
}
