import { DefaultIndexManager, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { importedUris } from './visible-documents.js';

/**
 * Which documents a change affects, for the document builder's re-link and re-validation (issue: a stale
 * "already declared" that stayed after the other file was fixed). Langium's index answers "does this document
 * refer to a changed one"; an Osteo file's diagnostics also depend on the files it imports even where it refers
 * to nothing in them: names it must not redeclare, the import's existence, import cycles, unused imports. So a
 * document is affected by a change to any file it imports, directly or through the files those import (cycles).
 * Files that meet no changed file keep their diagnostics: a keystroke does not revalidate the workspace.
 */
export class OsteoIndexManager extends DefaultIndexManager {
    constructor(services: LangiumSharedServices) {
        super(services);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        return super.isAffected(document, changedUris) || this.importsAny(document, changedUris);
    }

    /** Whether the document's import graph reaches one of the URIs (depth-first over loaded documents). */
    private importsAny(document: LangiumDocument, uris: Set<string>): boolean {
        const visited = new Set<string>([document.uri.toString()]);
        const pending = importedUris(document.parseResult.value, document.uri);
        while (pending.length > 0) {
            const uri = pending.pop()!;
            const key = uri.toString();
            if (uris.has(key)) return true;
            if (visited.has(key)) continue;
            visited.add(key);
            const imported = this.documents.hasDocument(uri) ? this.documents.getDocument(uri) : undefined;
            if (imported) pending.push(...importedUris(imported.parseResult.value, uri));
        }
        return false;
    }
}
