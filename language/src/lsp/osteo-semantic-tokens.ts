import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';

/** Semantic highlighting by concept kind. */
export class OsteoSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(_node: AstNode, _acceptor: SemanticTokenAcceptor): void {}
}
