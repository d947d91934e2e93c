/**
 * Completion inside sweeps and populations that the grammar alone cannot give: model parameter
 * names after `vary` (they are plain names, not references), and only computed series after `measure`.
 */
import type { AstNodeDescription, LangiumDocument } from 'langium';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { PARAMETERS } from '../../../simulator/index.js';

/** Library concepts that `report` accepts but the model has no series for. */
const NOT_COMPUTED = new Set(['T_cells', 'macrophage_M1', 'macrophage_M2', 'PTH']);

/** The word being typed at the cursor and the word before it. */
function wordsBefore(document: LangiumDocument, position: Position): { typed: string; previous: string | undefined; start: Position } {
    const text = document.textDocument.getText({ start: { line: Math.max(0, position.line - 1), character: 0 }, end: position });
    const typed = /[A-Za-z_]\w*$/.exec(text)?.[0] ?? '';
    const previous = /([A-Za-z_]\w*)\s*$/.exec(text.slice(0, text.length - typed.length))?.[1];
    return { typed, previous, start: { line: position.line, character: position.character - typed.length } };
}

/** Parameter names (meaning, default and basis as detail) when the cursor follows `vary`. */
export function varyParameterCompletion(document: LangiumDocument, position: Position): CompletionItem[] {
    const { previous, start } = wordsBefore(document, position);
    if (previous !== 'vary') return [];
    return PARAMETERS.map(p => ({
        label: p.name,
        kind: CompletionItemKind.Property,
        detail: `parameter · ${p.value} ${p.unit}${p.basis === 'published' ? '' : ' · ASSUMPTION/fit'}`,
        documentation: `${p.meaning}. Source: ${p.source}.`,
        sortText: `1${p.name}`,
        textEdit: { range: { start, end: position }, newText: p.name }
    }));
}

/** After `measure`: drop the concepts the model does not compute. */
export function isMeasurable(description: AstNodeDescription): boolean {
    return !NOT_COMPUTED.has(description.name);
}
