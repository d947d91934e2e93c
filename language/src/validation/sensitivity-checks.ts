/**
 * Checks of `sensitivity` blocks (docs/language.md §3.7), at the line that is wrong: one measure line, a method's
 * options (samples and seed for morris/sobol only, enough samples), the runs a study takes, and each vary line's
 * parameter and range (known parameter, range in its unit and within its valid bounds, low below high, a default
 * range only where ½–2 × the value gives one). The measure line itself is checked by checkMeasure.
 */
import type { ValidationAcceptor } from 'langium';
import { isSetParameter, type Sensitivity, type SensitivityFactor } from '../generated/ast.js';
import { ADVISED_SOBOL_SAMPLES, DEFAULT_SAMPLES, findParameter, MAX_GLOBAL_RUNS, MIN_SAMPLES, PARAMETERS, RANGE_FACTOR, type ParameterInfo } from '../../../simulator/index.js';
import { parameterQuantity } from '../compiler/compile-analysis.js';
import { checkAnalysisName, checkParameterValue, named, unknownParameter } from './analysis-checks.js';
import { issue, IssueCodes } from './issue-codes.js';
import { scenarioOf } from './scenario-facts.js';

export function checkSensitivity(block: Sensitivity, accept: ValidationAcceptor): void {
    checkAnalysisName(block, accept);
    const method = block.method ?? 'local';
    if (block.measure.length === 0) {
        accept('error', `${named('Sensitivity', block.name)} has no \`measure\` line: say which series, e.g. \`measure bmd at total_hip in treated at 1 year, 5 years\`.`,
            { node: block, property: 'name', ...issue(IssueCodes.AnalysisStructure) });
    }
    for (const extra of block.measure.slice(1)) {
        accept('error', 'A sensitivity study measures one series; declare another block for a second one.', { node: extra, ...issue(IssueCodes.AnalysisStructure) });
    }
    if (method === 'local') {
        for (const property of ['samples', 'seed'] as const) {
            if (block[property] !== undefined) {
                accept('error', `\`${property}\` goes with \`method morris\` or \`method sobol\`; a local sensitivity takes one run per parameter side.`,
                    { node: block, property, ...issue(IssueCodes.AnalysisStructure) });
            }
        }
    }
    const samples = block.samples;
    if (method !== 'local' && samples !== undefined) {
        if (!(Number.isInteger(samples) && samples >= MIN_SAMPLES)) {
            accept('error', `${method === 'sobol' ? 'Sobol' : 'Morris'} needs at least ${MIN_SAMPLES} ${method === 'sobol' ? 'samples' : 'trajectories'} (a whole number), not ${samples}.`,
                { node: block, property: 'samples', ...issue(IssueCodes.OutOfRange) });
        } else if (method === 'sobol' && samples < ADVISED_SOBOL_SAMPLES) {
            accept('warning', `${samples} Sobol samples give bootstrap intervals too wide to rank most parameters; use ${ADVISED_SOBOL_SAMPLES} or more (the default is ${DEFAULT_SAMPLES.sobol}).`,
                { node: block, property: 'samples', ...issue(IssueCodes.OutOfRange) });
        }
    }
    const seed = block.seed;
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
        accept('error', `A seed is a whole number from 0 to 4294967295, not ${seed}.`, { node: block, property: 'seed', ...issue(IssueCodes.OutOfRange) });
    }
    const runs = sensitivityRuns(block);
    if (runs !== undefined && runs > MAX_GLOBAL_RUNS) {
        accept('error', `This study takes ${runs.toLocaleString('en-US')} runs; at most ${MAX_GLOBAL_RUNS.toLocaleString('en-US')} are allowed (fewer samples or parameters).`,
            { node: block, property: 'name', ...issue(IssueCodes.TooManyRuns) });
    }
    const seen = new Set<string>();
    for (const factor of block.factors) {
        if (!factor.parameter) continue;
        if (seen.has(factor.parameter)) accept('error', `${factor.parameter} is varied twice in this study.`, { node: factor, property: 'parameter', ...issue(IssueCodes.DuplicateProperty) });
        seen.add(factor.parameter);
    }
}

/** Model runs the block takes: Sobol N (k + 2), Morris r (k + 1), local 1 + 2k at most (k: its vary lines, or every parameter). */
export function sensitivityRuns(block: Sensitivity): number | undefined {
    const k = block.factors.length > 0 ? block.factors.length : PARAMETERS.length;
    const method = block.method ?? 'local';
    if (method === 'local') return 1 + 2 * k;
    const samples = block.samples ?? DEFAULT_SAMPLES[method as 'sobol' | 'morris'];
    if (!Number.isInteger(samples) || samples < MIN_SAMPLES) return undefined;
    return samples * (k + (method === 'sobol' ? 2 : 1));
}

export function checkSensitivityFactor(factor: SensitivityFactor, accept: ValidationAcceptor): void {
    if (!factor.parameter) return;
    const parameter = findParameter(factor.parameter);
    if (!parameter) {
        unknownParameter(factor.parameter, { node: factor, property: 'parameter' }, accept);
        return;
    }
    const block = factor.$container;
    if (factor.low || factor.high) {
        if ((block.method ?? 'local') === 'local') {
            accept('error', 'A local sensitivity takes parameter names without ranges; ranges go with `method morris` or `method sobol`.', { node: factor, property: 'low', ...issue(IssueCodes.AnalysisStructure) });
            return;
        }
        if (factor.low) checkParameterValue(factor.low, parameter, accept, false);
        if (factor.high) checkParameterValue(factor.high, parameter, accept, false);
        const low = factor.low && parameterQuantity(factor.low, parameter);
        const high = factor.high && parameterQuantity(factor.high, parameter);
        if (typeof low === 'number' && typeof high === 'number' && !(low < high)) {
            accept('error', `The range must go from a lower to a higher value: ${factor.low!.$cstNode?.text} is not below ${factor.high!.$cstNode?.text}.`, { node: factor.high!, ...issue(IssueCodes.TimeOrder) });
        }
        return;
    }
    if ((block.method ?? 'local') === 'local') return;
    const value = valueInScenario(factor, parameter);
    const low = Math.max(parameter.min, value / RANGE_FACTOR), high = Math.min(parameter.max, value * RANGE_FACTOR);
    if (!(low < high)) {
        accept('error', `${parameter.name} is ${value}, so ½ to 2 × its value is no range: write one, e.g. \`vary ${parameter.name} from LOW to HIGH\` (in ${parameter.unit}).`,
            { node: factor, property: 'parameter', ...issue(IssueCodes.OutOfRange) });
    }
}

/** The parameter's value in the scenario: its `set` line, else the table's. */
function valueInScenario(factor: SensitivityFactor, parameter: ParameterInfo): number {
    const set = scenarioOf(factor)?.members.filter(isSetParameter).find(s => s.parameter === parameter.name);
    const value = set?.value ? parameterQuantity(set.value, parameter) : undefined;
    return value ?? parameter.value;
}
