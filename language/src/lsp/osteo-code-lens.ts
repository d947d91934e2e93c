import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isModel, isScenario } from '../generated/ast.js';

/** The command the client registers; arguments `[documentUri, scenarioName]`. */
export const RUN_SCENARIO_COMMAND = 'osteo.runScenario';

/** "▶ Run scenario" above each scenario. */
export class OsteoCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const model = document.parseResult.value;
        if (!isModel(model)) return [];
        return model.declarations.filter(isScenario).filter(s => s.name && s.$cstNode).map(scenario => {
            const start = scenario.$cstNode!.range.start;
            return {
                range: { start, end: start },
                command: { title: '▶ Run scenario', command: RUN_SCENARIO_COMMAND, arguments: [document.uri.toString(), scenario.name] }
            };
        });
    }
}
