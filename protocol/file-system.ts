/**
 * The workspace file system, bridged from the client to a language server that has none of its own (the web
 * extension's server runs in a web worker; on vscode.dev/github.dev the files live behind `vscode.workspace.fs`).
 * Requests go from the server to the client. Types and constants only.
 */

export const FileSystemStatMethod = 'osteo/fs/stat';
export const FileSystemReadFileMethod = 'osteo/fs/readFile';
export const FileSystemReadDirectoryMethod = 'osteo/fs/readDirectory';

export interface FileSystemUriParams {
    readonly uri: string;
}

export interface FileSystemEntry {
    readonly uri: string;
    readonly isFile: boolean;
    readonly isDirectory: boolean;
}

/** readFile answers with the text (UTF-8); a missing file is a request error whose message says so. */
export type FileSystemReadFileResult = string;
