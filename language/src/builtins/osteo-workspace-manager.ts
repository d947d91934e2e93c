import { DefaultWorkspaceManager, type LangiumDocument, type LangiumDocumentFactory, type WorkspaceFolder } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { LIBRARY_TEXT, LIBRARY_URI } from './library.js';

/** Loads the read-only standard library into every workspace, before the user's files. */
export class OsteoWorkspaceManager extends DefaultWorkspaceManager {
    private readonly documentFactory: LangiumDocumentFactory;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
    }

    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        collector(this.documentFactory.fromString(LIBRARY_TEXT, LIBRARY_URI));
    }
}
