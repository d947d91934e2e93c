import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import { issue, IssueCodes } from './issue-codes.js';
import { UnresolvedReferences } from './unresolved-reference.js';

/** Replaces Langium's "Could not resolve reference" with a message that says how to fix the name. */
export class OsteoDocumentValidator extends DefaultDocumentValidator {
    private readonly unresolved: UnresolvedReferences;

    constructor(services: LangiumServices) {
        super(services);
        this.unresolved = new UnresolvedReferences(services);
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error;
            // An empty name comes from parser recovery: the syntax error already says what is missing.
            if (!error || !reference.$refText || !reference.$refNode) continue;
            const description = this.unresolved.describe(error.info, document);
            const { code, data } = issue(IssueCodes.UnresolvedReference, {
                suggestions: description.suggestions,
                importPath: description.importPath,
                // Kept for tools that look for Langium's own linking-error code.
                linkingError: DocumentValidator.LinkingError,
                refText: reference.$refText
            });
            diagnostics.push(this.toDiagnostic('error', description.message, {
                node: error.info.container, range: reference.$refNode.range, code, data
            }));
        }
    }
}
