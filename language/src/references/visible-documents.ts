import { UriUtils, type LangiumDocument, type URI } from 'langium';
import { isModel, type Model } from '../generated/ast.js';
import { LIBRARY_URI } from '../builtins/library.js';

/**
 * What a file sees (docs/language.md §2): the standard library, itself and the files it imports directly.
 * Name lookup and name uniqueness both use this set, so a duplicate is reported exactly where it is ambiguous.
 */
export function visibleUris(document: LangiumDocument): Set<string> {
    const visible = new Set<string>([LIBRARY_URI.toString(), document.uri.toString()]);
    for (const uri of importedUris(document.parseResult.value, document.uri)) visible.add(uri.toString());
    return visible;
}

/** The URIs a file imports, resolved against its own location. */
export function importedUris(root: unknown, base: URI): URI[] {
    if (!isModel(root)) return [];
    return (root as Model).imports
        .filter(i => typeof i.path === 'string' && i.path.length > 0)
        .map(i => UriUtils.resolvePath(UriUtils.dirname(base), i.path));
}
