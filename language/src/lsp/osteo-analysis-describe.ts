/** Hover facts for sweeps, populations and sensitivity studies: how many runs, of which arm, measuring what. Never throws on partial nodes. */
import { isArm, type Population, type Sensitivity, type SensitivityFactor, type Sweep, type SweepVary } from '../generated/ast.js';
import { DEFAULT_SAMPLES, findParameter, PARAMETERS, RANGE_FACTOR } from '../../../simulator/index.js';
import { sensitivityRuns } from '../validation/sensitivity-checks.js';
import { axisRuns, sweepRuns } from '../validation/analysis-checks.js';
import { scenarioOf } from '../validation/scenario-facts.js';
import { quantityWords } from './osteo-describe.js';

const runs = (n: number) => `${n.toLocaleString('en-US')} run${n === 1 ? '' : 's'}`;

export function sweepFacts(sweep: Sweep): string[] {
    const n = sweepRuns(sweep);
    const arm = sweep.vary.map(v => v.target?.arm?.ref).find(a => a) ?? scenarioOf(sweep)?.members.find(isArm);
    const measure = sweep.measure[0];
    const lines = [`**sweep** \`${sweep.name}\`${sweep.title ? ` — ${sweep.title}` : ''}`];
    lines.push(`${n === undefined ? 'Grid not complete yet' : `${sweep.vary.length === 2 ? '2-D grid: ' : ''}${runs(n)}`} of arm ${arm?.name ?? 'baseline'}`);
    if (measure?.target) {
        const site = measure.site ? ` at ${measure.site.$refText}` : '';
        lines.push(`Measures ${measure.target.$refText}${site} at ${quantityWords(measure.time) ?? 'the end of the scenario'}`);
    }
    return lines;
}

/** "5 values: 0, 6, 12, 18, 24 months" for one vary line of a sweep. */
export function sweepVaryFacts(vary: SweepVary): string[] {
    const n = axisRuns(vary);
    const lines = [`**vary** ${vary.target?.$cstNode?.text ?? ''} — ${n === undefined ? 'values not complete yet' : `${n} value${n === 1 ? '' : 's'} (${runs(n)} on this axis)`}`];
    const { from, to, step } = vary;
    if (vary.values.length === 0 && n !== undefined && n <= 12 && from && to && step && to.unit === from.unit && step.unit === from.unit) {
        const values = Array.from({ length: n }, (_, k) => Number((from.value + k * step.value).toPrecision(12)));
        lines.push(`Values: ${values.join(', ')}${from.unit ? ` ${from.unit}` : ''}`);
    }
    const parameter = vary.target?.parameter ? findParameter(vary.target.parameter) : undefined;
    if (parameter) lines.push(`${parameter.meaning} · default ${parameter.value} ${parameter.unit}`);
    return lines;
}

export function populationFacts(population: Population): string[] {
    const scenario = scenarioOf(population);
    const arms = Math.max(1, scenario?.members.filter(isArm).length ?? 1);
    const size = population.size ?? 100;
    return [
        `**population** \`${population.name}\`${population.title ? ` — ${population.title}` : ''}`,
        `${size.toLocaleString('en-US')} virtual patients × ${arms} arm${arms === 1 ? '' : 's'} = ${runs(size * arms)} · seed ${population.seed ?? 1}${population.size === undefined ? ' (default size 100)' : ''}`,
        `Varies ${population.vary.map(v => v.parameter).filter(Boolean).join(', ') || 'nothing yet'}; reports the median and the 5th–95th percentiles of every series`
    ];
}

const METHOD_WORDS: Readonly<Record<string, string>> = {
    local: 'Local sensitivity: d ln(output) / d ln(parameter) by central differences (one run per side of each parameter)',
    morris: 'Morris screening: μ* (mean |elementary effect|) and σ over r trajectories',
    sobol: 'Sobol indices: first-order and total, with bootstrap 95 % intervals (Saltelli sampling)'
};

/** What the study computes, of which arm and series, and how many runs it takes. */
export function sensitivityFacts(block: Sensitivity): string[] {
    const method = block.method ?? 'local';
    const measure = block.measure[0];
    const arm = measure?.arm?.ref ?? scenarioOf(block)?.members.find(isArm);
    const k = block.factors.length > 0 ? block.factors.length : PARAMETERS.length;
    const n = sensitivityRuns(block);
    const lines = [`**sensitivity** \`${block.name}\`${block.title ? ` — ${block.title}` : ''}`, `${METHOD_WORDS[method] ?? method}${block.method ? '' : ' (the default method)'}`];
    const samples = method === 'local' ? '' : ` · ${block.samples ?? DEFAULT_SAMPLES[method as 'sobol' | 'morris']} ${method === 'sobol' ? 'base samples' : 'trajectories'}${block.samples === undefined ? ' (default)' : ''}`;
    lines.push(`${k} parameter${k === 1 ? '' : 's'}${block.factors.length === 0 ? ' (every parameter of the table)' : ''}${samples} → ${n === undefined ? 'runs not known yet' : runs(n)} of arm ${arm?.name ?? 'baseline'}`);
    if (measure?.target) {
        const site = measure.site ? ` at ${measure.site.$refText}` : '';
        const times = measure.time ? [measure.time, ...measure.times].map(q => quantityWords(q) ?? q.$cstNode?.text ?? '').join(', ') : method === 'local' ? 'the end of the scenario' : '¼, ½, ¾ and the end of the scenario';
        lines.push(`Measures ${measure.target.$refText}${site} at ${times}`);
    }
    return lines;
}

/** A vary line of a sensitivity study: the parameter, and the range it is sampled over. */
export function sensitivityFactorFacts(factor: SensitivityFactor): string[] {
    const parameter = factor.parameter ? findParameter(factor.parameter) : undefined;
    if (!parameter) return [];
    const range = factor.low && factor.high
        ? `Sampled uniformly from ${factor.low.$cstNode?.text ?? factor.low.value} to ${factor.high.$cstNode?.text ?? factor.high.value}`
        : (factor.$container.method ?? 'local') === 'local' ? 'Moved by ±1 % around its value' : `Sampled uniformly from ½ to ${RANGE_FACTOR} × its value, within the table's bounds [${parameter.min}, ${parameter.max === Number.MAX_VALUE ? '∞' : parameter.max}]`;
    return [`**${parameter.name}** — ${parameter.meaning}`, `default ${parameter.value} ${parameter.unit} · ${parameter.basis === 'published' ? 'published' : 'ASSUMPTION/fit'}`, range];
}
