import { URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isModel } from '../generated/ast.js';
import { importedUris } from '../references/osteo-scope-provider.js';

import { MAX_FILE_BYTES } from './document-size.js';

export { MAX_FILE_BYTES };

export interface LoadProblem {
    readonly file: string;
    readonly message: string;
}

export interface LoadResult {
    /** The documents named on the command line, in order (those that could be read). */
    readonly roots: LangiumDocument[];
    /** Every document loaded, imports included. */
    readonly all: LangiumDocument[];
    readonly problems: LoadProblem[];
}

/**
 * Loads files and, transitively, the files they import, then builds and validates them all with the
 * standard library. Used by the CLI; the language server gets its documents from the editor instead.
 */
export async function loadDocuments(shared: LangiumSharedServices, files: URI[]): Promise<LoadResult> {
    const fs = shared.workspace.FileSystemProvider;
    const documents = shared.workspace.LangiumDocuments;
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);

    const problems: LoadProblem[] = [];
    const loaded = new Map<string, LangiumDocument>();
    const queue = [...files];
    const rootKeys = new Set(files.map(f => f.toString()));
    while (queue.length > 0) {
        const uri = queue.shift()!;
        const key = uri.toString();
        if (loaded.has(key)) continue;
        const text = await readText(uri, fs.readFile.bind(fs), rootKeys.has(key) ? problems : undefined);
        if (text === undefined) continue;
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        if (documents.hasDocument(uri)) documents.deleteDocument(uri);
        documents.addDocument(document);
        loaded.set(key, document);
        const root = document.parseResult.value;
        if (isModel(root)) {
            for (const imported of importedUris(root, uri)) {
                if (!loaded.has(imported.toString()) && await fs.exists(imported)) queue.push(imported);
            }
        }
    }
    const all = [...loaded.values()];
    await shared.workspace.DocumentBuilder.build(all, { validation: true });
    return { roots: files.map(f => loaded.get(f.toString())).filter((d): d is LangiumDocument => !!d), all, problems };
}

async function readText(uri: URI, read: (uri: URI) => Promise<string>, problems?: LoadProblem[]): Promise<string | undefined> {
    const file = uri.fsPath;
    try {
        const { statSync } = await import('node:fs');
        const stat = statSync(file);
        if (stat.isDirectory()) {
            problems?.push({ file, message: 'is a directory, not an .osteo file' });
            return undefined;
        }
        if (stat.size > MAX_FILE_BYTES) {
            problems?.push({ file, message: `is ${(stat.size / 1048576).toFixed(1)} MB; Osteo files are limited to ${MAX_FILE_BYTES / 1048576} MB` });
            return undefined;
        }
        return await read(uri);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        problems?.push({ file, message: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read' });
        return undefined;
    }
}
