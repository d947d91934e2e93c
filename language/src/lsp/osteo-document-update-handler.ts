import { DocumentState, URI, type TextDocument } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { FileSystemWatcher, TextDocumentChangeEvent } from 'vscode-languageserver';

/** Edits closer together than this are a burst: it is built once the editor has sent no edit for this long. */
export const EDIT_QUIET_MS = 50;

/**
 * Asks the client to watch `.osteo` files (dynamic registration of `workspace/didChangeWatchedFiles`): a file
 * created, changed or deleted on disk — by git, another editor, `osteo` itself — rebuilds the files it affects
 * (OsteoIndexManager) as an edit in the editor does. Langium's default watches every file in the workspace.
 *
 * An edit after a pause is built at once, as Langium does; edits that follow it closely are built once typing
 * pauses (EDIT_QUIET_MS), not once per keystroke. Langium starts
 * a build per keystroke, each cancelled by the next; the language server then handles one incoming message
 * per turn of the event loop between slices of a build that will be thrown away, so under a burst of typing
 * the edits themselves queued up for seconds (issue 16: final diagnostics 5–7 s after the last edit, and
 * completion waiting behind them). The edited document is marked changed at once, so that requests which
 * wait for a built document (hover, definitions, `osteo/simulate`) wait for this edit's build rather than
 * answer from the previous text; completion answers from the latest text meanwhile (osteo-completion-handler.ts).
 */
export class OsteoDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly pending = new Map<string, URI>();
    private timer: ReturnType<typeof setTimeout> | undefined;
    private lastEdit = -Infinity;
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    protected override getWatchers(): FileSystemWatcher[] {
        return [{ globPattern: '**/*.osteo' }];
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(change.document.uri);
        const document = this.shared.workspace.LangiumDocuments.getDocument(uri);
        // A file just opened is built at once: requests about it need it in the workspace.
        if (!document) {
            this.fireDocumentUpdate([uri], []);
            return;
        }
        // The build in progress is of an older text: stop it, and mark the document as not built.
        this.workspaceLock.cancelWrite();
        this.documentBuilder.resetToState(document, DocumentState.Changed);
        // As DocumentBuilder.update starts (Langium 4.2.1, pinned by tests/language/langium-overrides.test.ts): the
        // workspace is no longer built, so requests wait for the next build instead of failing on this document.
        (this.documentBuilder as unknown as { currentState: DocumentState }).currentState = DocumentState.Changed;
        this.pending.set(uri.toString(), uri);
        const now = performance.now();
        const afterPause = now - this.lastEdit > EDIT_QUIET_MS;
        this.lastEdit = now;
        if (afterPause && !this.timer) {
            this.flush();
            return;
        }
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.flush(), EDIT_QUIET_MS);
    }

    /** Starts the build of the edits made so far. */
    flush(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        if (this.pending.size === 0) return;
        const changed = [...this.pending.values()];
        this.pending.clear();
        this.fireDocumentUpdate(changed, []);
    }
}
