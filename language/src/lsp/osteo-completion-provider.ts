import {
    AstUtils, CstUtils, GrammarAST, TextDocument, URI, type AstNode, type AstNodeDescription, type LangiumDocument, type LangiumDocuments,
    type ReferenceInfo, type Stream
} from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type LangiumServices, type NextFeature
} from 'langium/lsp';
import {
    CompletionItemKind, CompletionList, InsertTextFormat, type CompletionItem, type CompletionParams, type MarkupContent, type Position
} from 'vscode-languageserver';
import { isModel } from '../generated/ast.js';
import { isFoldEffect, isMechanism, isQuantity, isSetParameter } from '../generated/ast.js';
import { allUnits, CANONICAL_UNIT, describeDimension, type Dimension, findParameter, lookupUnit } from '../../../simulator/index.js';
import { EXPECTED_QUANTITIES, expectedQuantity, type ExpectedQuantity } from '../validation/expected-dimensions.js';
import { FOLD_TARGET_KINDS, VERB_TARGET_KINDS, verbAcceptsTarget } from '../validation/target-kinds.js';
import { proposedUnits } from '../validation/unit-checks.js';
import { formatNumber, shortDetail } from './osteo-describe.js';
import { SNIPPETS, snippetPreview } from './osteo-completion-snippets.js';
import { isMeasurable, varyParameterCompletion } from './osteo-analysis-completion.js';
import { dataCompletion } from './osteo-data-completion.js';
import { frequencyCompletion, isAfterDoseAmount } from './osteo-frequency-completion.js';
import { isOversized } from '../workspace/document-size.js';
import { isNameAlternative } from '../parser/soft-keywords.js';

/** Completion item kind per declaration type, so that the list reads by kind. */
const ITEM_KINDS: Readonly<Record<string, CompletionItemKind>> = {
    Drug: CompletionItemKind.Class, Regimen: CompletionItemKind.Function, Condition: CompletionItemKind.Event,
    Scenario: CompletionItemKind.Module, Cytokine: CompletionItemKind.Variable, Mediator: CompletionItemKind.Constant,
    Cell: CompletionItemKind.Struct, Pathway: CompletionItemKind.Interface, Site: CompletionItemKind.EnumMember,
    Output: CompletionItemKind.Field
};

