/**
 * BMD at the start of an arm whose patient went through menopause before t = 0 (ASSUMPTION, so that
 * a scenario starting years after the final period neither starts at a false equilibrium nor relaxes
 * towards one in its first months). The menopause alone is replayed from the start of the oestrogen
 * decline (healthy, BMD 1) to t = 0; the arm then continues from that BMD, reported relative to it,
 * so slow cortical sites keep losing as they do in postmenopausal placebo arms (R18).
 */
import type { ModelDescription } from '../model-description.js';
import { solvePiecewise } from '../solver/index.js';
import type { BoneModel, BoneModelOptions } from './bone-model.js';
import { planMenopause } from './conditions.js';
import type { ParameterValues } from './parameters.js';

/** Longest history replayed; older menopauses have settled at every site (slowest kout ≈ 1e-4/day). */
const MAX_HISTORY_DAYS = 60 * 365.25;

type ModelFactory = (desc: ModelDescription, v: ParameterValues, options: BoneModelOptions) => BoneModel;

export function bmdAtStart(desc: ModelDescription, v: ParameterValues, createModel: ModelFactory): Record<string, number> {
    const t0 = desc.sampleTimes[0] ?? 0;
    const menopause = planMenopause(desc, [], v);
    if (!menopause) return {};
    const from = Math.max(menopause.finalPeriod - menopause.lead, t0 - MAX_HISTORY_DAYS);
    if (from >= t0) return {};
    const history: ModelDescription = {
        ...desc, arm: `${desc.arm} (history)`, durationDays: t0 - from, sampleTimes: [from, t0],
        conditions: [], drugs: [], doses: [], infusions: []
    };
    const model = createModel(history, v, { bmdStart: {} });
    const jumps = model.breakpoints.filter(b => b > from && b < t0).map(time => ({ time, apply() { /* restart point */ } }));
    const { states } = solvePiecewise(model.system, model.y0, from, [from, t0], jumps, { rtol: 1e-6, atol: model.atol });
    const end = states[1];
    return Object.fromEntries(model.sites.map(s => [s.site, end[s.state]]));
}
