import {
    AstUtils, DefaultScopeProvider, EMPTY_STREAM, stream, WorkspaceCache,
    type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Scope, type Stream
} from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { visibleUris } from './visible-documents.js';

/**
 * Global names are visible only from the standard library, the file itself and the files it imports
 * (language spec §2), not from every file that happens to be in the workspace.
 *
 * Scopes are looked up by name through maps built once (per build for the global scope, per computation of a
 * document's local symbols for the local ones): Langium's default scans every visible declaration for every
 * reference, which is quadratic in a file with a thousand declarations.
 */
export class OsteoScopeProvider extends DefaultScopeProvider {
    /** Per document URI and reference type; evicted whenever any document changes (imports make it cross-file). */
    private readonly importScopes: WorkspaceCache<string, NameIndex>;
    /** Per local-symbol table (recomputed with the document), container node and reference type. */
    private readonly localIndexes = new WeakMap<object, WeakMap<AstNode, Map<string, NameIndex>>>();

    constructor(services: LangiumServices) {
        super(services);
        this.importScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const document = AstUtils.getDocument(context.container);
        let result: Scope = this.getGlobalScope(referenceType, context);
        const localSymbols = document.localSymbols;
        if (!localSymbols) return result;
        const containers: AstNode[] = [];
        for (let node: AstNode | undefined = context.container; node; node = node.$container) {
            if (localSymbols.has(node)) containers.push(node);
        }
        // Innermost first when looking up: build the chain from the root inwards.
        for (let i = containers.length - 1; i >= 0; i--) {
            result = new NameIndexScope(this.localIndex(localSymbols, containers[i], referenceType), result);
        }
        return result;
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${document.uri.toString()}\n${referenceType}`;
        return new NameIndexScope(this.importScopes.get(key, () => new NameIndex(this.visibleElements(document, referenceType))));
    }

    private visibleElements(document: LangiumDocument, referenceType: string): Stream<AstNodeDescription> {
        return this.indexManager.allElements(referenceType, visibleUris(document));
    }

    private localIndex(localSymbols: NonNullable<LangiumDocument['localSymbols']>, container: AstNode, referenceType: string): NameIndex {
        let byNode = this.localIndexes.get(localSymbols);
        if (!byNode) this.localIndexes.set(localSymbols, byNode = new WeakMap());
        let byType = byNode.get(container);
        if (!byType) byNode.set(container, byType = new Map());
        let index = byType.get(referenceType);
        if (!index) {
            index = new NameIndex(localSymbols.getStream(container).filter(d => this.reflection.isSubtype(d.type, referenceType)));
            byType.set(referenceType, index);
        }
        return index;
    }
}

/** Descriptions in their original order, and by name (first declaration first). */
class NameIndex {
    readonly all: readonly AstNodeDescription[];
    private readonly byName = new Map<string, AstNodeDescription[]>();

    constructor(elements: Iterable<AstNodeDescription>) {
        this.all = [...elements];
        for (const element of this.all) {
            const list = this.byName.get(element.name);
            if (list) list.push(element);
            else this.byName.set(element.name, [element]);
        }
    }

    named(name: string): readonly AstNodeDescription[] | undefined {
        return this.byName.get(name);
    }
}

/** The same lookups as Langium's StreamScope (first match wins, outer scope after), through a name map. */
class NameIndexScope implements Scope {
    constructor(private readonly index: NameIndex, private readonly outerScope?: Scope) { }

    getElement(name: string): AstNodeDescription | undefined {
        return this.index.named(name)?.[0] ?? this.outerScope?.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const local = stream(this.index.named(name) ?? []);
        return this.outerScope ? local.concat(this.outerScope.getElements(name)) : local;
    }

    getAllElements(): Stream<AstNodeDescription> {
        const local = this.index.all.length > 0 ? stream(this.index.all) : EMPTY_STREAM;
        return this.outerScope ? local.concat(this.outerScope.getAllElements()) : local;
    }
}

export { importedUris } from './visible-documents.js';
