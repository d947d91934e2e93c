/**
 * A `fit` block → a FitProblem (simulator/fit/fit-problem.ts): the observed arms with output grids cut
 * down to the data times (the fit needs nothing else, and fewer solver stops make every start faster),
 * the observation plans, and each estimate's bounds in its parameter's unit.
 */
import { isFit, type Fit, type Scenario } from '../generated/ast.js';
import { DEFAULT_FIT_SEED as DEFAULT_SEED, DEFAULT_STARTS, findParameter, type FitEstimate, type FitProblem } from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { parameterQuantity } from './compile-analysis.js';
import type { CompiledScenario } from './compile-scenario.js';

export function fitsOf(scenario: Scenario): Fit[] {
    return scenario.members.filter(isFit);
}

export function compileFit(scenario: Scenario, compiled: CompiledScenario, fitName?: string): FitProblem {
    const fits = fitsOf(scenario);
    if (fits.length === 0) throw new CompileError(`scenario ${scenario.name} has no fit block`, scenario);
    const fit = fitName === undefined ? fits[0] : fits.find(f => f.name === fitName);
    if (!fit) throw new CompileError(`scenario ${scenario.name} has no fit named '${fitName}'; its fits are ${fits.map(f => f.name).join(', ')}`, scenario);
    const observations = compiled.observations ?? [];
    if (observations.length === 0) throw new CompileError(`fit ${fit.name} has no data: add an observe line to scenario ${scenario.name}`, fit);
    const estimates = fit.estimates.map((e): FitEstimate => {
        const info = findParameter(e.parameter);
        if (!info) throw new CompileError(`unknown model parameter '${e.parameter}'`, e);
        const lo = e.from && parameterQuantity(e.from, info);
        const hi = e.to && parameterQuantity(e.to, info);
        if (lo === undefined || hi === undefined || !(lo < hi)) throw new CompileError(`the bounds of ${info.name} must be two values in ${info.unit}, the first below the second`, e);
        const scale = e.scale === 'log' ? 'log' : 'linear';
        if (scale === 'log' && !(lo > 0)) throw new CompileError(`a log-scale search of ${info.name} needs bounds greater than 0`, e);
        return { name: info.name, arm: e.arm?.ref?.name ?? null, lo, hi, scale, unit: info.unit };
    });
    const observed = new Set(observations.map(o => o.arm));
    const arms = compiled.arms.filter(a => observed.has(a.arm)).map(desc => {
        const times = [...new Set([0, ...observations.filter(o => o.arm === desc.arm).flatMap(o => o.times), desc.durationDays])]
            .filter(t => t <= desc.durationDays).sort((a, b) => a - b);
        return { ...desc, sampleTimes: times };
    });
    return {
        scenario: scenario.name, fit: fit.name, ...(fit.title ? { title: fit.title } : {}),
        arms, observations, estimates,
        starts: fit.starts ?? DEFAULT_STARTS, seed: fit.seed ?? DEFAULT_SEED
    };
}
