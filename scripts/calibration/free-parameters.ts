/**
 * The parameters the calibration may move (model.md §8: couplings, BMD layer, condition presets,
 * menopause and ageing, drug potencies), with physiological bounds. Everything else in the
 * parameter table is published or a fixed ASSUMPTION. Tied parameters copy a fitted one: sites the
 * anchors cannot tell apart share values rather than being fitted on no data.
 */
export interface FreeParameter {
    readonly name: string;
    /** Starting value (model.md §1–§5, OpenBoneMin, Martínez-Reina 2019): the prior's centre and the first simplex. */
    readonly start: number;
    readonly lo: number;
    readonly hi: number;
    /** Searched in log space (rates, gains, potencies). */
    readonly log: boolean;
    /** Parameters that take the same value. */
    readonly ties?: readonly string[];
    /** Why the bounds are what they are. */
    readonly why: string;
}

export const FREE_PARAMETERS: readonly FreeParameter[] = [
    { name: 'menopause_rankl_amplitude', start: 4e3, lo: 100, hi: 2e4, log: true, why: 'extra RANKL ≤ ~100 × beta_RANKL' },
    { name: 'menopause_tau', start: 30, lo: 10, hi: 120, log: true, why: 'decay half-time xi·tau between ~2 and ~20 years' },
    { name: 'menopause_lead', start: 730, lo: 180, hi: 1095, log: true, why: 'SWAN: loss starts 1–3 years before the final period' },
    { name: 'menopause_persistent_fraction', start: 0.3, lo: 0.2, hi: 0.6, log: false, why: 'oestrogen stays ≈ 80–90 % below premenopausal levels for life; the decay of the excess is skeletal adaptation, not recovery' },
    { name: 'aging_formation_deficit', start: 0.02, lo: 1e-4, hi: 0.05, log: true, why: 'a small step at the onset age' },
    { name: 'aging_deficit_per_year', start: 0.01, lo: 1e-3, hi: 0.03, log: true, why: 'the osteoblast life span shortens by at most 3 % per year of age (about halved between 50 and 80)' },
    { name: 'bmd_kout_lumbar_spine', start: 0.009528, lo: 3e-4, hi: 0.01, log: true, ties: ['bmd_kout_alveolar_bone'], why: 'trabecular-rich: time constant 3 months to 9 years (trabecular bone turns over ≈ 25 %/yr)' },
    { name: 'bmd_gob_lumbar_spine', start: 0.0793, lo: 0.005, hi: 2, log: true, ties: ['bmd_gob_alveolar_bone'], why: 'BMD power of formation' },
    { name: 'bmd_goc_lumbar_spine', start: 0.14, lo: 0.005, hi: 2, log: true, ties: ['bmd_goc_alveolar_bone'], why: 'BMD power of resorption' },
    { name: 'bmd_kout_total_hip', start: 1.356e-4, lo: 5e-5, hi: 3e-4, log: true, ties: ['bmd_kout_hand'], why: 'cortical-rich (≈ 75 % cortical): time constant 9 to 55 years (cortical bone turns over ≈ 2–5 %/yr, trabecular ≈ 25 %/yr)' },
    { name: 'bmd_gob_total_hip', start: 0.0793, lo: 0.005, hi: 2, log: true, ties: ['bmd_gob_femoral_neck', 'bmd_gob_hand'], why: 'BMD power of formation' },
    { name: 'bmd_goc_total_hip', start: 0.3101, lo: 0.005, hi: 2, log: true, ties: ['bmd_goc_femoral_neck', 'bmd_goc_hand'], why: 'BMD power of resorption' },
    { name: 'bmd_kout_femoral_neck', start: 1.356e-4, lo: 5e-5, hi: 3e-4, log: true, why: 'femoral neck: own turnover, hip exponents' },
    { name: 'bmd_space_lumbar_spine', start: 0.02, lo: 0.01, hi: 0.08, log: true, ties: ['bmd_space_alveolar_bone'], why: 'remodelling space ≈ 1–8 % of bone at normal turnover (Parfitt; Heaney 1994): BMD regained when resorption stops' },
    { name: 'bmd_space_total_hip', start: 0.015, lo: 0.002, hi: 0.08, log: true, ties: ['bmd_space_femoral_neck', 'bmd_space_hand'], why: 'as the spine' },
    { name: 'bmd_space_half_life', start: 90, lo: 30, hi: 240, log: true, why: 'cavities refill over one formation period (3–6 months; R31)' },
    { name: 'rankl_per_tnf', start: 20, lo: 0.5, hi: 200, log: true, why: 'RANKL raised at most ~100-fold by inflammation' },
    { name: 'rankl_per_il6', start: 10, lo: 0.5, hi: 200, log: true, why: 'as rankl_per_tnf' },
    { name: 'rankl_per_t_cell', start: 5, lo: 0.05, hi: 50, log: true, why: 'T-cell RANKL at most ~50 × beta_RANKL per unit activation' },
    { name: 'ob_suppression_by_tnf', start: 0.5, lo: 0.01, hi: 20, log: true, why: 'formation suppressed at most ~90 %' },
    { name: 'ob_suppression_by_il6', start: 0.5, lo: 0.01, hi: 5, log: true, why: 'precursor recruitment suppressed at most ~80 %' },
    { name: 'oc_priming_by_tnf', start: 0.5, lo: 0.01, hi: 20, log: true, why: 'osteoclastogenesis primed at most ~20-fold' },
    { name: 'tnf_cascade_share', start: 0.5, lo: 0.05, hi: 0.7, log: false, why: 'anti-TNF lowers IL-6 and T-cell activation by about half, not fully (Charles et al. 1999)' },
    { name: 'rankl_binding_chi', start: 0.012, lo: 1e-3, hi: 10, log: true, why: 'from the Martínez-Reina value 0.012 up to ~1000 × it: their RANKL scale and PK differ, and FREEDOM\'s resorption still 72 % down at month 6 (R52) needs the antibody to bind at the end of the interval' },
    { name: 'oc_precursor_pool_capacity', start: 1, lo: 0.05, hi: 5, log: true, why: 'precursors accumulate at most ~6-fold' },
    { name: 'oc_precursor_pool_half_life', start: 180, lo: 14, hi: 730, log: true, why: 'filling: weeks to two years' },
    { name: 'oc_precursor_pool_drain_half_life', start: 30, lo: 3, hi: 120, log: true, why: 'draining by fusion: days to months (the rebound peaks within months)' },
    { name: 'bisphosphonate_apoptosis_gain', start: 2, lo: 0.1, hi: 20, log: true, why: 'osteoclast apoptosis raised at most ~40-fold at saturation' },
    { name: 'bisphosphonate_burial_half_life', start: 90, lo: 30, hi: 730, log: true, why: 'surface drug is covered by new bone within one to a few formation periods (3 months each) at normal turnover' },
    { name: 'alveolar_height_loss_rate', start: 4e-4, lo: 1e-5, hi: 1e-2, log: true, why: 'mm/day per unit of resorption excess' },
    { name: 'pth_modelling_gain', start: 0.5, lo: 0.01, hi: 10, log: true, why: 'modelling-based formation up to a few times normal formation at the peak of a daily PTH burst' },
    { name: 'wnt_modelling_gain', start: 1, lo: 0.05, hi: 10, log: true, why: 'modelling-based formation at most ~10 × normal formation at full sclerostin neutralisation' },
    { name: 'wnt_opg_gain', start: 1, lo: 0.05, hi: 10, log: true, why: 'OPG production raised at most ~10-fold by Wnt signalling' },
    { name: 'gc_rankl_gain', start: 2, lo: 0.2, hi: 10, log: true, why: 'resorption markers rise by tens of % (not several-fold) within weeks of starting glucocorticoids (Dovio et al. 2004)' },
    { name: 'gc_ob_apoptosis_gain', start: 1, lo: 0.2, hi: 5, log: true, why: 'osteoblast apoptosis raised up to several-fold (Weinstein et al. 1998)' },
    { name: 'gc_ob_differentiation_suppression', start: 1, lo: 0.2, hi: 5, log: true, why: 'formation lowered by one to two thirds (Canalis et al. 2007): at most ≈ 5-fold suppression of differentiation' },
    { name: 'gc_resorption_adaptation_half_life', start: 60, lo: 20, hi: 180, log: true, why: 'resorption markers rise within weeks of starting and return toward baseline within months (Dovio et al. 2004)' },
    { name: 'gc_oc_suppression', start: 0.5, lo: 0.05, hi: 3, log: true, why: 'chronic glucocorticoid exposure lowers turnover (Dalle Carbonare et al. 2001), osteoclastogenesis at most ≈ 4-fold lower' },
    { name: 'modelling_cortical_ratio', start: 0.5, lo: 0.1, hi: 1.5, log: true, why: 'cortical-rich sites gain from modelling between a tenth of and somewhat more than the spine' }
];

