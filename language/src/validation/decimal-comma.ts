/**
 * Decimal commas (`7,5 mg`, `1,5 years`): the language writes decimals with a point, and a comma between two
 * digits with no space is almost always a decimal comma typed from a European locale, not a list separator.
 */
import type { Quantity } from '../generated/ast.js';

/** The number around a comma at `commaOffset`, when digits touch it on both sides: `7,5` → 7.5. */
export function decimalCommaAt(text: string, commaOffset: number): { start: number, end: number, written: string, replacement: string } | undefined {
    if (text[commaOffset] !== ',') return undefined;
    let start = commaOffset;
    while (start > 0 && /[\d.]/.test(text[start - 1])) start--;
    let end = commaOffset + 1;
    while (end < text.length && /\d/.test(text[end])) end++;
    if (start === commaOffset || end === commaOffset + 1 || text.slice(start, commaOffset).includes('.')) return undefined;
    const written = text.slice(start, end);
    return { start, end, written, replacement: written.replace(',', '.') };
}

/** The message for a decimal comma, one sentence with the fix. */
export function decimalCommaMessage(written: string, replacement: string): string {
    return `'${written}' uses a decimal comma; Osteo writes decimals with a point: write ${replacement}.`;
}

/** A quantity written as the integer part of a decimal comma (`7` of `7,5 mg`). */
export function followedByDecimalComma(q: Quantity): boolean {
    const cst = q.$cstNode;
    const text = cst?.root.fullText;
    if (!cst || !text) return false;
    return decimalCommaAt(text, cst.end) !== undefined;
}
