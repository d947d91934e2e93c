import { WorkspaceCache, type AstNodeDescription, type IndexManager } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * The workspace index grouped by name, per declaration type, rebuilt lazily after each change: checks that ask
 * "who else is called this?" for every declaration would otherwise scan the whole index each time.
 */
export class DeclarationsByName {
    private readonly indexManager: IndexManager;
    private readonly byType: WorkspaceCache<string, Map<string, AstNodeDescription[]>>;

    constructor(shared: LangiumSharedServices) {
        this.indexManager = shared.workspace.IndexManager;
        this.byType = new WorkspaceCache(shared);
    }

    /** Indexed declarations named `name` whose type is `type` or a subtype of it (any type when omitted), in index order. */
    named(name: string, type?: string): readonly AstNodeDescription[] {
        return this.byType.get(type ?? '', () => groupByName(this.indexManager.allElements(type))).get(name) ?? [];
    }
}

function groupByName(elements: Iterable<AstNodeDescription>): Map<string, AstNodeDescription[]> {
    const map = new Map<string, AstNodeDescription[]>();
    for (const element of elements) {
        const list = map.get(element.name);
        if (list) list.push(element);
        else map.set(element.name, [element]);
    }
    return map;
}
