/**
 * BMD at the start of an arm whose patient has a bone history before t = 0 (ASSUMPTION, so that a scenario
 * starting years after the final period, or late in life, neither starts at a false equilibrium nor relaxes
 * towards one in its first months). Two histories are replayed from where they begin (healthy, BMD 1) to t = 0:
 * a past menopause (from the start of the oestrogen decline) and ageing that is present at t = 0 (from
 * `aging_onset_age`, docs/model.md §1.4). The arm then continues from that BMD, reported relative to it, so
 * slow cortical sites keep losing as they do in postmenopausal placebo arms (R18) and in older men (R47).
 */
import type { ModelDescription } from '../model-description.js';
import { solvePiecewise } from '../solver/index.js';
import { DAYS_PER_YEAR } from '../units.js';
import type { BoneModel, BoneModelOptions } from './bone-model.js';
import { planMenopause } from './conditions.js';
import type { ParameterValues } from './parameters.js';

/** Longest history replayed; older menopauses have settled at every site (slowest kout ≈ 1e-4/day). */
const MAX_HISTORY_DAYS = 60 * 365.25;

type ModelFactory = (desc: ModelDescription, v: ParameterValues, options: BoneModelOptions) => BoneModel;

export function bmdAtStart(desc: ModelDescription, v: ParameterValues, createModel: ModelFactory): Record<string, number> {
    const t0 = desc.sampleTimes[0] ?? 0;
    const menopause = planMenopause(desc, [], v);
    // Ageing present at t = 0 (only the senescence process: an ageing condition's other drives are in its definition).
    const ageing = desc.conditions.filter(c => c.processes.includes('senescence') && c.onsetDays <= t0);
    const ageingFrom = ageing.length > 0 ? t0 - (desc.patient.ageYears - v.aging_onset_age) * DAYS_PER_YEAR : Infinity;
    const menopauseFrom = menopause ? menopause.finalPeriod - menopause.lead : Infinity;
    const from = Math.max(Math.min(menopauseFrom, ageingFrom), t0 - MAX_HISTORY_DAYS);
    if (!(from < t0)) return {};
    const history: ModelDescription = {
        ...desc, arm: `${desc.arm} (history)`, durationDays: t0 - from, sampleTimes: [from, t0],
        // The ageing conditions are on from the start of the history (fully expressed, see planConditions).
        conditions: ageing.map(c => ({ ...c, onsetDays: from, resolvesDays: undefined })), drugs: [], doses: [], infusions: []
    };
    const model = createModel(history, v, { bmdStart: {} });
    const jumps = model.breakpoints.filter(b => b > from && b < t0).map(time => ({ time, apply() { /* restart point */ } }));
    const { states } = solvePiecewise(model.system, model.y0, from, [from, t0], jumps, { rtol: 1e-6, atol: model.atol });
    const end = states[1];
    return Object.fromEntries(model.sites.map(s => [s.site, end[s.state]]));
}