/** A number, optional blanks and a partly typed unit, at the end of the text before the cursor. */
const NUMBER_THEN_UNIT = /(?:^|[^\w.])((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)([ \t]*)([A-Za-z_]\w*(?:\/\w*)?|\/\w*|%)?$/;

/** When the AST has no quantity yet (broken text), the keyword before the number says what it is. */
const KEYWORD_QUANTITIES: Readonly<Record<string, ExpectedQuantity | undefined>> = {
    duration: EXPECTED_QUANTITIES.DurationSpec?.value, every: EXPECTED_QUANTITIES.Dosing?.interval,
    dose: EXPECTED_QUANTITIES.Dosing?.amount, loading: EXPECTED_QUANTITIES.Regimen?.loading,
    from: EXPECTED_QUANTITIES.Give?.from, until: EXPECTED_QUANTITIES.Give?.until, targeting: EXPECTED_QUANTITIES.Delivery?.targeting,
    release: EXPECTED_QUANTITIES.Delivery?.release,
    age: EXPECTED_QUANTITIES.Patient?.age, weight: EXPECTED_QUANTITIES.Patient?.weight
};

/** Completion that fits the position (docs/language.md §7): units by dimension, targets by verb, templates. */
export class OsteoCompletionProvider extends DefaultCompletionProvider {
    private readonly documents: LangiumDocuments;
    /** Documentation and detail per declaration node: a node's text is immutable, and a reparse makes new nodes. */
    private readonly referenceItems = new WeakMap<AstNode, { documentation?: string | MarkupContent, detail: string }>();
    /** The document being completed, by its text: the builder's, or a parse of the latest text (osteo-completion-handler.ts). */
    private readonly completing = new WeakMap<TextDocument, LangiumDocument>();

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        // Completion re-parses the text before the cursor: not for a file too large to analyse.
        if (isOversized(document)) return undefined;
        this.completing.set(document.textDocument, document);
        const units = this.unitCompletion(document, params.position);
        if (units) return CompletionList.create(units, false);
        const data = await dataCompletion(document, params.position, this.documents);
        if (data.length > 0) return CompletionList.create(data, false);
        const list = await super.getCompletion(document, params);
        const parameters = varyParameterCompletion(document, params.position);
        const frequencies = list && isAfterDoseAmount(list.items) ? frequencyCompletion() : [];
        const extra = [...parameters, ...frequencies];
        return extra.length > 0 ? CompletionList.create([...(list?.items ?? []), ...extra], false) : list;
    }

    // ------------------------------------------------------------------ units after a number

    /** Units of the dimension the property expects, when the cursor follows a number; undefined elsewhere. */
    protected unitCompletion(document: LangiumDocument, position: Position): CompletionItem[] | undefined {
        const textDocument = document.textDocument;
        const offset = textDocument.offsetAt(position);
        const linePrefix = textDocument.getText({ start: { line: position.line, character: 0 }, end: position });
        const match = NUMBER_THEN_UNIT.exec(linePrefix);
        if (!match) return undefined;
        const [, numberText, blanks, typed = ''] = match;
        const numberOffset = offset - typed.length - blanks.length - numberText.length;
        // The number must be a NUMBER token (not inside a string or a comment).
        const lineEnd = textDocument.offsetAt({ line: position.line + 1, character: 0 });
        const tokens = this.lexer.tokenize(textDocument.getText().slice(0, lineEnd)).tokens;
        const index = tokens.findIndex(t => t.startOffset === numberOffset);
        if (index < 0 || tokens[index].tokenType.name !== 'NUMBER') return undefined;

        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findLeafNodeAtOffset(root, numberOffset) : undefined;
        const quantity = leaf?.offset === numberOffset && isQuantity(leaf.astNode) ? leaf.astNode : undefined;
        if (quantity?.fold) return undefined; // `x 4` takes no unit
        let dimensions: readonly Dimension[] | undefined;
        let preferred: string | undefined;
        if (quantity && isSetParameter(quantity.$container)) {
            const unit = lookupUnit(findParameter(quantity.$container.parameter)?.unit ?? '');
            dimensions = unit ? [unit.dimension] : undefined;
            preferred = unit?.name;
        } else {
            const expected = quantity?.$container && quantity.$containerProperty
                ? expectedQuantity(quantity.$container, quantity.$containerProperty)
                : this.expectedFromKeyword(tokens, index);
            dimensions = expected?.dimensions;
            preferred = expected?.unit;
        }
        const names = dimensions
            ? [...new Set([...(preferred ? [preferred] : []), ...dimensions.flatMap(proposedUnits)])]
            : allUnits().map(u => u.name);
        const singular = Number(numberText) === 1;
        const start = textDocument.positionAt(offset - typed.length);
        const prefix = blanks.length === 0 && typed.length === 0 ? ' ' : '';
        return names.map((name, i) => {
            const label = singular ? singularOf(name) : name;
            return {
                label,
                kind: CompletionItemKind.Unit,
                detail: unitDetail(label),
                sortText: String(i).padStart(3, '0'),
                filterText: label,
                textEdit: { range: { start, end: position }, newText: prefix + label }
            };
        });
    }

    protected expectedFromKeyword(tokens: Array<{ image: string }>, numberIndex: number): ExpectedQuantity | undefined {
        let i = numberIndex - 1;
        if (tokens[i]?.image === '-') i--;
        const keyword = tokens[i]?.image;
        if (keyword === 'at') {
            const before = tokens[i - 1]?.image;
            return ['onset', 'resolves', 'menopause'].includes(before ?? '')
                ? EXPECTED_QUANTITIES.ConditionUse?.onset
                : EXPECTED_QUANTITIES.Infuse?.rate;
        }
        if (!keyword) return undefined;
        return KEYWORD_QUANTITIES[keyword] ?? EXPECTED_QUANTITIES.Drug?.[camelCase(keyword)];
    }

    // ------------------------------------------------------------------ references

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        const kinds = this.acceptedKinds(refInfo, context);
        if (refInfo.container.$type === 'Measure' && refInfo.property === 'target') return candidates.filter(isMeasurable);
        const verb = this.mechanismVerb(refInfo, context);
        // The same rule as validation (target-kinds.ts): never offer what would then be rejected (`supplies RANKL`).
        if (verb) return candidates.filter(d => verbAcceptsTarget(verb, d.type, d.name));
        return kinds ? candidates.filter(d => kinds.includes(d.type)) : candidates;
    }

    /** The verb of the mechanism being completed, if the cursor is at a mechanism's target. */
    protected mechanismVerb(refInfo: ReferenceInfo, context: CompletionContext): string | undefined {
        const container = refInfo.container;
        if (!(isMechanism(container) || container.$type === 'Mechanism')) return undefined;
        const verb = (isMechanism(container) && container.verb) || this.tokensBefore(context).pop()?.image;
        return verb && verb in VERB_TARGET_KINDS ? verb : undefined;
    }

    /** Mechanism targets by verb, condition fold effects by `drives`/`activates`; undefined when the scope's type suffices. */
    protected acceptedKinds(refInfo: ReferenceInfo, context: CompletionContext): readonly string[] | undefined {
        const container = refInfo.container;
        if (isMechanism(container) || container.$type === 'Mechanism') {
            const verb = (isMechanism(container) && container.verb) || this.tokensBefore(context).pop()?.image;
            return verb ? VERB_TARGET_KINDS[verb] : undefined;
        }
        if (isFoldEffect(container) || container.$type === 'FoldEffect') {
            // Walk back over `TNF_alpha x 4,` to the keyword that opened the list.
            const tokens = this.tokensBefore(context);
            for (let i = tokens.length - 1; i >= 0; i--) {
                const t = tokens[i];
                if (t.image in FOLD_TARGET_KINDS) return FOLD_TARGET_KINDS[t.image];
                if (!(t.tokenType.name === 'ID' || t.tokenType.name === 'NUMBER' || [',', 'x', '%', '/', '-'].includes(t.image))) break;
            }
        }
        return undefined;
    }

    protected tokensBefore(context: CompletionContext) {
        return this.lexer.tokenize(context.textDocument.getText().slice(0, context.tokenOffset)).tokens;
    }

    protected override createReferenceCompletionItem(nodeDescription: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const node = nodeDescription.node;
        const kind = ITEM_KINDS[nodeDescription.type] ?? this.nodeKindProvider.getCompletionItemKind(nodeDescription);
        if (!node) {
            const item = super.createReferenceCompletionItem(nodeDescription, refInfo, context);
            return { ...item, kind, detail: shortDetail(undefined, nodeDescription.type) };
        }
        let cached = this.referenceItems.get(node);
        if (!cached) {
            const documentation = this.getReferenceDocumentation(nodeDescription);
            cached = { documentation, detail: shortDetail(node, nodeDescription.type) };
            // A `{@link name}` renders as a link resolved through the scope, which can change while the node stays.
            const text = typeof documentation === 'string' ? documentation : documentation?.value ?? '';
            if (!text.includes('](')) this.referenceItems.set(node, cached);
        }
        return { nodeDescription, kind, documentation: cached.documentation, detail: cached.detail, sortText: '0' };
    }

    /**
     * Langium re-parses all the text before the cursor to find what may come next. Every top-level declaration
     * starts in the same parser state, so in a file that parsed cleanly up to the cursor's declaration only that
     * declaration's text is parsed: the same features, at a cost independent of the file's length.
     */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const start = this.declarationStart(document, offset);
        if (start === 0) return super.findFeaturesAt(document, offset);
        const declaration = TextDocument.create(document.uri, document.languageId, document.version, document.getText().slice(start, offset));
        return super.findFeaturesAt(declaration, offset - start);
    }

    /** Start of the top-level declaration holding `offset`, when nothing before it has a syntax error; else 0. */
    protected declarationStart(textDocument: TextDocument, offset: number): number {
        const document = this.completing.get(textDocument)
            ?? (this.documents.hasDocument(URI.parse(textDocument.uri)) ? this.documents.getDocument(URI.parse(textDocument.uri)) : undefined);
        const model = document?.parseResult.value;
        if (!document || document.textDocument !== textDocument || !isModel(model) || !model.$cstNode) return 0;
        let start = 0;
        for (const declaration of model.declarations) {
            const cst = declaration.$cstNode;
            if (!cst || cst.offset >= offset) break;
            start = cst.offset;
        }
        if (start === 0) return 0;
        const { lexerErrors, parserErrors } = document.parseResult;
        const errorBefore = lexerErrors.some(e => e.offset < start) || parserErrors.some(e => !(e.token.startOffset >= start));
        return errorBefore ? 0 : start;
    }

    // ------------------------------------------------------------------ templates

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        // Where a name goes, the soft keywords the `Name` rule accepts are not something to propose.
        if (isNameAlternative(keyword)) return;
        super.completionForKeyword(context, keyword, acceptor);
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        const snippet = rule ? SNIPPETS[`${keyword.value} in ${rule.name}`] : undefined;
        if (!snippet) return;
        acceptor(context, {
            label: keyword.value,
            kind: CompletionItemKind.Snippet,
            detail: snippet.detail,
            documentation: { kind: 'markdown', value: '```osteo\n' + snippetPreview(snippet.body) + '\n```' },
            insertText: snippet.body,
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: '2'
        });
    }
}

function camelCase(keyword: string): string {
    return keyword.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

function singularOf(unit: string): string {
    return /^(hour|day|week|month|year)s$/.test(unit) ? unit.slice(0, -1) : unit;
}

/** "1 week = 7 days", "1 ng/mL = 0.001 mg/L": the conversion the model applies. */
function unitDetail(name: string): string {
    const unit = lookupUnit(name);
    if (!unit) return '';
    if (unit.dimension === 'fraction') return '1 % = 0.01';
    if (unit.dimension === 'fold') return 'fold change';
    const canonical = CANONICAL_UNIT[unit.dimension];
    const dimension = describeDimension(unit.dimension).replace(/^an? /, '').replace(/ \(.*\)$/, '');
    return canonical === unit.name ? `${dimension} · the model's unit` : `${dimension} · 1 ${singularOf(unit.name)} = ${formatNumber(unit.factor)} ${canonical}`;
}
