import { MultilineCommentHoverProvider } from 'langium/lsp';

/** Hover: the doc comment plus computed facts (language spec §7). */
export class OsteoHoverProvider extends MultilineCommentHoverProvider {}
