import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { isModel } from '../generated/ast.js';
import { IssueCodes } from '../validation/issue-codes.js';

type IssueData = {
    code?: string;
    suggestions?: string[];
    units?: string[];
    value?: number;
    importPath?: string;
    importPaths?: string[];
    swap?: Array<{ range: Range, text: string }>;
    verbs?: string[];
    verbRange?: Range;
    /** A ready edit (syntax-stumbles.ts): decimal comma, dose before drug, severity synonym. */
    fix?: { title: string, range: Range, newText: string };
    /** Text to insert at the start of the diagnostic's range (`every day` → `every 1 day`). */
    insert?: string;
};

/** How many alternatives a quick-fix menu offers at most. */
const MAX_FIXES = 5;

/** Quick fixes keyed by diagnostic code (validation/issue-codes.ts); the fix the intent implies is preferred. */
export class OsteoCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...this.fixesFor(document, diagnostic));
        }
        return actions.length > 0 ? actions : undefined;
    }

    protected fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = (diagnostic.data ?? {}) as IssueData;
        const fix = (title: string, edits: TextEdit[], isPreferred = false): CodeAction =>
            ({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [document.textDocument.uri]: edits } } });
        const replaceAll = (title: (s: string) => string, texts: string[], preferFirst: boolean, wrap = (s: string) => s) =>
            texts.slice(0, MAX_FIXES).map((s, i) => fix(title(s), [{ range: diagnostic.range, newText: wrap(s) }], preferFirst && i === 0));

        switch (data.code) {
            case IssueCodes.UnresolvedReference: {
                const fixes: CodeAction[] = [];
                // Several files declaring the name: one fix each, none preferred (which study is meant is the user's call).
                const paths = data.importPaths ?? (data.importPath ? [data.importPath] : []);
                for (const path of paths.slice(0, MAX_FIXES)) {
                    fixes.push(fix(`Add import "${path}"`, [this.importEdit(document, path)], paths.length === 1));
                }
                fixes.push(...replaceAll(s => `Change to '${s}'`, data.suggestions ?? [], paths.length === 0));
                return fixes;
            }
            case IssueCodes.UnknownParameter:
                return replaceAll(s => `Change to '${s}'`, data.suggestions ?? [], true);
            case IssueCodes.UnknownUnit:
                return replaceAll(s => `Change unit to '${s}'`, data.suggestions ?? [], true);
            case IssueCodes.MissingUnit:
                return (data.units ?? []).slice(0, MAX_FIXES).map((unit, i) =>
                    fix(`Add unit '${unit}'`, [{ range: { start: diagnostic.range.end, end: diagnostic.range.end }, newText: ` ${unit}` }], i === 0));
            case IssueCodes.WrongUnit:
                // The dimension is wrong, so which unit was meant is a guess: offer, do not prefer.
                return replaceAll(s => `Change unit to '${s}'`, data.units ?? [], false, unit => data.value !== undefined ? `${data.value} ${unit}` : unit);
            case IssueCodes.MissingImport:
                return replaceAll(s => `Change to "${s}"`, data.suggestions ?? [], true, s => JSON.stringify(s));
            case IssueCodes.ImportSelf:
            case IssueCodes.DuplicateImport:
            case IssueCodes.UnusedImport: {
                const range = this.importLineRange(document, diagnostic.range);
                return range ? [fix('Remove this import', [{ range, newText: '' }], true)] : [];
            }
            case IssueCodes.TimeOrder: {
                const [a, b] = data.swap ?? [];
                if (!a || !b) return [];
                return [fix(`Swap ${a.text} and ${b.text}`, [{ range: a.range, newText: b.text }, { range: b.range, newText: a.text }], true)];
            }
            case IssueCodes.WrongTargetKind: {
                const verbRange = data.verbRange;
                if (!verbRange) return [];
                return (data.verbs ?? []).map(verb => fix(`Change verb to '${verb}'`, [{ range: verbRange, newText: verb }]));
            }
            case IssueCodes.DecimalComma:
            case IssueCodes.SyntaxStumble:
            case IssueCodes.EveryWithoutNumber: {
                if (data.fix) return [fix(data.fix.title, [{ range: data.fix.range, newText: data.fix.newText }], true)];
                if (data.insert) return [fix(`Insert '${data.insert.trim()}'`, [{ range: { start: diagnostic.range.start, end: diagnostic.range.start }, newText: data.insert }], true)];
                return [];
            }
            case IssueCodes.ConflictingDose:
                return [fix('Remove the inline dose (use the regimen\'s)', [{ range: this.withLeadingSpace(document, diagnostic.range), newText: '' }])];
            default:
                return [];
        }
    }

    /** After the last import, or at the top of the file. */
    private importEdit(document: LangiumDocument, path: string): TextEdit {
        const root = document.parseResult.value;
        const last = isModel(root) ? root.imports.at(-1)?.$cstNode : undefined;
        if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `\nimport ${JSON.stringify(path)}` };
        return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `import ${JSON.stringify(path)}\n` };
    }

    /** The whole line(s) of the import whose path the diagnostic marks. */
    private importLineRange(document: LangiumDocument, pathRange: Range): Range | undefined {
        const root = document.parseResult.value;
        const node = isModel(root) ? root.imports.find(i => i.$cstNode && i.$cstNode.range.end.line === pathRange.end.line
            && i.$cstNode.range.end.character === pathRange.end.character) : undefined;
        if (!node?.$cstNode) return undefined;
        const { start, end } = node.$cstNode.range;
        return { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } };
    }

    private withLeadingSpace(document: LangiumDocument, range: Range): Range {
        const offset = document.textDocument.offsetAt(range.start);
        const text = document.textDocument.getText();
        let start = offset;
        while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
        return { start: document.textDocument.positionAt(start), end: range.end };
    }
}