/** Fit stages: which parameters move against which anchors (cheap, separable blocks last). */
export interface FitStage {
    readonly name: string;
    readonly parameters: readonly string[];
    /** Anchor ids in the objective (all weighted anchors when absent). */
    readonly anchors?: readonly string[];
    /** Nelder–Mead evaluations allowed per restart, and restarts. */
    readonly evaluations: number;
    readonly restarts: number;
    /** The search: Nelder–Mead with restarts (default), or the fitting engine's Levenberg–Marquardt (`evaluations` = its model runs). */
    readonly method?: 'nelder-mead' | 'levenberg-marquardt';
}

/** Every weighted anchor but R29 (alveolar height), which only the last, separable stage moves. */
const WITHOUT_SEPARABLE = ['R07', 'R08', 'R11', 'R13', 'R15', 'R16', 'R18', 'R19', 'R22', 'R23', 'R25', 'R27', 'R33', 'R34'];

/**
 * The stages that fitted the rest of the model (couplings, menopause, antiresorptives) before the BMD layer
 * had a remodelling space; their values stay in calibration.json and a re-run starts from them.
 */
export const EARLIER_STAGES: readonly FitStage[] = [
    {
        // R27 is in: how fast the spine follows formation sets the glucocorticoid loss as much as the (fixed) gains do.
        name: 'menopause, ageing, BMD layer and glucocorticoid effects',
        parameters: ['menopause_rankl_amplitude', 'menopause_tau', 'menopause_lead', 'menopause_persistent_fraction', 'aging_formation_deficit', 'aging_deficit_per_year',
            'bmd_kout_lumbar_spine', 'bmd_gob_lumbar_spine', 'bmd_goc_lumbar_spine', 'bmd_kout_total_hip', 'bmd_gob_total_hip', 'bmd_goc_total_hip'],
        anchors: ['R16', 'R18', 'R19', 'R13', 'R15', 'R08', 'R11', 'R27', 'R22', 'R23'], evaluations: 300, restarts: 1
    },
    {
        name: 'RA couplings jointly with the formation weights of the BMD layer',
        parameters: ['rankl_per_tnf', 'rankl_per_il6', 'rankl_per_t_cell', 'ob_suppression_by_tnf', 'ob_suppression_by_il6', 'oc_priming_by_tnf', 'tnf_cascade_share',
            'bmd_gob_lumbar_spine', 'bmd_gob_total_hip', 'bmd_kout_femoral_neck'],
        anchors: WITHOUT_SEPARABLE, evaluations: 300, restarts: 1
    },
    {
        name: 'antiresorptives: denosumab potency, precursor pool, bisphosphonate gain',
        parameters: ['rankl_binding_chi', 'oc_precursor_pool_capacity', 'oc_precursor_pool_half_life', 'oc_precursor_pool_drain_half_life', 'bisphosphonate_apoptosis_gain'],
        anchors: WITHOUT_SEPARABLE, evaluations: 120, restarts: 1
    },
    { name: 'alveolar height', parameters: ['alveolar_height_loss_rate'], anchors: ['R29'], evaluations: 25, restarts: 1 },
    // The hip's resorption weight balances RA (R19 hip ≥ spine loss) against FREEDOM once the couplings have moved.
    { name: 'hip resorption weight', parameters: ['bmd_goc_total_hip'], anchors: WITHOUT_SEPARABLE, evaluations: 30, restarts: 1 },
    {
        name: 'two-compartment BMD layer (remodelling space) with the slow layer',
        parameters: ['bmd_space_lumbar_spine', 'bmd_space_total_hip', 'bmd_space_half_life',
            'bmd_kout_lumbar_spine', 'bmd_gob_lumbar_spine', 'bmd_goc_lumbar_spine', 'bmd_kout_total_hip', 'bmd_gob_total_hip', 'bmd_goc_total_hip'],
        anchors: WITHOUT_SEPARABLE, evaluations: 450, restarts: 1
    },
    /**
     * The anabolic window (docs/model.md §1.9): modelling-based formation from PTH bursts and from freed Wnt signalling.
     * These parameters act only when a drug supplies PTH or binds sclerostin, so the other anchors do not move and
     * only R40 and R41 are in the objective.
     */
    {
        name: 'anabolic window: PTH bursts and sclerostin/Wnt drive modelling-based formation',
        parameters: ['pth_modelling_gain', 'wnt_modelling_gain', 'wnt_opg_gain', 'modelling_cortical_ratio'],
        anchors: ['R40', 'R41'], evaluations: 80, restarts: 1
    }
];

