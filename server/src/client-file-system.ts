/**
 * Langium's FileSystemProvider over the client's workspace file system (protocol/file-system.ts), for the web
 * language server: it indexes the workspace and resolves `import`s through the same calls the desktop server
 * makes on disk. The synchronous variants cannot cross a message channel: they answer from nothing (exists →
 * false) or throw, and Langium's workspace loading uses only the asynchronous ones.
 */
import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import type { Connection } from 'vscode-languageserver';
import {
    FileSystemReadDirectoryMethod, FileSystemReadFileMethod, FileSystemStatMethod,
    type FileSystemEntry, type FileSystemReadFileResult, type FileSystemUriParams
} from '../../protocol/file-system.js';

export class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly connection: Connection) {}

    async stat(uri: URI): Promise<FileSystemNode> {
        return toNode(await this.connection.sendRequest<FileSystemEntry>(FileSystemStatMethod, params(uri)));
    }

    async exists(uri: URI): Promise<boolean> {
        try {
            await this.stat(uri);
            return true;
        } catch {
            return false;
        }
    }

    async readFile(uri: URI): Promise<string> {
        return this.connection.sendRequest<FileSystemReadFileResult>(FileSystemReadFileMethod, params(uri));
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        const entries = await this.connection.sendRequest<FileSystemEntry[]>(FileSystemReadDirectoryMethod, params(uri));
        return entries.map(toNode);
    }

    statSync(uri: URI): FileSystemNode { return unavailable('stat', uri); }
    existsSync(): boolean { return false; }
    readBinarySync(uri: URI): Uint8Array { return unavailable('read', uri); }
    readFileSync(uri: URI): string { return unavailable('read', uri); }
    readDirectorySync(uri: URI): FileSystemNode[] { return unavailable('list', uri); }
}

function params(uri: URI): FileSystemUriParams {
    return { uri: uri.toString() };
}

function toNode(entry: FileSystemEntry): FileSystemNode {
    return { uri: URI.parse(entry.uri), isFile: entry.isFile, isDirectory: entry.isDirectory };
}

function unavailable(what: string, uri: URI): never {
    throw new Error(`cannot ${what} ${uri.toString()} synchronously in the web language server`);
}
