/**
 * What each quantity-valued property expects, for validation, quick fixes, completion and hover: the language's
 * view of the one table of quantities (simulator/quantity-table.ts), which the compiler reads too. Nothing is
 * restated here; this file only checks, at compile time, that the table's keys are the AST's quantity properties.
 */
import type { AstNode } from 'langium';
import type { OsteoAstType, Quantity } from '../generated/ast.js';
import { QUANTITY_TABLE, quantitySlot, type QuantitySlot } from '../../../simulator/index.js';

/** What one quantity-valued property accepts. */
export type ExpectedQuantity = QuantitySlot;

type Table = typeof QUANTITY_TABLE;
/** Keys of the table that are not a Quantity property of an AST type: a misspelt or renamed one. */
type NotAQuantityProperty = {
    [T in keyof Table]: T extends keyof OsteoAstType
        ? { [P in keyof Table[T]]: P extends keyof OsteoAstType[T] ? (OsteoAstType[T][P] extends Quantity | Quantity[] | undefined ? never : `${T}.${P & string}`) : `${T}.${P & string}` }[keyof Table[T]]
        : T
}[keyof Table];
// Does not compile while a key of the table names no Quantity property of the grammar (the error names it).
const keysAreQuantityProperties: [NotAQuantityProperty] extends [never] ? true : NotAQuantityProperty = true;
void keysAreQuantityProperties;

/** AST type → property → what it expects (docs/language.md §3, §5). */
export const EXPECTED_QUANTITIES: Readonly<Record<string, Readonly<Record<string, ExpectedQuantity>>>> = QUANTITY_TABLE;

/** What `node[property]` expects, if it is a quantity the language constrains. */
export function expectedQuantity(node: AstNode, property: string): ExpectedQuantity | undefined {
    return quantitySlot(node.$type, property);
}