/** Every weighted anchor but R29 (alveolar height, separable) and R27 (trabecular QCT, see the glucocorticoid stage). */
const SYSTEMIC_ANCHORS = ['R07', 'R08', 'R11', 'R13', 'R15', 'R16', 'R18', 'R19', 'R22', 'R23', 'R25', 'R33', 'R34', 'R40', 'R41', 'R42', 'R47'];

/** Stages fitted before the bisphosphonate retention stage (their values are kept; a re-run starts from them). */
export const AGEING_AND_GC_STAGES: readonly FitStage[] = [
    {
        // Ageing follows the patient's age (docs/model.md §1.4): MrOS men (R47) have no menopause, so they set the
        // ageing rate, and the women's late postmenopausal loss (R18) what persists of the menopausal excess.
        name: 'ageing by age (osteoblast life span) with the persistent menopausal excess',
        parameters: ['aging_formation_deficit', 'aging_deficit_per_year', 'menopause_persistent_fraction', 'menopause_tau', 'menopause_rankl_amplitude'],
        anchors: SYSTEMIC_ANCHORS, evaluations: 60, restarts: 1
    },
    {
        // R27 is read against trabecular QCT, which the one DXA-like spine site cannot represent (its known miss):
        // it would size glucocorticoid effects to a different measurement, so only the DXA time course of R42 fits them.
        name: 'glucocorticoids: early resorption, osteoblast apoptosis and differentiation, chronic low turnover',
        parameters: ['gc_rankl_gain', 'gc_ob_apoptosis_gain', 'gc_ob_differentiation_suppression', 'gc_oc_suppression', 'gc_resorption_adaptation_half_life'],
        anchors: ['R42'], evaluations: 60, restarts: 1
    }
];

