import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';

/** "Run scenario" above each scenario. */
export class OsteoCodeLensProvider implements CodeLensProvider {
    provideCodeLens(_document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[] | undefined> {
        return [];
    }
}
