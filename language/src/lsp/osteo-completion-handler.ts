import { DocumentState, isOperationCancelled, TextDocument, URI, type LangiumDocument, type RootCstNode } from 'langium';
import type { LangiumServices, LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken, type CompletionParams, type Connection } from 'vscode-languageserver';

/**
 * `textDocument/completion` that never waits behind document builds (issue 16, editor under load).
 *
 * Langium's handler waits until the document is linked. While the user types, every keystroke cancels the build
 * in progress and starts another, so completion waited for the burst to end (seconds under load). Completion
 * needs the current text parsed and its local scopes, not validation or the other files' re-linking: when the
 * builder's document is linked and holds the current text it is used; otherwise the current text is parsed into
 * a private document (its scopes computed; references resolve lazily against the index, as the builder's
 * would), kept for that text version only and dropped once the builder has validated the document. The
 * builder's document is never touched here, so the final diagnostics are those of a fresh open.
 */
export function addLatestTextCompletionHandler(connection: Connection, shared: LangiumSharedServices): void {
    const latest = new LatestTextDocuments(shared);
    connection.onCompletion(async (params: CompletionParams, token: CancellationToken) => {
        const uri = URI.parse(params.textDocument.uri);
        if (!shared.ServiceRegistry.hasServices(uri)) return null;
        await shared.workspace.WorkspaceManager.ready;
        try {
            const document = await latest.completionDocument(uri, token) ?? await latest.whenLinked(uri, token);
            return await (shared.ServiceRegistry.getServices(uri) as LangiumServices).lsp.CompletionProvider?.getCompletion(document, params, token) ?? null;
        } catch (error) {
            if (isOperationCancelled(error)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
            if (error instanceof ResponseError) return error;
            throw error;
        }
    });
}

/** The document completion reads, per open file: the builder's when it is current, else a parse of the current text. */
export class LatestTextDocuments {
    /** One private document per file, for one text version; dropped when the builder's document is validated. */
    private readonly parsed = new Map<string, { version: number; document: LangiumDocument }>();

    constructor(private readonly shared: LangiumSharedServices) {
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            this.parsed.delete(document.uri.toString());
        });
        shared.workspace.TextDocuments.onDidClose(event => this.parsed.delete(event.document.uri));
    }

    /** Undefined when the file is not open in the editor (then completion waits for the builder, as Langium's does). */
    async completionDocument(uri: URI, token: CancellationToken): Promise<LangiumDocument | undefined> {
        const key = uri.toString();
        const open = this.shared.workspace.TextDocuments.get(key);
        if (!open) return undefined;
        const text = open.getText();
        const built = this.shared.workspace.LangiumDocuments.getDocument(uri);
        if (built && built.state >= DocumentState.Linked && textOf(built) === text) return built;
        const kept = this.parsed.get(key);
        if (kept && kept.version === open.version && textOf(kept.document) === text) return kept.document;
        const services = this.shared.ServiceRegistry.getServices(uri);
        // A copy: the editor's text document changes in place with the next edit.
        const snapshot = TextDocument.create(key, open.languageId, open.version, text);
        const document = services.shared.workspace.LangiumDocumentFactory.fromTextDocument(snapshot, uri);
        document.localSymbols = await services.references.ScopeComputation.collectLocalSymbols(document, token);
        document.state = DocumentState.ComputedScopes;
        this.parsed.set(key, { version: open.version, document });
        return document;
    }

    /** The builder's document once linked (a file not open in the editor). */
    async whenLinked(uri: URI, token: CancellationToken): Promise<LangiumDocument> {
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri, token);
        return this.shared.workspace.LangiumDocuments.getDocument(uri)!;
    }
}

/** The text a document was parsed from. */
function textOf(document: LangiumDocument): string | undefined {
    return (document.parseResult.value.$cstNode?.root as RootCstNode | undefined)?.fullText;
}
