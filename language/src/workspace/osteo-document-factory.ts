import { DefaultLangiumDocumentFactory, type AstNode, type Cancellation, type ParseResult, type ParserOptions, type URI } from 'langium';
import { isOversizedText } from './document-size.js';

/**
 * Parses a text over the size limit as an empty file: parsing, linking and validating megabytes of
 * text would hold the language server for minutes. The validator reports the size instead.
 */
export class OsteoDocumentFactory extends DefaultLangiumDocumentFactory {
    protected override parse<T extends AstNode>(uri: URI, text: string, options?: ParserOptions): ParseResult<T> {
        return super.parse(uri, isOversizedText(text) ? '' : text, options);
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: Cancellation.CancellationToken): Promise<ParseResult<T>> {
        return super.parseAsync(uri, isOversizedText(text) ? '' : text, cancellationToken);
    }
}
