/**
 * Reads measurement tables from disk once: a cache keyed by path and checked against the file's size
 * and modification time (a changed file is re-read, an unchanged one never), with concurrent requests
 * for the same file sharing one read, and tables of identical content (by SHA-256) shared in memory.
 * The read streams 1 MiB chunks through the incremental parser, so the event loop stays free.
 */
import { CsvParser, DataReadError, delimiterOf, MAX_DATA_BYTES, type CsvTable } from '../../../simulator/index.js';

/** What this file needs of Node's `fs` and `crypto` (declared here: the web server's type check has no Node types). */
interface Stat { readonly size: number; readonly mtimeMs: number; isFile(): boolean }
interface NodeFs {
    readonly promises: { stat(file: string): Promise<Stat> };
    statSync(file: string): Stat;
    readFileSync(file: string): Uint8Array;
    createReadStream(file: string, options: { highWaterMark: number }): AsyncIterable<Uint8Array> & { destroy(): void };
}
interface NodeCrypto { createHash(algorithm: 'sha256'): { update(data: Uint8Array): unknown; digest(encoding: 'hex'): string } }
declare const require: ((id: string) => unknown) | undefined;

let node: { fs: NodeFs; crypto: NodeCrypto } | null | undefined;

/**
 * Node's fs and crypto on Node (the desktop server, the CLI, the tests); null in the web extension's worker,
 * where there is no disk to read data files from. The names are built at run time so that no bundler pulls
 * these modules into the web bundle: there the guard below never reaches them.
 */
function nodeModules(): { fs: NodeFs; crypto: NodeCrypto } | null {
    if (node === undefined) {
        try {
            const onNode = !!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
            const load = onNode && typeof require === 'function' ? require : undefined;
            node = load ? { fs: load(['node', 'fs'].join(':')) as NodeFs, crypto: load(['node', 'crypto'].join(':')) as NodeCrypto } : null;
        } catch {
            node = null;
        }
    }
    return node;
}

const NO_DISK = 'cannot be read here: the web version of Osteo has no file system for data files (use VS Code desktop or the osteo CLI)';

export type DataLoad =
    | { readonly ok: true; readonly table: CsvTable; readonly hash: string; readonly bytes: number }
    | { readonly ok: false; readonly error: DataReadError };

interface Entry {
    readonly size: number;
    readonly mtimeMs: number;
    readonly promise: Promise<DataLoad>;
    settled?: DataLoad;
}

/** Tables kept in memory at once (least recently used go first). */
const MAX_ENTRIES = 32;
const CHUNK_BYTES = 1024 * 1024;

