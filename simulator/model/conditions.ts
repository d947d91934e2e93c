/**
 * Conditions as time courses of activity (model.md §5): zero before onset, a smooth rise over
 * `condition_ramp_days`, a smooth fall after resolution. Also the oestrogen-loss (§4), senescence
 * and glucocorticoid-excess processes, which act on the core directly.
 */
import type { ConditionDescription, CytokineName, ModelDescription } from '../model-description.js';
import { DAYS_PER_YEAR } from '../units.js';
import type { ParameterValues } from './parameters.js';

export const CYTOKINES: readonly CytokineName[] = ['TNF_alpha', 'IL_6', 'IL_1'];

export interface ConditionPlan {
    readonly name: string;
    readonly activity: number;
    readonly onset: number;
    readonly resolves: number;
    /** fold − 1 per cytokine, in CYTOKINES order. */
    readonly cytokineExcess: readonly number[];
    /** fold − 1 for T cells, M1, M2. */
    readonly tExcess: number;
    readonly m1Excess: number;
    readonly m2Excess: number;
    /** Weight of the condition's drive in each compartment (0 systemic, then local sites). */
    readonly weights: readonly number[];
    readonly senescence: boolean;
    readonly glucocorticoid: boolean;
}

const SEVERITIES = [['severity_remission', 0.1], ['severity_mild', 0.33], ['severity_moderate', 0.66], ['severity_high', 1.0]] as const;

/** The compiler gives the activity of the default severity table; `set severity_*` re-maps it. */
function activityOf(c: ConditionDescription, v: ParameterValues): number {
    for (const [name, standard] of SEVERITIES) if (Math.abs(c.activity - standard) < 1e-9) return v[name];
    return c.activity;
}

export function planConditions(desc: ModelDescription, v: ParameterValues): ConditionPlan[] {
    return desc.conditions.map(c => ({
        name: c.name,
        activity: activityOf(c, v),
        onset: ageingOnset(c, desc.sampleTimes[0] ?? 0, v.condition_ramp_days),
        resolves: c.resolvesDays ?? Infinity,
        cytokineExcess: CYTOKINES.map(k => (c.drives[k] ?? 1) - 1),
        tExcess: (c.activates.T_cells ?? 1) - 1,
        m1Excess: (c.activates.macrophage_M1 ?? 1) - 1,
        m2Excess: (c.activates.macrophage_M2 ?? 1) - 1,
        weights: [c.scope === 'systemic' ? 1 : 0, ...desc.localSites.map(s => localWeight(c, s))],
        senescence: c.processes.includes('senescence'),
        glucocorticoid: c.processes.includes('glucocorticoid_excess')
    }));
}

/** A local site feels a systemic condition fully, and `localExcess` times when the condition names it. */
function localWeight(c: ConditionDescription, site: string): number {
    const named = c.sites.includes(site as never);
    if (c.scope === 'systemic') return named ? c.localExcess : 1;
    return named ? c.localExcess : 0;
}

function smoothstep(x: number): number {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    return x * x * (3 - 2 * x);
}

/** Fraction 0–1 of full expression at time t (before drugs). */
export function expression(c: ConditionPlan, t: number, rampDays: number): number {
    const on = rampDays > 0 ? smoothstep((t - c.onset) / rampDays) : (t >= c.onset ? 1 : 0);
    const off = c.resolves === Infinity ? 0 : rampDays > 0 ? smoothstep((t - c.resolves) / rampDays) : (t >= c.resolves ? 1 : 0);
    return Math.max(on - off, 0);
}

/** Times where a condition's activity changes its form: restart points for the solver. */
export function conditionBreakpoints(plans: readonly ConditionPlan[], rampDays: number): number[] {
    const times: number[] = [];
    for (const c of plans) {
        times.push(c.onset, c.onset + rampDays);
        if (c.resolves !== Infinity) times.push(c.resolves, c.resolves + rampDays);
    }
    return times;
}

/**
 * Oestrogen loss: extra RANKL production after the final menstrual period (Martínez-Reina & Pivonka
 * 2019) decaying to a persistent share, preceded by a smooth rise over `menopause_lead` days (loss
 * starts before the final period).
 */
export interface MenopausePlan { readonly finalPeriod: number; readonly lead: number }

export function planMenopause(desc: ModelDescription, conditions: readonly ConditionDescription[], v: ParameterValues): MenopausePlan | undefined {
    const p = desc.patient;
    if (p.menopauseAgeYears !== undefined && p.sex === 'female') {
        return { finalPeriod: (p.menopauseAgeYears - p.ageYears) * DAYS_PER_YEAR, lead: v.menopause_lead };
    }
    const estrogen = conditions.filter(c => c.processes.includes('estrogen_loss'));
    if (estrogen.length === 0) return undefined;
    return { finalPeriod: Math.min(...estrogen.map(c => c.onsetDays)), lead: v.menopause_lead };
}

export function menopauseRankl(m: MenopausePlan, t: number, v: ParameterValues): number {
    const dt = t - m.finalPeriod;
    if (dt < 0) return v.menopause_rankl_amplitude * (m.lead > 0 ? smoothstep(1 + dt / m.lead) : 0);
    const x = dt / v.menopause_tau;
    const xi2 = v.menopause_xi * v.menopause_xi;
    // ASSUMPTION: oestrogen deficiency never resolves, so a share of the excess persists for life.
    const p = v.menopause_persistent_fraction;
    return v.menopause_rankl_amplitude * (p + (1 - p) * xi2 / (xi2 + x * x));
}

/**
 * Fractional loss of osteoblast differentiation from senescence at the patient's age (years): a step at
 * `aging_onset_age` that grows linearly with age after it (ASSUMPTION, docs/model.md §1.4). It follows the
 * patient's age, not the time since the scenario started, so a 75-year-old's ageing acts from day 0.
 */
export function senescenceDeficit(v: ParameterValues, activity: number, ageYears: number): number {
    return Math.min(0.9, activity * (v.aging_formation_deficit + v.aging_deficit_per_year * Math.max(ageYears - v.aging_onset_age, 0)));
}

/**
 * Onset of a senescence (ageing) condition as the model uses it: ageing that is present when the scenario
 * starts has been going on for years, so it is fully expressed at t0 instead of ramping in (its history is
 * replayed into the BMD at t0 by bmd-history.ts). A later onset ramps in as any condition does.
 */
function ageingOnset(c: ConditionDescription, t0: number, rampDays: number): number {
    return c.processes.includes('senescence') && c.onsetDays <= t0 ? Math.min(c.onsetDays, t0 - rampDays) : c.onsetDays;
}
