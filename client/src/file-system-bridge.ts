/**
 * Answers the web language server's file requests (protocol/file-system.ts) with `vscode.workspace.fs`, which
 * reaches the workspace wherever it lives (a GitHub repository on github.dev, a local folder on vscode.dev, the
 * test host's mount). The server uses them to index the workspace and resolve imports.
 */
import * as vscode from 'vscode';
import { ResponseError, type BaseLanguageClient } from 'vscode-languageclient';
import {
    FileSystemReadDirectoryMethod, FileSystemReadFileMethod, FileSystemStatMethod,
    type FileSystemEntry, type FileSystemUriParams
} from '../../protocol/file-system.js';

/** Folders the server never needs to look into for .osteo files (and that can be huge). */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist']);

export function bridgeFileSystem(client: BaseLanguageClient): vscode.Disposable[] {
    return [
        client.onRequest(FileSystemStatMethod, (p: FileSystemUriParams) => answer(p, async uri => entryOf(uri, (await vscode.workspace.fs.stat(uri)).type))),
        client.onRequest(FileSystemReadFileMethod, (p: FileSystemUriParams) => answer(p, async uri =>
            new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)))),
        client.onRequest(FileSystemReadDirectoryMethod, (p: FileSystemUriParams) => answer(p, async uri =>
            (await vscode.workspace.fs.readDirectory(uri))
                .filter(([name, type]) => !(type & vscode.FileType.Directory && SKIPPED_FOLDERS.has(name)))
                .map(([name, type]) => entryOf(vscode.Uri.joinPath(uri, name), type))))
    ];
}

function entryOf(uri: vscode.Uri, type: vscode.FileType): FileSystemEntry {
    return { uri: uri.toString(), isFile: (type & vscode.FileType.File) !== 0, isDirectory: (type & vscode.FileType.Directory) !== 0 };
}

async function answer<T>(params: FileSystemUriParams, read: (uri: vscode.Uri) => Promise<T>): Promise<T | ResponseError> {
    try {
        return await read(vscode.Uri.parse(params.uri));
    } catch (error) {
        // FileSystemError.FileNotFound and friends: a readable message, no stack, for the server to report.
        return new ResponseError(-32803 /* RequestFailed */, `${params.uri}: ${(error as Error)?.message ?? error}`);
    }
}
