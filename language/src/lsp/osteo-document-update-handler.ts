import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import type { FileSystemWatcher } from 'vscode-languageserver';

/**
 * Asks the client to watch `.osteo` files (dynamic registration of `workspace/didChangeWatchedFiles`): a file
 * created, changed or deleted on disk — by git, another editor, `osteo` itself — rebuilds the files it affects
 * (OsteoIndexManager) as an edit in the editor does. Langium's default watches every file in the workspace.
 */
export class OsteoDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    protected override getWatchers(): FileSystemWatcher[] {
        return [{ globPattern: '**/*.osteo' }];
    }
}
