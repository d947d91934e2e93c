import { AstUtils, CstUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { isConcept, isModel, isQuantity } from '../generated/ast.js';

/** Keywords that start a member line inside the braces of each block type. */
const MEMBER_KEYWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
    Drug: new Set(['class', 'mechanism', 'route', 'half_life', 'absorption_half_life', 'bioavailability', 'volume', 'clearance',
        'peripheral_volume', 'intercompartmental_clearance', 'vmax', 'km', 'molar_mass', 'ic50', 'emax', 'bone_half_life', 'bone_uptake', 'iu_per_mg']),
    Regimen: new Set(['drug', 'dose', 'loading', 'delivery']),
    Condition: new Set(['scope', 'drives', 'activates', 'sites', 'local_excess', 'process']),
    Patient: new Set(['age', 'sex', 'menopause', 'weight', 'height']),
    ConditionUse: new Set(['severity', 'onset', 'resolves', 'sites']),
    Population: new Set(['size', 'seed']),
    Sensitivity: new Set(['method', 'samples', 'seed']),
    Fit: new Set(['starts', 'seed']),
    DataTable: new Set(['file', 'time', 'value', 'error', 'group'])
};

/** Child properties whose elements each start a member line (sweeps', populations', studies' and fits' lines too). */
const MEMBER_CHILDREN: ReadonlySet<string> = new Set(['members', 'interventions', 'overrides', 'vary', 'measure', 'factors', 'correlations', 'responders', 'estimates']);

/**
 * Canonical layout (docs/language.md §7): 4-space indentation inside braces, one member per line, `{` on the
 * declaration line, `}` on its own line (`{ }` when empty), single spaces between tokens, none before `,`,
 * one blank line between top-level declarations, at most one blank line kept inside blocks, comments kept.
 * Concept bodies of the standard library stay on one line. Indentation is computed from the nesting of the
 * AST rather than accumulated, so that formatting is idempotent.
 */
export class OsteoFormatter extends AbstractFormatter {
    /** Brace depth at each comment, by offset: comments are indented like the code around them. */
    private commentDepths = new Map<number, number>();

    /** Offsets of comments that end a line of code, and of the comment lines aligned under them. */
    private trailing = new Set<number>();

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        this.commentDepths = braceDepthsOfComments(document.parseResult.value.$cstNode);
        this.trailing = trailingComments(document.parseResult.value.$cstNode);
        return super.doDocumentFormat(document, options, range);
    }

    protected format(node: AstNode): void {
        if (!node.$cstNode) return;
        if (isModel(node)) {
            this.formatTopLevel(node);
            return;
        }
        const formatter = this.getNodeFormatter(node);
        const own = ownPositions(node);
        const level = nestingLevel(node);
        const open = own.find(p => p.leaf.astNode === node && p.leaf.text === '{');
        const close = [...own].reverse().find(p => p.leaf.astNode === node && p.leaf.text === '}');
        const inline = isConcept(node);
        const empty = open && close && !hasLeavesBetween(node.$cstNode, open.leaf, close.leaf);
        const start = firstLeaf(node.$cstNode);
        own.forEach(({ leaf, memberChild }, i) => {
            if (leaf === start) return; // the parent places the node's first token
            const region = formatter.cst([leaf]);
            const inBody = open && close && leaf.offset > open.leaf.offset && leaf.offset < close.leaf.offset;
            if (leaf === close?.leaf && leaf.astNode === node) {
                region.prepend(inline || empty ? Formatting.oneSpace() : lineBreak(level));
            } else if (inBody && !inline && (memberChild || (leaf.astNode === node && MEMBER_KEYWORDS[node.$type]?.has(leaf.text)))) {
                region.prepend(lineBreakKeepingBlank(level + 1));
            } else if (leaf.text === ',') {
                region.prepend(Formatting.noSpace());
            } else if (isQuantity(node) && i > 0 && tightInQuantity(own[i - 1].leaf, leaf)) {
                region.prepend(Formatting.noSpace());
            } else {
                region.prepend(Formatting.oneSpace());
            }
        });
    }

    /** Imports one per line, then one blank line before every declaration (before its doc comment, if any). */
    protected formatTopLevel(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        const rootContent = node.$cstNode && 'content' in node.$cstNode ? (node.$cstNode.content as CstNode[]) : [];
        let previous: AstNode | undefined;
        for (const child of AstUtils.streamContents(node)) {
            const first = firstLeaf(child.$cstNode);
            if (!first) continue;
            const linesBefore = !previous ? 0 : child.$type === 'Import' && previous.$type === 'Import' ? 1 : 2;
            const comments = leadingComments(rootContent, child.$cstNode!);
            if (comments.length === 0) {
                formatter.cst([first]).prepend(exactLines(linesBefore, 0));
            } else {
                if (previous) formatter.cst([comments[0]]).prepend(exactLines(linesBefore, 0));
                const last = comments[comments.length - 1];
                formatter.cst([first]).prepend(last.text.startsWith('/**') ? exactLines(1, 0) : lineBreakKeepingBlank(0));
            }
            previous = child;
        }
    }

    /** Comments on their own line: indented like the code around them, at most one blank line before. */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        if (previous && previous.range.end.line === hidden.range.start.line) return []; // a trailing comment stays where it is
        if (previous?.hidden && this.trailing.has(previous.offset) && hidden.range.start.line === previous.range.end.line + 1) {
            this.trailing.add(hidden.offset);
            return []; // and so do the lines that continue it
        }
        const existingLines = previous ? hidden.range.start.line - previous.range.end.line : 0;
        const requested = formatting?.moves.find(m => m.lines !== undefined)?.lines;
        const lines = !previous ? 0 : requested ?? Math.min(Math.max(existingLines, 1), 2);
        const unit = context.options.insertSpaces ? ' '.repeat(context.options.tabSize) : '\t';
        const indent = unit.repeat(this.commentDepths.get(hidden.offset) ?? 0);
        const edits: TextEdit[] = [{
            range: { start: previous?.range.end ?? { line: 0, character: 0 }, end: hidden.range.start },
            newText: '\n'.repeat(lines) + indent
        }];
        // Continuation lines of a block comment move with its first line.
        const shift = indent.length - hidden.range.start.character;
        const commentLines = hidden.text.split('\n');
        for (let i = 1; i < commentLines.length && shift !== 0; i++) {
            const line = hidden.range.start.line + i;
            if (shift > 0) {
                edits.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: ' '.repeat(shift) });
            } else {
                const blanks = /^[ \t]*/.exec(commentLines[i])![0].length;
                edits.push({ range: { start: { line, character: 0 }, end: { line, character: Math.min(blanks, -shift) } }, newText: '' });
            }
        }
        return edits;
    }
}

