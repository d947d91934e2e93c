/**
 * Completion for observed data and fits (docs/data-and-fit.md §6) that only the data file can give:
 * the file's column names after `column`, the group column's values after `where`, and model
 * parameter names after `estimate`.
 */
import { AstUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { isDataTable, type DataTable } from '../generated/ast.js';
import { groupsOf, PARAMETERS } from '../../../simulator/index.js';
import { dataFiles } from '../workspace/data-files.js';
import { dataPathOf, dataSpecOf } from '../compiler/compile-data.js';

export async function dataCompletion(document: LangiumDocument, position: Position, documents: LangiumDocuments): Promise<CompletionItem[]> {
    const line = document.textDocument.getText({ start: { line: position.line, character: 0 }, end: position });
    // The word or string being typed (an opening quote included), and what precedes it.
    const typed = /"[^"]*$|[A-Za-z_]\w*$/.exec(line)?.[0] ?? '';
    const before = line.slice(0, line.length - typed.length);
    const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
    if (/\bestimate\s+$/.test(before)) {
        return PARAMETERS.map(p => ({
            label: p.name, kind: CompletionItemKind.Property, sortText: `1${p.name}`,
            detail: `parameter · ${p.value} ${p.unit} · valid ${p.min} … ${p.max}`,
            documentation: `${p.meaning}. Source: ${p.source}.`,
            textEdit: { range, newText: p.name }
        }));
    }
    if (/\bcolumn\s+$/.test(before)) {
        const offset = document.textDocument.offsetAt(position);
        const decl = AstUtils.streamAllContents(document.parseResult.value).filter(isDataTable)
            .find(d => !!d.$cstNode && d.$cstNode.offset <= offset && offset <= d.$cstNode.end);
        const table = decl && await tableOf(decl);
        return (table?.header ?? []).map(name => ({ label: name, kind: CompletionItemKind.Field, detail: 'column of the data file', textEdit: { range, newText: JSON.stringify(name) } }));
    }
    const where = /\bfrom\s+([A-Za-z_]\w*)\s+where\s+$/.exec(before);
    if (where) {
        const decl = documents.all.flatMap(d => AstUtils.streamAllContents(d.parseResult.value).filter(isDataTable)).find(d => d.name === where[1]);
        const spec = decl && dataSpecOf(decl);
        const table = decl && await tableOf(decl);
        if (!table || !spec || typeof spec === 'string' || !spec.groupColumn) return [];
        return groupsOf(table, spec.groupColumn).map(g => ({
            label: g.value, kind: CompletionItemKind.EnumMember, detail: `${g.rows} rows`, textEdit: { range, newText: JSON.stringify(g.value) }
        }));
    }
    return [];
}

async function tableOf(decl: DataTable) {
    const file = dataPathOf(decl);
    const loaded = file ? await dataFiles.load(file) : undefined;
    return loaded?.ok ? loaded.table : undefined;
}
