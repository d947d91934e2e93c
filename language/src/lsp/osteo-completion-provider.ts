import { DefaultCompletionProvider } from 'langium/lsp';

/** Completion that fits the position (language spec §7). */
export class OsteoCompletionProvider extends DefaultCompletionProvider {}
