/**
 * Compiles the scenarios of a document that the user selected (the AST half of running a document):
 * the selection errors name the choices; the result is plain data for the engine (simulator/).
 */
import { isScenario, type Model, type Scenario } from '../generated/ast.js';
import { SelectionError, simulateCompiled, type AnalysedScenario, type ScenarioResult, type SimulateOptions } from '../../../simulator/index.js';
import { compilePopulations, compileSweeps } from './compile-analysis.js';
import { armNamesOf, compileScenario } from './compile-scenario.js';
import { compileObservations, withObservedTimes } from './compile-data.js';
import { compileSensitivities } from './compile-sensitivity.js';

export interface Selection {
    /** Run only this scenario (default: every scenario of the document). */
    readonly scenario?: string;
    /** Run only these arms (default: every arm). */
    readonly arms?: readonly string[];
}

/** Compiles the selected scenarios of a document (scenarios declared in imported files are not run). */
export function compileDocument(model: Model, selection: Selection = {}): AnalysedScenario[] {
    const scenarios = model.declarations.filter(isScenario);
    if (scenarios.length === 0) throw new SelectionError('the file declares no scenario');
    let chosen: Scenario[] = scenarios;
    if (selection.scenario !== undefined) {
        const found = scenarios.find(s => s.name === selection.scenario);
        if (!found) throw new SelectionError(`no scenario named '${selection.scenario}'; the file declares ${list(scenarios.map(s => s.name))}`);
        chosen = [found];
    }
    const arms = selection.arms && selection.arms.length > 0 ? [...new Set(selection.arms)] : undefined;
    if (arms) {
        for (const arm of arms) {
            const owners = chosen.filter(s => armNamesOf(s).includes(arm));
            if (owners.length === 0) {
                const choices = [...new Set(chosen.flatMap(armNamesOf))];
                const where = chosen.length === 1 ? `scenario ${chosen[0].name}` : 'any scenario of the file';
                throw new SelectionError(`no arm named '${arm}' in ${where}; the arms are ${list(choices)}`);
            }
        }
        // Without --scenario, the scenarios that have none of the named arms are skipped.
        chosen = chosen.filter(s => armNamesOf(s).some(a => arms.includes(a)));
    }
    return chosen.map(s => {
        const plain = compileScenario(s, arms);
        const observations = compileObservations(s, plain.arms);
        const compiled = observations.length === 0 ? plain
            : { ...plain, arms: plain.arms.map(a => withObservedTimes(a, observations)), observations };
        const sweeps = compileSweeps(s, arms);
        const populations = compilePopulations(s, compiled.arms);
        const sensitivities = compileSensitivities(s, compiled, arms);
        return {
            ...compiled,
            ...(sweeps.length > 0 ? { sweeps } : {}),
            ...(populations.length > 0 ? { populations } : {}),
            ...(sensitivities.length > 0 ? { sensitivities } : {})
        };
    });
}

export function simulateDocument(model: Model, options: Selection & SimulateOptions = {}): ScenarioResult[] {
    return simulateCompiled(compileDocument(model, options), options);
}

function list(names: readonly string[]): string {
    return names.join(', ');
}
