import type { LangiumDocument } from 'langium';

/** Files larger than this are refused with a message instead of being parsed (they are not scenarios). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** UTF-8 size of a text, counted without allocating a copy. */
export function utf8Length(text: string): number {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80) bytes += 1;
        else if (c < 0x800) bytes += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { bytes += 4; i++; }
        else bytes += 3;
    }
    return bytes;
}

/** True when the text is over the limit the CLI also applies (document-loader.ts). */
export function isOversizedText(text: string): boolean {
    // A UTF-16 unit is at most 3 UTF-8 bytes: most texts are decided without counting.
    if (text.length > MAX_FILE_BYTES) return true;
    if (text.length * 3 <= MAX_FILE_BYTES) return false;
    return utf8Length(text) > MAX_FILE_BYTES;
}

/** An editor buffer over the limit: parsed as empty, reported by the validator, ignored by completion. */
export function isOversized(document: LangiumDocument): boolean {
    return isOversizedText(document.textDocument.getText());
}

export function oversizeMessage(text: string): string {
    return `This file is ${(utf8Length(text) / 1048576).toFixed(1)} MB; Osteo files are limited to ${MAX_FILE_BYTES / 1048576} MB, so it is not analysed. Split it into files that import each other.`;
}
