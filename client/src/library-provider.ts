import * as vscode from 'vscode';
import { LIBRARY_PATH, LIBRARY_SCHEME, LIBRARY_TEXT } from './library-scheme.js';

/**
 * Serves `osteo-builtin:///library.osteo`, the standard library the server loads, so go-to-definition
 * into it opens a read-only editor. The text is bundled, identical to the server's copy.
 */
export function registerLibraryProvider(): vscode.Disposable {
    const provider: vscode.TextDocumentContentProvider = {
        provideTextDocumentContent: uri => uri.path === LIBRARY_PATH ? LIBRARY_TEXT : undefined
    };
    return vscode.workspace.registerTextDocumentContentProvider(LIBRARY_SCHEME, provider);
}
