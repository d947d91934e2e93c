/**
 * Re-validates the `.osteo` documents that read a data file when it changes on disk (docs/data-and-fit.md
 * §4): Langium forwards `workspace/didChangeWatchedFiles` as an event; for a .csv/.tsv change the cached
 * table is dropped and every document with a `data` declaration naming that file is rebuilt.
 */
import { AstUtils, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isDataTable } from '../generated/ast.js';
import { delimiterOf } from '../../../simulator/index.js';
import { dataFiles } from './data-files.js';
import { dataPathOf } from '../compiler/compile-data.js';

export function watchDataFiles(shared: LangiumSharedServices): void {
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        const changed = new Set(params.changes.map(c => URI.parse(c.uri)).filter(u => u.scheme === 'file' && delimiterOf(u.fsPath)).map(u => u.fsPath));
        if (changed.size === 0) return;
        for (const file of changed) dataFiles.invalidate(file);
        const affected: URI[] = [];
        for (const document of shared.workspace.LangiumDocuments.all) {
            const root = document.parseResult.value;
            const reads = AstUtils.streamAllContents(root).filter(isDataTable).some(d => changed.has(dataPathOf(d) ?? ''));
            if (reads) affected.push(document.uri);
        }
        // Documents importing an affected one are rebuilt by Langium's own dependency tracking.
        if (affected.length > 0) void shared.workspace.DocumentBuilder.update(affected, []);
    });
}
