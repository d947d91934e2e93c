import { type AstNodeDescription, type AstReflection, type LangiumDocument, type ReferenceInfo, type ScopeProvider } from 'langium';
import type { OsteoServices } from '../osteo-module.js';
import { isCondition, isFoldEffect, isMechanism } from '../generated/ast.js';
import { isLibraryUri } from '../builtins/library.js';
import type { DeclarationsByName } from '../references/declarations-by-name.js';
import { relativeImportPath } from './import-checks.js';
import { closestNames, orList } from './name-suggestions.js';
import { FOLD_TARGET_KINDS, kindsWord, kindWord, VERB_TARGET_KINDS, withArticle } from './target-kinds.js';

export interface UnresolvedDescription {
    readonly message: string;
    /** Close names of the right kind (quick fix: replace). */
    readonly suggestions: string[];
    /** Path of a workspace file declaring the exact name (quick fix: add the import). */
    readonly importPath?: string;
    /** Every workspace file declaring it, when there are several (one "add import" fix each). */
    readonly importPaths?: string[];
}

/** Explains an unresolved name: close names of the right kind, or the file to import, or its actual kind. */
export class UnresolvedReferences {
    private readonly scopeProvider: ScopeProvider;
    private readonly declarations: DeclarationsByName;
    private readonly reflection: AstReflection;

    constructor(services: OsteoServices) {
        this.scopeProvider = services.references.ScopeProvider;
        this.declarations = services.shared.references.DeclarationsByName;
        this.reflection = services.shared.AstReflection;
    }

    describe(info: ReferenceInfo, document: LangiumDocument): UnresolvedDescription {
        const name = info.reference.$refText;
        const referenceType = this.reflection.getReferenceType(info);
        const kinds = narrowedKinds(info);
        const kindText = kinds ? kindsWord(kinds) : kindWord(referenceType);
        const ofKind = (d: AstNodeDescription) => !kinds || kinds.some(k => this.reflection.isSubtype(d.type, k));

        const elsewhere = new Map<string, AstNodeDescription>();
        for (const d of this.declarations.named(name, referenceType)) {
            const uri = d.documentUri.toString();
            if (ofKind(d) && !isLibraryUri(uri) && uri !== document.uri.toString() && !elsewhere.has(uri)) elsewhere.set(uri, d);
        }
        if (elsewhere.size > 0) {
            const candidates = [...elsewhere.values()];
            const importPaths = candidates.map(d => relativeImportPath(document.uri, d.documentUri));
            const kind = kindWord(candidates[0].type);
            const message = importPaths.length === 1
                ? `The ${kind} '${name}' is declared in ${basename(importPaths[0])}, which this file does not import: add \`import "${importPaths[0]}"\`.`
                : `'${name}' is declared in ${andList(importPaths.map(p => `"${p}"`))}, none of which this file imports: import the one you mean.`;
            return { message, suggestions: [], importPath: importPaths[0], importPaths };
        }

        const visible = this.visibleNames(info, ofKind);
        const suggestions = meaningfulSuggestions(name, visible);
        const didYouMean = suggestions.length > 0 ? ` Did you mean ${orList(suggestions)}?` : '';
        const otherKind = this.declarations.named(name)
            .find(d => !(kinds ?? [referenceType]).some(k => this.reflection.isSubtype(d.type, k)));
        if (otherKind) {
            return {
                message: `'${name}' is ${withArticle(kindWord(otherKind.type))}, but ${withArticle(kindText)} is expected here.${didYouMean}`,
                suggestions
            };
        }
        const notInLibrary = suggestions.length === 0 ? notInLibraryHint(name, kinds ?? [referenceType], visible) : undefined;
        if (notInLibrary) return { message: notInLibrary, suggestions: [] };
        const fallback = didYouMean || ` Declare it, or import the file that declares it.`;
        return { message: `Unknown ${kindText} '${name}'.${fallback}`, suggestions };
    }

    private visibleNames(info: ReferenceInfo, ofKind: (d: AstNodeDescription) => boolean): string[] {
        try {
            return this.scopeProvider.getScope(info).getAllElements().filter(ofKind).map(d => d.name).toArray();
        } catch {
            return [];
        }
    }
}

/** Where the grammar's reference type is wider than the position allows (a verb's target, drives vs activates). */
function narrowedKinds(info: ReferenceInfo): readonly string[] | undefined {
    const container = info.container;
    if (isMechanism(container)) return VERB_TARGET_KINDS[container.verb];
    if (isFoldEffect(container) && isCondition(container.$container) && container.$containerProperty) {
        return FOLD_TARGET_KINDS[container.$containerProperty];
    }
    return undefined;
}

function basename(path: string): string {
    return path.split('/').pop() ?? path;
}

function andList(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Names people use for a site → the library's sites with that meaning (`hip` is two measurement sites). */
const SITE_MEANINGS: Readonly<Record<string, readonly string[]>> = {
    hip: ['total_hip', 'femoral_neck'], femur: ['total_hip', 'femoral_neck'], neck: ['femoral_neck'],
    spine: ['lumbar_spine'], lumbar: ['lumbar_spine'], l1_l4: ['lumbar_spine'], vertebrae: ['lumbar_spine'],
    jaw: ['alveolar_bone'], alveolar: ['alveolar_bone'], teeth: ['alveolar_bone'], periodontium: ['alveolar_bone'],
    hands: ['hand'], wrist: ['hand'], joints: ['hand']
};

/** `IL_17` and `IL_1`: one family, a different member (a different molecule, not a typo). */
function differentMember(a: string, b: string): boolean {
    const split = (s: string) => /^(.*?)[_-]?(\d+)([a-z]?)$/i.exec(s);
    const x = split(a), y = split(b);
    return !!x && !!y && x[1].toLowerCase() === y[1].toLowerCase() && (x[2] !== y[2] || x[3].toLowerCase() !== y[3].toLowerCase());
}

/** Close names, weighed by meaning: synonyms first, never another member of a numbered family. */
export function meaningfulSuggestions(name: string, visible: readonly string[]): string[] {
    const available = new Set(visible);
    const bySense = (SITE_MEANINGS[name.toLowerCase()] ?? []).filter(s => available.has(s));
    const bySpelling = closestNames(name, visible).filter(s => !differentMember(name, s));
    return [...new Set([...bySense, ...bySpelling])].slice(0, 3);
}

/** Cytokine-like names the library lacks: say so, and show the declaration. */
function notInLibraryHint(name: string, kinds: readonly string[], visible: readonly string[]): string | undefined {
    if (!/^(IL|TNF|IFN|TGF|CCL|CXCL|GM_CSF|M_CSF)[_-]?\w*$/i.test(name)) return undefined;
    if (!kinds.some(k => k === 'Cytokine' || k === 'FoldTarget' || k === 'MechanismTarget' || k === 'Reportable')) return undefined;
    const library = ['TNF_alpha', 'IL_6', 'IL_1'].filter(c => visible.includes(c));
    const listed = library.length > 1 ? `${library.slice(0, -1).join(', ')} and ${library[library.length - 1]}` : library.join('');
    // User files cannot declare cytokines (checkReservedKind): the model has no equations for a new one.
    return `'${name}' is not in the library${listed ? `, whose cytokines are ${listed}` : ''}; a cytokine cannot be declared in a scenario file because the model has no equations for it. Express its effect through the library's cytokines (e.g. \`drives TNF_alpha x 2, IL_6 x 3\`).`;
}
