import {
    DefaultLangiumDocumentFactory, DocumentState, type AstNode, type Cancellation, type LangiumDocument, type ParseResult,
    type ParserOptions, type URI
} from 'langium';
import { isOversizedText } from './document-size.js';
import { reparseDeclarations } from './incremental-reparse.js';

/**
 * Parses a text over the size limit as an empty file: parsing, linking and validating megabytes of
 * text would hold the language server for minutes. The validator reports the size instead.
 *
 * An edited editor buffer re-parses only the declarations the edit touched, when that is certain to give what a
 * full parse gives (incremental-reparse.ts): a keystroke in a 5,000-line file then costs a few declarations' parse.
 */
export class OsteoDocumentFactory extends DefaultLangiumDocumentFactory {
    protected override parse<T extends AstNode>(uri: URI, text: string, options?: ParserOptions): ParseResult<T> {
        return super.parse(uri, isOversizedText(text) ? '' : text, options);
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: Cancellation.CancellationToken): Promise<ParseResult<T>> {
        return super.parseAsync(uri, isOversizedText(text) ? '' : text, cancellationToken);
    }

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const textDocument = this.textDocuments?.get(document.uri.toString());
        const text = textDocument?.getText();
        if (textDocument && text !== undefined && !isOversizedText(text)) {
            const reparsed = reparseDeclarations(document.parseResult, text, window => super.parse(document.uri, window));
            if (reparsed) {
                // What Langium's update does after a full parse.
                Object.defineProperty(document, 'textDocument', { value: textDocument });
                // The same root node as before, so it is still attached to this document.
                document.parseResult = reparsed as unknown as ParseResult<T>;
                document.state = DocumentState.Parsed;
                return document;
            }
        }
        return super.update(document, cancellationToken);
    }
}
