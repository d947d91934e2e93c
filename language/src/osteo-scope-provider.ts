import { DefaultScopeProvider, AstUtils, UriUtils, URI, type ReferenceInfo, type Scope } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { isModel, type Model } from './generated/ast.js';
import { LIBRARY_URI } from './builtins/library.js';

/**
 * Global names are visible only from the standard library, the file itself and the files it imports
 * (language spec §2), not from every file that happens to be in the workspace.
 */
export class OsteoScopeProvider extends DefaultScopeProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const visible = new Set<string>([LIBRARY_URI.toString(), document.uri.toString()]);
        for (const uri of importedUris(document.parseResult.value, document.uri)) {
            visible.add(uri.toString());
        }
        return this.createScope(this.indexManager.allElements(referenceType, visible));
    }
}

/** The URIs a file imports, resolved against its own location. */
export function importedUris(root: unknown, base: URI): URI[] {
    if (!isModel(root)) return [];
    return (root as Model).imports
        .filter(i => typeof i.path === 'string' && i.path.length > 0)
        .map(i => UriUtils.resolvePath(UriUtils.dirname(base), i.path));
}
