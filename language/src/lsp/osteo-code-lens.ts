import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isFit, isModel, isScenario } from '../generated/ast.js';

/** The command the client registers; arguments `[documentUri, scenarioName]`. */
export const RUN_SCENARIO_COMMAND = 'osteo.runScenario';
/** Arguments `[documentUri, scenarioName, fitName]` (docs/data-and-fit.md §6). */
export const FIT_PARAMETERS_COMMAND = 'osteo.fitParameters';

/** "▶ Run scenario" above each scenario, "▶ Fit" above each fit block. */
export class OsteoCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const model = document.parseResult.value;
        if (!isModel(model)) return [];
        const uri = document.uri.toString();
        return model.declarations.filter(isScenario).filter(s => s.name && s.$cstNode).flatMap(scenario => {
            const start = scenario.$cstNode!.range.start;
            const fits = scenario.members.filter(isFit).filter(f => f.name && f.$cstNode).map((fit): CodeLens => {
                const at = fit.$cstNode!.range.start;
                return {
                    range: { start: at, end: at },
                    command: { title: `▶ Fit ${fit.name}`, command: FIT_PARAMETERS_COMMAND, arguments: [uri, scenario.name, fit.name] }
                };
            });
            return [{
                range: { start, end: start },
                command: { title: '▶ Run scenario', command: RUN_SCENARIO_COMMAND, arguments: [uri, scenario.name] }
            }, ...fits];
        });
    }
}
