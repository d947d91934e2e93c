import { AstUtils, type AstNode, type Reference } from 'langium';
import { AbstractSemanticTokenProvider, AllSemanticTokenModifiers, type LangiumServices, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isArm, isConcept, isCondition, isConditionUse, isDrug, isFoldEffect, isGive, isInfuse, isMechanism, isQuantity,
    isRegimen, isReportItem, isScenario, isSetParameter
} from '../generated/ast.js';
import { isLibraryUri } from '../builtins/library.js';

/** Standard token type per declaration kind, so that any theme colours them apart. */
const KIND_TYPES: Readonly<Record<string, string>> = {
    Drug: SemanticTokenTypes.class, Regimen: SemanticTokenTypes.function, Condition: SemanticTokenTypes.event,
    Scenario: SemanticTokenTypes.namespace, Arm: SemanticTokenTypes.method,
    Cytokine: SemanticTokenTypes.variable, Mediator: SemanticTokenTypes.parameter, Cell: SemanticTokenTypes.struct,
    Pathway: SemanticTokenTypes.interface, Site: SemanticTokenTypes.enumMember, Output: SemanticTokenTypes.enum
};

/** Osteo's own modifiers (after the standard ones), so that themes can single out e.g. `*.cytokine`. */
export const OSTEO_TOKEN_MODIFIERS = ['drug', 'regimen', 'condition', 'cytokine', 'mediator', 'cell', 'pathway', 'site', 'output', 'unit'] as const;

/** The legend's modifiers: bit i is the i-th key, so Osteo's follow the standard ones. */
const TOKEN_MODIFIERS: Record<string, number> = {
    ...AllSemanticTokenModifiers,
    ...Object.fromEntries(OSTEO_TOKEN_MODIFIERS.map((m, i) => [m, 1 << (Object.keys(AllSemanticTokenModifiers).length + i)]))
};

/** Properties holding enumeration keywords (drug class, route, severity …), highlighted as enum members. */
const ENUM_PROPERTIES = ['drugClass', 'route', 'sex', 'severity', 'scope', 'kind'] as const;

/** Semantic highlighting by concept kind, with `declaration` on names and `defaultLibrary` on standard-library names. */
export class OsteoSemanticTokenProvider extends AbstractSemanticTokenProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    override get tokenModifiers(): Record<string, number> {
        return TOKEN_MODIFIERS;
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isDrug(node) || isRegimen(node) || isCondition(node) || isScenario(node) || isArm(node) || isConcept(node)) {
            if (node.name) {
                const library = isLibraryUri(AstUtils.getDocument(node).uri);
                acceptor({ node, property: 'name', type: KIND_TYPES[node.$type], modifier: modifiers(node.$type, library, true) });
            }
        }
        for (const property of ENUM_PROPERTIES) {
            if (property in node && typeof (node as unknown as Record<string, unknown>)[property] === 'string') {
                acceptor({ node, property: property as never, type: SemanticTokenTypes.enumMember });
            }
        }
        if (isMechanism(node) && node.target) this.reference(node, 'target', node.target, acceptor);
        else if (isFoldEffect(node) && node.target) this.reference(node, 'target', node.target, acceptor);
        else if (isGive(node) && node.target) this.reference(node, 'target', node.target, acceptor);
        else if (isInfuse(node) && node.mediator) this.reference(node, 'mediator', node.mediator, acceptor);
        else if (isRegimen(node) && node.drug) this.reference(node, 'drug', node.drug, acceptor);
        else if (isConditionUse(node)) {
            if (node.condition) this.reference(node, 'condition', node.condition, acceptor);
            node.sites.forEach((site, index) => this.reference(node, 'sites', site, acceptor, index));
        } else if (isCondition(node)) {
            node.sites.forEach((site, index) => this.reference(node, 'sites', site, acceptor, index));
        } else if (isReportItem(node)) {
            if (node.target) this.reference(node, 'target', node.target, acceptor);
            node.sites.forEach((site, index) => this.reference(node, 'sites', site, acceptor, index));
        } else if (isSetParameter(node) && node.parameter) {
            acceptor({ node, property: 'parameter', type: SemanticTokenTypes.property, modifier: SemanticTokenModifiers.modification });
        } else if (isQuantity(node)) {
            if (node.fold) acceptor({ node, keyword: 'x', type: SemanticTokenTypes.operator });
            if (typeof node.value === 'number') acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
            if (node.unit) acceptor({ node, property: 'unit', type: SemanticTokenTypes.type, modifier: 'unit' });
        }
    }

    /** A reference coloured by what it resolved to; unresolved references keep the default colour. */
    protected reference(node: AstNode, property: string, reference: Reference, acceptor: SemanticTokenAcceptor, index?: number): void {
        const target = reference.ref;
        if (!target) return;
        const type = KIND_TYPES[target.$type];
        if (!type) return;
        const library = isLibraryUri(AstUtils.getDocument(target).uri);
        acceptor({ node, property: property as never, index, type, modifier: modifiers(target.$type, library, false) });
    }
}

function modifiers(type: string, library: boolean, declaration: boolean): string[] {
    const result: string[] = [];
    if (declaration) result.push(SemanticTokenModifiers.declaration);
    if (library) result.push(SemanticTokenModifiers.defaultLibrary, SemanticTokenModifiers.readonly);
    const own = type.toLowerCase();
    if ((OSTEO_TOKEN_MODIFIERS as readonly string[]).includes(own)) result.push(own);
    return result;
}
