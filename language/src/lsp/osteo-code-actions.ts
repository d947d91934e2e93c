import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command } from 'vscode-languageserver';

/** Quick fixes keyed by diagnostic code (validation/issue-codes.ts). */
export class OsteoCodeActionProvider implements CodeActionProvider {
    getCodeActions(_document: LangiumDocument, _params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        return [];
    }
}
