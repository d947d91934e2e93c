/** Hover facts for sweeps and populations: how many runs, of which arm, measuring what. Never throws on partial nodes. */
import { isArm, type Population, type Sweep, type SweepVary } from '../generated/ast.js';
import { findParameter } from '../../../simulator/index.js';
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
