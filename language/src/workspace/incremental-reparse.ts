import type { AstNode, CstNode, ParseResult } from 'langium';
import { isModel, type Model } from '../generated/ast.js';

/**
 * Re-parses only the top-level declarations an edit touches, and splices them into the previous syntax tree.
 *
 * A top-level declaration is parsed the same wherever it stands (the entry rule is `imports* declarations*`), so
 * the text between the declaration before the edit and the one after it can be parsed on its own. It is done only
 * when the result is certain to equal a full parse: the old and the new text both parse without any error, the
 * window starts after a token and ends at the start of a line holding the next declaration, and it holds no
 * imports. In every other case the caller parses the whole text, as before. Unchanged declarations keep their AST
 * nodes; their CST positions are shifted.
 */
export function reparseDeclarations(
    previous: ParseResult<AstNode>, text: string, parse: (text: string) => ParseResult<AstNode>
): ParseResult<Model> | undefined {
    const model = previous.value;
    const root = model.$cstNode?.root as MutableRoot | undefined;
    if (!isModel(model) || !root || !clean(previous) || model.declarations.length === 0) return undefined;
    const old = root.fullText;
    if (old === text) return undefined;

    // The changed span: [from, oldTo) in the old text became [from, newTo) in the new one.
    const limit = Math.min(old.length, text.length);
    let from = 0;
    while (from < limit && old.charCodeAt(from) === text.charCodeAt(from)) from++;
    let tail = 0;
    while (tail < limit - from && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
    const oldTo = old.length - tail;
    const delta = text.length - old.length;

    // The window: after the last declaration (or import) ending before the change, up to the first declaration
    // starting after it; both strictly, so the tokens around the window stay as they were.
    const declarations = model.declarations;
    let first = 0;
    while (first < declarations.length && cstEnd(declarations[first]) < from) first++;
    let last = declarations.length - 1;
    while (last >= first && cstStart(declarations[last]) > oldTo) last--;
    const windowStart = first > 0 ? cstEnd(declarations[first - 1]) : model.imports.length > 0 ? cstEnd(model.imports[model.imports.length - 1]) : 0;
    const windowEnd = last + 1 < declarations.length ? cstStart(declarations[last + 1]) : old.length;
    if (windowStart >= from && windowStart > 0) return undefined;
    if (windowEnd <= oldTo && windowEnd < old.length) return undefined;
    // Whitespace after the token before the window, a line break before the declaration after it.
    if (windowStart > 0 && !/\s/.test(old.charAt(windowStart))) return undefined;
    if (windowEnd < old.length && old.charAt(windowEnd - 1) !== '\n') return undefined;

    const reparsed = parse(text.slice(windowStart, windowEnd + delta));
    const fresh = reparsed.value;
    const freshRoot = fresh.$cstNode?.root;
    if (!clean(reparsed) || !isModel(fresh) || !freshRoot || fresh.imports.length > 0) return undefined;

    // Top-level CST children: those of the window are replaced, those after it shifted.
    const children = root.content;
    let firstChild = 0;
    while (firstChild < children.length && children[firstChild].offset < windowStart) firstChild++;
    let afterChild = firstChild;
    while (afterChild < children.length && children[afterChild].offset < windowEnd) afterChild++;
    const replaced = children.slice(firstChild, afterChild).filter(c => !c.hidden).length;
    if (replaced !== last - first + 1 || freshRoot.content.filter(c => !c.hidden).length !== fresh.declarations.length) return undefined;

    const start = positionOf(old, windowStart);
    const lineDelta = countLines(text, windowStart, windowEnd + delta) - countLines(old, windowStart, windowEnd);
    const added = [...freshRoot.content];
    for (const child of added) relocate(child, windowStart, start, root);
    for (let i = afterChild; i < children.length; i++) shift(children[i], delta, lineDelta);
    children.splice(firstChild, afterChild - firstChild, ...added);
    root._text = text;
    root._rangeCache = undefined;

    const newDeclarations = fresh.declarations;
    declarations.splice(first, last - first + 1, ...newDeclarations);
    for (let i = first; i < declarations.length; i++) {
        const declaration = declarations[i] as MutableAstNode;
        declaration.$container = model;
        declaration.$containerProperty = 'declarations';
        declaration.$containerIndex = i;
    }
    return { value: model, lexerErrors: [], parserErrors: [], lexerReport: reparsed.lexerReport };
}

type MutableRoot = CstNode & { content: CstNode[], fullText: string, _text: string, _rangeCache?: unknown };
type MutableLeaf = CstNode & { _offset: number, _range: { start: Position, end: Position } };
type MutableAstNode = AstNode & { $container: AstNode, $containerProperty: string, $containerIndex: number };
interface Position { line: number, character: number }

function clean(result: ParseResult<AstNode>): boolean {
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0 && (result.lexerReport?.diagnostics.length ?? 0) === 0;
}

function cstStart(node: AstNode): number {
    return node.$cstNode?.offset ?? -1;
}

function cstEnd(node: AstNode): number {
    return node.$cstNode?.end ?? -1;
}

function isComposite(node: CstNode): node is CstNode & { content: CstNode[], _rangeCache?: unknown } {
    return Array.isArray((node as { content?: unknown }).content);
}

/** A node of the window's own parse, moved into the document's tree at `offset`. */
function relocate(node: CstNode, offset: number, at: Position, root: CstNode): void {
    (node as { root: CstNode }).root = root;
    if (isComposite(node)) {
        node._rangeCache = undefined;
        for (const child of node.content) relocate(child, offset, at, root);
        return;
    }
    const leaf = node as MutableLeaf;
    leaf._offset += offset;
    for (const p of [leaf._range.start, leaf._range.end]) {
        if (p.line === 0) p.character += at.character;
        p.line += at.line;
    }
}

/** A node after the window: same line and column (the window ends at a line start), moved by whole lines. */
function shift(node: CstNode, delta: number, lineDelta: number): void {
    if (isComposite(node)) {
        for (const child of node.content) shift(child, delta, lineDelta);
        return;
    }
    const leaf = node as MutableLeaf;
    leaf._offset += delta;
    if (lineDelta !== 0) {
        // Start and end may be one object in a composite's cached range: move each position once.
        leaf._range.start.line += lineDelta;
        if (leaf._range.end !== leaf._range.start) leaf._range.end.line += lineDelta;
    }
}

function positionOf(text: string, offset: number): Position {
    let line = 0, lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return { line, character: offset - lineStart };
}

function countLines(text: string, from: number, to: number): number {
    let n = 0;
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
    return n;
}