/**
 * Bisphosphonate retention (docs/model.md §1.6): surface drug acts and is buried by formation. Only anchors with a
 * bisphosphonate move with these parameters; FLEX (R44) is fitted, the HORIZON extension (R45) is left out as a check.
 */
export const RETENTION_STAGES: readonly FitStage[] = [
    {
        name: 'bisphosphonate retention: burial of surface drug, apoptosis gain',
        parameters: ['bisphosphonate_burial_half_life', 'bisphosphonate_apoptosis_gain'],
        anchors: ['R11', 'R13', 'R15', 'R44'], evaluations: 40, restarts: 1
    }
];

/**
 * Denosumab's exposure–response (docs/model.md §1.7): with the potency that keeps resorption 72 % down at the end of
 * a 6-month interval (FREEDOM, R52), every antiresorptive gain of the old BMD layer doubled, so the layer's response to
 * resorption, the bisphosphonate gain, the menopausal drive, the RA couplings it sizes and the precursor pool (R11)
 * are refitted together, by least squares on every systemic anchor (RA's couplings also against formation after the
 * onset of RA, R19). Then the anabolic window, the glucocorticoid stage and the alveolar readout, which only their own
 * anchors inform, follow the new layer.
 */
export const FIT_STAGES: readonly FitStage[] = [
    {
        name: 'denosumab exposure–response jointly with the BMD layer, bisphosphonates, menopause, RA couplings and the precursor pool',
        parameters: ['rankl_binding_chi', 'bmd_kout_lumbar_spine', 'bmd_gob_lumbar_spine', 'bmd_goc_lumbar_spine', 'bmd_space_lumbar_spine',
            'bmd_kout_total_hip', 'bmd_gob_total_hip', 'bmd_goc_total_hip', 'bmd_space_total_hip', 'bmd_space_half_life', 'bisphosphonate_apoptosis_gain', 'bisphosphonate_burial_half_life',
            'menopause_rankl_amplitude', 'rankl_per_tnf', 'ob_suppression_by_tnf', 'oc_priming_by_tnf', 'ob_suppression_by_il6',
            'oc_precursor_pool_capacity', 'oc_precursor_pool_half_life', 'oc_precursor_pool_drain_half_life'],
        anchors: [...SYSTEMIC_ANCHORS, 'R44', 'R52', 'R53'], evaluations: 300, restarts: 1, method: 'levenberg-marquardt'
    },
    {
        name: 'anabolic window on the refitted BMD layer',
        parameters: ['pth_modelling_gain', 'wnt_modelling_gain', 'wnt_opg_gain', 'modelling_cortical_ratio'],
        anchors: ['R40', 'R41'], evaluations: 60, restarts: 1
    },
    {
        name: 'glucocorticoids on the refitted BMD layer',
        parameters: ['gc_rankl_gain', 'gc_ob_apoptosis_gain', 'gc_ob_differentiation_suppression', 'gc_oc_suppression', 'gc_resorption_adaptation_half_life'],
        anchors: ['R42'], evaluations: 60, restarts: 1
    },
    { name: 'alveolar height on the refitted core', parameters: ['alveolar_height_loss_rate'], anchors: ['R29'], evaluations: 25, restarts: 1 }
];
