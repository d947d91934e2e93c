import { UriUtils, WorkspaceCache, type FileSystemProvider, type LangiumDocument, type LangiumDocuments, type URI, type ValidationAcceptor } from 'langium';
import { DiagnosticTag } from 'vscode-languageserver';
import type { LangiumServices } from 'langium/lsp';
import { isModel, type Import, type Model } from '../generated/ast.js';
import { isLibraryUri } from '../builtins/library.js';
import { importedUris } from '../references/osteo-scope-provider.js';
import { issue, IssueCodes } from './issue-codes.js';
import { closestNames } from './name-suggestions.js';

/** Imports: the file must exist, not be this file, not be imported twice, not close a cycle, and be used. */
export class ImportChecks {
    private readonly documents: LangiumDocuments;
    private readonly fileSystem: FileSystemProvider;
    /** Each loaded file's imports, resolved once per build: every import's cycle search walks the import graph. */
    private readonly importsOf: WorkspaceCache<string, URI[]>;

    constructor(services: LangiumServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.fileSystem = services.shared.workspace.FileSystemProvider;
        this.importsOf = new WorkspaceCache(services.shared);
    }

    readonly checkImports = (model: Model, accept: ValidationAcceptor): void => {
        const document = model.$document;
        if (!document || isLibraryUri(document.uri)) return;
        const self = document.uri.toString();
        const seen = new Set<string>();
        const used: Array<{ imp: Import, uri: string }> = [];
        for (const imp of model.imports ?? []) {
            if (typeof imp.path !== 'string') continue;
            if (imp.path.trim().length === 0) {
                accept('error', 'Empty import path: write the path of an .osteo file relative to this one, e.g. `import "./regimens.osteo"`.',
                    { node: imp, property: 'path', ...issue(IssueCodes.MissingImport) });
                continue;
            }
            const uri = UriUtils.resolvePath(UriUtils.dirname(document.uri), imp.path);
            const key = uri.toString();
            if (key === self) {
                accept('error', 'A file cannot import itself: remove this import.', { node: imp, property: 'path', ...issue(IssueCodes.ImportSelf) });
                continue;
            }
            if (seen.has(key)) {
                accept('warning', `"${imp.path}" is already imported above: remove this line.`, { node: imp, property: 'path', ...issue(IssueCodes.DuplicateImport) });
                continue;
            }
            seen.add(key);
            if (!this.exists(uri)) {
                this.reportMissing(imp, uri, document.uri, accept);
                continue;
            }
            used.push({ imp, uri: key });
            const cycle = this.pathBack(uri, self);
            if (cycle) {
                const names = [document.uri, ...cycle].map(u => UriUtils.basename(u));
                accept('warning', `Import cycle: ${names.join(' → ')}. Each file sees only what it imports directly, so the cycle is harmless to names but makes the files hard to reuse apart; move the shared declarations into a file both import.`,
                    { node: imp, property: 'path', ...issue(IssueCodes.ImportCycle) });
            }
        }
        this.checkUnused(document, used, accept);
    };

    /** An import none of whose declarations this file refers to: a hint, shown faded, with a fix to remove it. */
    private checkUnused(document: LangiumDocument, imports: Array<{ imp: Import, uri: string }>, accept: ValidationAcceptor): void {
        if (imports.length === 0) return;
        const referenced = new Set<string>();
        for (const reference of document.references) {
            const target = 'ref' in reference ? reference.$nodeDescription?.documentUri ?? reference.ref?.$document?.uri : undefined;
            if (target) referenced.add(target.toString());
        }
        for (const { imp, uri } of imports) {
            if (referenced.has(uri)) continue;
            accept('hint', `Nothing declared in "${imp.path}" is used in this file: the import can go.`,
                { node: imp, property: 'path', tags: [DiagnosticTag.Unnecessary], ...issue(IssueCodes.UnusedImport) });
        }
    }

    private exists(uri: URI): boolean {
        if (this.documents.hasDocument(uri)) return true;
        try {
            return this.fileSystem.existsSync(uri);
        } catch {
            return false;
        }
    }

    private reportMissing(imp: Import, uri: URI, base: URI, accept: ValidationAcceptor): void {
        const known = this.documents.all
            .filter(d => !isLibraryUri(d.uri) && d.uri.toString() !== base.toString())
            .map(d => relativeImportPath(base, d.uri))
            .toArray();
        const suggestions = closestNames(imp.path, known);
        const hint = suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : ' The path is relative to this file.';
        accept('error', `Cannot find the imported file "${imp.path}" (${uri.scheme === 'file' ? uri.fsPath : uri.toString()}).${hint}`,
            { node: imp, property: 'path', ...issue(IssueCodes.MissingImport, { suggestions }) });
    }

    /** The chain of imports from `start` back to `target`, if there is one (depth-first over loaded documents). */
    private pathBack(start: URI, target: string): URI[] | undefined {
        const visited = new Set<string>();
        const visit = (uri: URI): URI[] | undefined => {
            const key = uri.toString();
            if (key === target) return [uri];
            if (visited.has(key)) return undefined;
            visited.add(key);
            for (const next of this.importedBy(uri)) {
                const rest = visit(next);
                if (rest) return [uri, ...rest];
            }
            return undefined;
        };
        return visit(start);
    }

    private importedBy(uri: URI): URI[] {
        return this.importsOf.get(uri.toString(), () => {
            const root = this.documents.hasDocument(uri) ? this.documents.getDocument(uri)?.parseResult.value : undefined;
            return isModel(root) ? importedUris(root, uri) : [];
        });
    }
}

/** `./regimens.osteo`, `../shared/drugs.osteo`: how `from` imports `to`. */
export function relativeImportPath(from: URI, to: URI): string {
    const relative = UriUtils.relative(UriUtils.dirname(from), to);
    return relative.startsWith('.') ? relative : `./${relative}`;
}
