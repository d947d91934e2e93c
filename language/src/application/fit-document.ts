/**
 * The one service that turns a document's fit into a FitProblem, for `osteo fit` and `osteo/fit` alike:
 * which scenario (the only one with a fit block, or the one named), which fit (the first, or the one
 * named), compiled with its observations (docs/data-and-fit.md §3, §5). Errors: SelectionError for a
 * choice the caller must make (usage error / invalid params), CompileError for a mistake in the file.
 */
import { isFit, isScenario, type Model } from '../generated/ast.js';
import { SelectionError, type FitProblem } from '../../../simulator/index.js';
import { compileDocument } from '../compiler/compile-document.js';
import { compileFit } from '../compiler/compile-fit.js';

export interface FitSelection {
    /** Required when more than one scenario of the document has a fit block. */
    readonly scenario?: string;
    /** Default: the scenario's first fit. */
    readonly fit?: string;
}

export function planDocumentFit(model: Model, selection: FitSelection = {}): FitProblem {
    const withFits = model.declarations.filter(isScenario).filter(s => s.members.some(isFit));
    if (withFits.length === 0) throw new SelectionError('has no scenario with a fit block');
    const names = withFits.map(s => s.name).join(', ');
    if (selection.scenario === undefined && withFits.length > 1) throw new SelectionError(`choose a scenario with a fit (${names})`);
    const scenario = selection.scenario === undefined ? withFits[0] : withFits.find(s => s.name === selection.scenario);
    if (!scenario) throw new SelectionError(`no scenario named '${selection.scenario}' with a fit block; the scenarios with fits are ${names}`);
    const [compiled] = compileDocument(model, { scenario: scenario.name });
    return compileFit(scenario, compiled, selection.fit);
}