function megabytes(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What makes a file unusable before reading it: its extension, or its size. */
function precheck(filePath: string, size: number): { delimiter: ',' | '\t' } | DataReadError {
    const delimiter = delimiterOf(filePath);
    if (!delimiter) return new DataReadError('data-file-unreadable', 'is not a .csv or .tsv file');
    if (size > MAX_DATA_BYTES) return new DataReadError('data-file-unreadable', `is ${megabytes(size)}; a data file may be at most 50 MB`);
    return { delimiter };
}

function decodeError(): DataReadError {
    return new DataReadError('data-file-unreadable', 'is not UTF-8 text (a binary file?)');
}

export class DataFiles {
    private readonly entries = new Map<string, Entry>();
    private readonly byHash = new Map<string, CsvTable>();
    /** How many times a file was actually read from disk (tests check that a cached file is not re-read). */
    reads = 0;

    /** The table of a file, read at most once per content version. */
    async load(filePath: string): Promise<DataLoad> {
        const fs = nodeModules()?.fs;
        if (!fs) return { ok: false, error: new DataReadError('data-file-unreadable', NO_DISK) };
        let stat: Stat;
        try {
            stat = await fs.promises.stat(filePath);
        } catch {
            this.entries.delete(filePath);
            return { ok: false, error: new DataReadError('data-file-missing', 'does not exist') };
        }
        if (!stat.isFile()) return { ok: false, error: new DataReadError('data-file-unreadable', 'is not a file') };
        const known = this.entries.get(filePath);
        if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) {
            this.touch(filePath, known);
            return known.promise;
        }
        const entry: Entry = { size: stat.size, mtimeMs: stat.mtimeMs, promise: this.read(filePath, stat.size) };
        entry.promise.then(result => { entry.settled = result; });
        this.touch(filePath, entry);
        return entry.promise;
    }

    /** The table if a load of this file has finished (no disk access): what the compiler uses after validation. */
    peek(filePath: string): DataLoad | undefined {
        return this.entries.get(filePath)?.settled;
    }

    /** Synchronous load for callers that cannot wait (the compiler, when validation did not load the file first). */
    loadSync(filePath: string): DataLoad {
        const modules = nodeModules();
        if (!modules) return { ok: false, error: new DataReadError('data-file-unreadable', NO_DISK) };
        const { fs, crypto } = modules;
        let stat: Stat;
        try {
            stat = fs.statSync(filePath);
        } catch {
            return { ok: false, error: new DataReadError('data-file-missing', 'does not exist') };
        }
        const known = this.entries.get(filePath);
        if (known?.settled && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.settled;
        const checked = precheck(filePath, stat.size);
        let result: DataLoad;
        if (checked instanceof DataReadError) {
            result = { ok: false, error: checked };
        } else {
            this.reads++;
            try {
                const bytes = fs.readFileSync(filePath);
                const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
                if (text.includes('\0')) throw decodeError();
                const parser = new CsvParser(checked.delimiter);
                parser.push(text);
                result = this.settle(parser.end(), hashOf(crypto, bytes), stat.size);
            } catch (error) {
                result = { ok: false, error: error instanceof DataReadError ? error : error instanceof TypeError ? decodeError() : new DataReadError('data-file-unreadable', `could not be read (${(error as Error).message})`) };
            }
        }
        const entry: Entry = { size: stat.size, mtimeMs: stat.mtimeMs, promise: Promise.resolve(result), settled: result };
        this.touch(filePath, entry);
        return result;
    }

    /** Forgets a file (the client saw it change on disk); the next load re-reads it. */
    invalidate(filePath: string): void {
        this.entries.delete(filePath);
    }

    private touch(filePath: string, entry: Entry): void {
        this.entries.delete(filePath);
        this.entries.set(filePath, entry);
        while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }

    private settle(table: CsvTable, hash: string, bytes: number): DataLoad {
        const shared = this.byHash.get(hash);
        if (!shared) {
            this.byHash.set(hash, table);
            while (this.byHash.size > MAX_ENTRIES) this.byHash.delete(this.byHash.keys().next().value!);
        }
        return { ok: true, table: shared ?? table, hash, bytes };
    }

    private async read(filePath: string, size: number): Promise<DataLoad> {
        const checked = precheck(filePath, size);
        if (checked instanceof DataReadError) return { ok: false, error: checked };
        const { fs, crypto } = nodeModules()!;
        this.reads++;
        const parser = new CsvParser(checked.delimiter);
        const decoder = new TextDecoder('utf-8', { fatal: true });
        const hash = crypto.createHash('sha256');
        let bytes = 0;
        try {
            const stream = fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
            try {
                for await (const chunk of stream) {
                    bytes += chunk.length;
                    // The file grew while being read: stop at the limit rather than read without end.
                    if (bytes > MAX_DATA_BYTES) throw new DataReadError('data-file-unreadable', `is over 50 MB`);
                    hash.update(chunk);
                    let text: string;
                    try {
                        text = decoder.decode(chunk, { stream: true });
                    } catch {
                        throw decodeError();
                    }
                    if (text.includes('\0')) throw decodeError();
                    parser.push(text);
                }
            } finally {
                stream.destroy();
            }
            try {
                parser.push(decoder.decode());
            } catch {
                throw decodeError();
            }
            return this.settle(parser.end(), hash.digest('hex'), bytes);
        } catch (error) {
            if (error instanceof DataReadError) return { ok: false, error };
            return { ok: false, error: new DataReadError('data-file-unreadable', `could not be read (${(error as Error).message})`) };
        }
    }
}

/** The process's one cache (the language server, the CLI and the compiler share it). */
export const dataFiles = new DataFiles();

function hashOf(crypto: NodeCrypto, bytes: Uint8Array): string {
    const hash = crypto.createHash('sha256');
    hash.update(bytes);
    return hash.digest('hex');
}
