// A minimal reader of .zip archives (a .vsix is one): the entries of the central directory and their contents.
// Enough for the install suite to check what a package ships without another dependency.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

export interface ZipEntry { readonly name: string; readonly size: number; read(): Buffer }

export function readZip(file: string): ZipEntry[] {
    const buf = fs.readFileSync(file);
    let end = buf.length - 22;
    while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;   // end of central directory record
    if (end < 0) throw new Error(`${file} is not a zip archive`);
    const count = buf.readUInt16LE(end + 10);
    let at = buf.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
        const method = buf.readUInt16LE(at + 10);
        const compressed = buf.readUInt32LE(at + 20);
        const size = buf.readUInt32LE(at + 24);
        const nameLength = buf.readUInt16LE(at + 28);
        const local = buf.readUInt32LE(at + 42);
        const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
        at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
        entries.push({
            name, size, read: () => {
                const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
                const raw = buf.subarray(data, data + compressed);
                return method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
            }
        });
    }
    return entries;
}