interface Position {
    readonly leaf: CstNode;
    /** The first token of a child that is a member of a block (scenario member, intervention, override). */
    readonly memberChild: boolean;
}

/** The node's own tokens and the first token of each direct child, in text order: what this node lays out. */
function ownPositions(node: AstNode): Position[] {
    const positions: Position[] = [];
    for (const leaf of CstUtils.streamCst(node.$cstNode!)) {
        if (!('content' in leaf) && !leaf.hidden && leaf.astNode === node) positions.push({ leaf, memberChild: false });
    }
    for (const child of AstUtils.streamContents(node)) {
        const first = firstLeaf(child.$cstNode);
        if (first) positions.push({ leaf: first, memberChild: MEMBER_CHILDREN.has(child.$containerProperty ?? '') });
    }
    return positions.sort((a, b) => a.leaf.offset - b.leaf.offset);
}

function firstLeaf(cst: CstNode | undefined): CstNode | undefined {
    if (!cst) return undefined;
    for (const leaf of CstUtils.streamCst(cst)) {
        if (!('content' in leaf) && !leaf.hidden) return leaf;
    }
    return undefined;
}

function hasLeavesBetween(cst: CstNode, open: CstNode, close: CstNode): boolean {
    for (const leaf of CstUtils.streamCst(cst)) {
        if (!('content' in leaf) && leaf.offset > open.offset && leaf.offset < close.offset) return true;
    }
    return false;
}

/** Comments directly above a top-level element (not a trailing comment of the line before). */
function leadingComments(rootContent: CstNode[], element: CstNode): CstNode[] {
    const index = rootContent.indexOf(element);
    const comments: CstNode[] = [];
    for (let i = index - 1; i >= 0 && rootContent[i].hidden; i--) comments.unshift(rootContent[i]);
    const inner: CstNode[] = [];
    // Comments the parser placed inside the element, before its first token.
    for (const leaf of CstUtils.streamCst(element)) {
        if ('content' in leaf) continue;
        if (!leaf.hidden) break;
        inner.push(leaf);
    }
    const all = [...comments, ...inner];
    const before = index > 0 ? rootContent[index - 1 - comments.length] : undefined;
    if (all.length > 0 && before && before.range.end.line === all[0].range.start.line) all.shift();
    return all;
}

/** Levels of AST nesting below the file: a drug is at 0, its members at 1, a `give` in an arm at 2. */
function nestingLevel(node: AstNode): number {
    let level = -1;
    for (let n: AstNode | undefined = node; n && !isModel(n); n = n.$container) level++;
    return Math.max(level, 0);
}

/** `-5`, `mg/kg`, `4x`: no blank inside. */
function tightInQuantity(previous: CstNode, leaf: CstNode): boolean {
    if (previous.text === '-') return true;
    if (leaf.text === '/') return /^[A-Za-z_]/.test(previous.text);
    if (previous.text === '/') return true;
    return leaf.text === 'x';
}

function exactLines(lines: number, tabs: number): FormattingAction {
    return { options: {}, moves: [{ lines, tabs }] };
}

function lineBreak(tabs: number): FormattingAction {
    return exactLines(1, tabs);
}

/** A new line, keeping one blank line the author left (never more). */
function lineBreakKeepingBlank(tabs: number): FormattingAction {
    return { options: {}, moves: [{ lines: 1, tabs }, { lines: 2, tabs }] };
}

/** For each comment: the number of `{` still open before it. */
function braceDepthsOfComments(root: CstNode | undefined): Map<number, number> {
    const depths = new Map<number, number>();
    if (!root) return depths;
    let depth = 0;
    for (const leaf of CstUtils.streamCst(root)) {
        if ('content' in leaf) continue;
        if (leaf.hidden) depths.set(leaf.offset, depth);
        else if (leaf.text === '{') depth++;
        else if (leaf.text === '}') depth = Math.max(depth - 1, 0);
    }
    return depths;
}

/** Comments that follow code on the same line. */
function trailingComments(root: CstNode | undefined): Set<number> {
    const trailing = new Set<number>();
    if (!root) return trailing;
    let previous: CstNode | undefined;
    for (const leaf of CstUtils.streamCst(root)) {
        if ('content' in leaf) continue;
        if (leaf.hidden && previous && !previous.hidden && previous.range.end.line === leaf.range.start.line) trailing.add(leaf.offset);
        previous = leaf;
    }
    return trailing;
}
