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
        const suggestions = closestNames(name, visible);
        const didYouMean = suggestions.length > 0 ? ` Did you mean ${orList(suggestions)}?` : '';
        const otherKind = this.declarations.named(name)
            .find(d => !(kinds ?? [referenceType]).some(k => this.reflection.isSubtype(d.type, k)));
        if (otherKind) {
            return {
                message: `'${name}' is ${withArticle(kindWord(otherKind.type))}, but ${withArticle(kindText)} is expected here.${didYouMean}`,
                suggestions
            };
        }
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
