/**
 * The model's single parameter table: every parameter with its value, unit, meaning and source.
 * `set NAME = VALUE` in a scenario is validated against this table, and docs/model.md lists it.
 * Values of `fitted` parameters come from calibration.json (rewritten by the calibration script),
 * so fitting never edits code.
 */
import calibration from './calibration.json';

export type ParameterBasis = 'published' | 'assumption' | 'fitted';

export interface ParameterInfo {
    /** snake_case name used in `set` (model.md §5 names for the couplings). */
    readonly name: string;
    /** Symbol in model.md / Pivonka 2008. */
    readonly symbol: string;
    readonly value: number;
    readonly unit: string;
    readonly meaning: string;
    readonly source: string;
    readonly basis: ParameterBasis;
    /** Values outside [min, max] make the model meaningless and are rejected by validation. */
    readonly min: number;
    readonly max: number;
}

const PIVONKA = 'Pivonka et al. 2008, Bone 43:249 (CellML; cmodiz/Bone-Models)';
const OPENBONEMIN = 'OpenBoneMin (Peterson & Riggs 2010), per hour ×24; re-fitted to the anchors';
const MR2019 = 'Martínez-Reina & Pivonka 2019, Bone 125:87';
const REMODELLING_SPACE = 'ASSUMPTION: remodelling transient (Heaney, J Bone Miner Res 1994; Parfitt, Bone 1980s: the remodelling space is a few % of bone volume and refills over one formation period, 3–6 months)';
const fittedValues = calibration as unknown as Record<string, number>;

type Row = [name: string, symbol: string, value: number, unit: string, meaning: string, source: string, basis: ParameterBasis, min: number, max: number];

function row(r: Row): ParameterInfo {
    const [name, symbol, value, unit, meaning, source, basis, min, max] = r;
    const fitted = basis === 'fitted' ? fittedValues[name] : undefined;
    return { name, symbol, value: typeof fitted === 'number' ? fitted : value, unit, meaning, source, basis, min, max };
}

const POS = Number.MAX_VALUE;

function bmdRows(site: string, label: string, kout: number, gob: number, goc: number, space: number, note: string): Row[] {
    return [
        [`bmd_space_${site}`, `w_${site}`, space, 'fraction', `remodelling space at the ${label}: BMD regained (lost) per unit fall (rise) of OCa/OCa0, the fast part of the BMD`, `${REMODELLING_SPACE}${note}`, 'fitted', 0, 0.5],
        [`bmd_kout_${site}`, `kout_${site}`, kout, '/day', `BMD turnover rate constant at the ${label}`, `${OPENBONEMIN}${note}`, 'fitted', 1e-7, 1],
        [`bmd_gob_${site}`, `gOB_${site}`, gob, '–', `exponent of formation (OBa/OBa0) in the ${label} BMD layer`, `${OPENBONEMIN}${note}`, 'fitted', 0, 5],
        [`bmd_goc_${site}`, `gOC_${site}`, goc, '–', `exponent of resorption (OCa/OCa0) in the ${label} BMD layer`, `${OPENBONEMIN}${note}`, 'fitted', 0, 5]
    ];
}

export const PARAMETERS: readonly ParameterInfo[] = ([
    // §1 Pivonka 2008 bone-cell core (published, not fitted)
    ['ob_precursor_recruitment', 'D_OBu', 7.0e-4, 'pM/day', 'recruitment of osteoblast precursors from uncommitted progenitors', PIVONKA, 'published', 0, POS],
    ['ob_differentiation', 'D_OBp', 0.26741, '/day', 'differentiation rate of osteoblast precursors into active osteoblasts', PIVONKA, 'published', 0, POS],
    ['ob_apoptosis', 'A_OBa', 0.189, '/day', 'apoptosis rate of active osteoblasts', PIVONKA, 'published', 0, POS],
    ['oc_differentiation', 'D_OCp', 2.1e-3, 'pM/day', 'differentiation of osteoclast precursors into active osteoclasts', PIVONKA, 'published', 0, POS],
    ['oc_apoptosis', 'A_OCa', 0.7, '/day', 'apoptosis rate of active osteoclasts', PIVONKA, 'published', 0, POS],
    ['tgfb_ob_activation_kd', 'K_D1', 4.545e-3, 'pM', 'TGF-β level activating precursor recruitment by half', PIVONKA, 'published', 1e-12, POS],
    ['tgfb_ob_repression_kd', 'K_D2', 1.416e-3, 'pM', 'TGF-β level halving osteoblast differentiation', PIVONKA, 'published', 1e-12, POS],
    ['tgfb_oc_apoptosis_kd', 'K_D3', 4.545e-3, 'pM', 'TGF-β level activating osteoclast apoptosis by half', PIVONKA, 'published', 1e-12, POS],
    ['pth_activation_kd', 'K_D4', 150, 'pM', 'PTH level activating RANKL expression by half', PIVONKA, 'published', 1e-12, POS],
    ['pth_repression_kd', 'K_D5', 0.2226, 'pM', 'PTH level halving OPG expression', PIVONKA, 'published', 1e-12, POS],
    ['rank_oc_activation_kd', 'K_D8', 4.457, 'pM', 'RANKL–RANK complex level activating osteoclastogenesis by half', PIVONKA, 'published', 1e-12, POS],
    ['pth_production', 'beta_PTH', 250, 'pM/day', 'endogenous PTH production', PIVONKA, 'published', 0, POS],
    ['pth_degradation', 'Dt_PTH', 86, '/day', 'PTH degradation rate', PIVONKA, 'published', 1e-9, POS],
    ['opg_production_per_osteoblast', 'beta_OPG,2', 1.6249e8, 'pM/day per pM OBa', 'OPG production by active osteoblasts', PIVONKA, 'published', 0, POS],
    ['opg_max', 'OPG_max', 2.0e8, 'pM', 'maximal OPG concentration', PIVONKA, 'published', 1e-9, POS],
    ['opg_degradation', 'Dt_OPG', 0.35, '/day', 'OPG degradation rate', PIVONKA, 'published', 1e-9, POS],
    ['rankl_max_per_precursor', 'R1', 2.7035e6, 'pM/pM OBp', 'maximal RANKL per osteoblast precursor', PIVONKA, 'published', 0, POS],
    ['rankl_production', 'beta_RANKL', 168.42, 'pM/day', 'intrinsic RANKL production', PIVONKA, 'published', 1e-9, POS],
    ['rankl_degradation', 'Dt_RANKL', 10.13, '/day', 'RANKL degradation rate', PIVONKA, 'published', 1e-9, POS],
    ['opg_rankl_affinity', 'K_A1', 1.0e-3, '/pM', 'association constant of RANKL with OPG', PIVONKA, 'published', 0, POS],
    ['rank_rankl_affinity', 'K_A2', 3.412e-2, '/pM', 'association constant of RANKL with RANK', PIVONKA, 'published', 0, POS],
    ['rank_concentration', 'RANK', 10, 'pM', 'RANK on osteoclast precursors (constant)', PIVONKA, 'published', 0, POS],
    ['tgfb_content', 'alpha', 1, '–', 'TGF-β stored in the matrix per unit resorbed', PIVONKA, 'published', 0, POS],
    ['resorption_rate', 'k_res', 1, '%/(pM·day)', 'bone resorbed per active osteoclast', PIVONKA, 'published', 0, POS],
    ['tgfb_degradation', 'Dt_TGFb', 1, '/day', 'TGF-β degradation rate', PIVONKA, 'published', 1e-9, POS],

    // ASSUMPTION: osteoclast-precursor (osteomorph) pool, absent from Pivonka 2008; the denosumab-stop rebound (R11)
    ['oc_precursor_pool_capacity', '', 1.0, 'fraction', 'rise of the osteoclast-precursor pool (× D_OCp) when RANKL signalling stops (precursors accumulate while it is below normal)', 'ASSUMPTION (Anastasilakis 2021; McDonald et al., Cell 2021 osteomorphs), calibrated to R11 with R07', 'fitted', 0, 20],
    ['oc_precursor_pool_half_life', '', 180, 'days', 'half-time of filling of the osteoclast-precursor pool while RANKL signalling is below normal', 'ASSUMPTION (osteomorphs accumulate over months of denosumab), calibrated to R11 with R07', 'fitted', 1, 3650],
    ['oc_precursor_pool_drain_half_life', '', 30, 'days', 'half-time of draining of the osteoclast-precursor pool once RANKL signalling is back (precursors fuse into osteoclasts)', 'ASSUMPTION (the rebound after a missed denosumab dose peaks within months; McDonald et al., Cell 2021), calibrated to R11 with R07', 'fitted', 1, 3650],

    // §4 menopause and ageing
    ['menopause_rankl_amplitude', 'P_RANKL,PMO', 4.0e3, 'pM/day', 'extra RANKL production at the final menstrual period', MR2019, 'fitted', 0, 1e6],
    ['menopause_xi', 'xi', 65, '–', 'shape of the post-menopausal RANKL decay', MR2019, 'published', 1e-6, 1e6],
    ['menopause_tau', 'tau', 30, 'days', 'time scale of the post-menopausal RANKL decay', `${MR2019}; shape fitted to R16`, 'fitted', 1e-6, 1e6],
    ['menopause_persistent_fraction', '', 0.1, 'fraction', 'share of the menopausal RANKL excess that persists for life (oestrogen deficiency does not resolve)', 'ASSUMPTION (postmenopausal loss continues for decades: Ensrud et al., J Am Geriatr Soc 1995; Riggs et al., J Bone Miner Res 2008), calibrated to R16, R18', 'fitted', 0, 1],
    ['menopause_lead', '', 730, 'days', 'oestrogen decline starts this long before the final period (smooth rise; SWAN shows loss 2 y before)', 'ASSUMPTION (SWAN: Greendale et al., J Bone Miner Res 2012), fitted to R16', 'fitted', 0, 3650],
    ['aging_formation_deficit', '', 0.02, 'fraction', 'loss of osteoblast differentiation at full senescence activity, at the onset age', 'ASSUMPTION, calibrated to R18, R47', 'fitted', 0, 0.9],
    ['aging_deficit_per_year', '', 0.01, 'fraction/year', 'yearly growth of the senescence formation deficit with the patient\'s age past aging_onset_age', 'ASSUMPTION (age-related decline of osteoblast number and function in both sexes: Riggs, Khosla & Melton, J Bone Miner Res 1998; Almeida, Curr Osteoporos Rep 2012), calibrated to R18, R47', 'fitted', 0, 0.5],
    ['aging_onset_age', '', 50, 'years', 'age from which the senescence formation deficit grows (ageing loss accumulates from mid-life in both sexes)', 'ASSUMPTION (cortical loss in men and women begins in mid-life: Riggs et al., J Bone Miner Res 2008 (Rochester QCT cohort))', 'assumption', 20, 90],

    // §5 inflammation
    ['tnf_baseline', 'TNF_alpha,base', 5, 'pg/mL', 'healthy TNF-α level', 'ASSUMPTION (healthy range)', 'assumption', 1e-6, 1e6],
    ['il6_baseline', 'IL_6,base', 5.2, 'pg/mL', 'healthy IL-6 level', 'meta-analysis of healthy levels', 'published', 1e-6, 1e6],
    ['il1_baseline', 'IL_1,base', 1, 'pg/mL', 'healthy IL-1 level', 'ASSUMPTION', 'assumption', 1e-6, 1e6],
    ['cytokine_half_life', 'ln2/k_c', 0.5, 'days', 'relaxation half-time of cytokine levels to their target', 'model.md §5', 'assumption', 1e-3, 100],
    ['cytokine_saturation_fold', 'K_c/c_base', 5, 'fold', 'half-saturation of cytokine signalling, as a multiple of the baseline', 'model.md §5 (ASSUMPTION)', 'assumption', 1e-3, 1e6],
    ['rankl_per_tnf', 'lambda_TNF', 20, '–', 'extra RANKL production (× beta_RANKL) per unit TNF-α signalling above baseline', 'ASSUMPTION, calibrated (R19, R22)', 'fitted', 0, 1e4],
    ['rankl_per_il6', 'lambda_IL6', 10, '–', 'extra RANKL production per unit IL-6 signalling above baseline', 'ASSUMPTION, calibrated (R25)', 'fitted', 0, 1e4],
    ['rankl_per_il1', 'lambda_IL1', 10, '–', 'extra RANKL production per unit IL-1 signalling above baseline', 'ASSUMPTION, calibrated (R29)', 'fitted', 0, 1e4],
    ['rankl_per_t_cell', 'lambda_T', 5, '–', 'extra RANKL production per unit T-cell activation above healthy', 'ASSUMPTION, calibrated', 'fitted', 0, 1e4],
    ['ob_suppression_by_tnf', 'rho_TNF', 0.5, '–', 'suppression of osteoblast differentiation by TNF-α signalling', 'ASSUMPTION, calibrated (R19)', 'fitted', 0, 1e3],
    ['ob_suppression_by_il6', 'rho_IL6', 0.25, '–', 'suppression of osteoblast-precursor recruitment (commitment of mesenchymal progenitors) by IL-6 signalling', 'ASSUMPTION (Kaneshiro et al., J Bone Miner Res 2014: IL-6 inhibits osteoblast differentiation; formation markers rise on tocilizumab, Garnero et al. 2010), calibrated (R25)', 'fitted', 0, 1e3],
    ['ob_suppression_by_il1', 'rho_IL1', 0.25, '–', 'suppression of osteoblast differentiation by IL-1 signalling', 'ASSUMPTION, calibrated', 'fitted', 0, 1e3],
    ['oc_priming_by_tnf', 'sigma_TNF', 0.5, '–', 'priming of osteoclast differentiation by TNF-α signalling', 'ASSUMPTION, calibrated (R19)', 'fitted', 0, 1e3],
    ['oc_priming_by_il1', 'sigma_IL1', 0.25, '–', 'priming of osteoclast differentiation by IL-1 signalling', 'ASSUMPTION, calibrated', 'fitted', 0, 1e3],
    ['tnf_cascade_share', '', 0.5, 'fraction', 'share of the IL-6, IL-1 and T-cell activation excess of a condition that TNF-α drives (removed when TNF-α is neutralised or blocked)', 'ASSUMPTION (Feldmann & Maini, Annu Rev Immunol 2001; Charles et al., J Immunol 1999: IL-6 falls after infliximab; Aravena et al., Arthritis Res Ther 2011: anti-TNF lowers circulating Th17 cells), calibrated (R22, R23)', 'fitted', 0, 1],
    ['condition_ramp_days', '', 14, 'days', 'duration of the smooth rise (onset) and fall (resolution) of condition activity', 'model.md §5', 'assumption', 0, 3650],
    ['severity_remission', '', 0.1, 'fraction', 'condition activity in remission', 'model.md §5', 'assumption', 0, 1],
    ['severity_mild', '', 0.33, 'fraction', 'condition activity when mild', 'model.md §5', 'assumption', 0, 1],
    ['severity_moderate', '', 0.66, 'fraction', 'condition activity when moderate', 'model.md §5', 'assumption', 0, 1],
    ['severity_high', '', 1.0, 'fraction', 'condition activity when high', 'model.md §5', 'assumption', 0, 1],
    ['t_cell_half_life', '', 7, 'days', 'relaxation half-time of T-cell activation', 'ASSUMPTION (clonal expansion ~1 week)', 'assumption', 1e-3, 1e3],
    ['macrophage_half_life', '', 3, 'days', 'relaxation half-time of macrophage polarisation', 'ASSUMPTION', 'assumption', 1e-3, 1e3],
    ['m1_cytokine_share', '', 0.5, 'fraction', 'share of the TNF-α/IL-1 drive carried by M1 macrophages (what M2 polarisation removes)', 'ASSUMPTION (exploratory)', 'assumption', 0, 1],
    ['m2_ob_recruitment_gain', '', 0.5, '–', 'rise of precursor recruitment per unit M2 above healthy', 'ASSUMPTION (exploratory)', 'assumption', 0, 100],

    // §3 BMD layer per site, alveolar height
    ...bmdRows('lumbar_spine', 'lumbar spine', 0.009528, 0.0793, 0.14, 0.03, ''),
    ...bmdRows('total_hip', 'total hip', 1.356e-4, 0.0793, 0.3101, 0.03, '; ASSUMPTION: femoral-neck values, gOB from the spine'),
    ...bmdRows('femoral_neck', 'femoral neck', 1.356e-4, 0.0793, 0.3101, 0.03, '; gOB ASSUMPTION from the spine'),
    ...bmdRows('hand', 'hand (periarticular)', 1.356e-4, 0.0793, 0.3101, 0.03, '; ASSUMPTION: cortical (femoral-neck) values'),
    ...bmdRows('alveolar_bone', 'alveolar bone', 0.009528, 0.0793, 0.14, 0.03, '; ASSUMPTION: trabecular (spine) values'),
    ['bmd_space_half_life', 'ln2/k_space', 90, 'days', 'half-time of the remodelling space following a change of resorption (cavities open or refill)', REMODELLING_SPACE, 'fitted', 1, 3650],
    ['alveolar_height_loss_rate', '', 4.0e-4, 'mm/day', 'crestal height lost per unit of local resorption excess (OCa/OCa0 − OBa/OBa0)', 'ASSUMPTION, calibrated to R29', 'fitted', 0, 1],

    // §6–7 drugs
    ['rankl_binding_chi', 'chi', 0.012, '–', 'potency of RANKL binding by an anti-RANKL antibody (denosumab)', `${MR2019} (their value 0.012); fitted to FREEDOM's resorption at months 1 and 6 and the spine (R52, R53)`, 'fitted', 0, 1e3],
    ['rankl_binding_affinity', 'K_a,den', 0.333, '/pM', 'association constant of the anti-RANKL antibody with RANKL', MR2019, 'published', 0, 1e6],
    ['antibody_molar_mass', '', 150, 'kDa', 'molar mass used when a RANKL binder declares none', 'ASSUMPTION (IgG)', 'assumption', 1e-3, 1e4],
    ['bisphosphonate_apoptosis_gain', 'Emax_bp', 2.0, '–', 'maximal rise of osteoclast apoptosis (× the drug emax) at saturating bone-bound bisphosphonate', 'ASSUMPTION, calibrated (R13, R15)', 'fitted', 0, 1e3],
    ['bisphosphonate_burial_half_life', '', 90, 'days', 'half-time at normal bone formation over which bisphosphonate on bone surfaces is buried under new bone (inert until remodelling releases it)', 'ASSUMPTION (bisphosphonates bind at remodelling sites and are covered by the next formation period of 3–6 months: Roelofs et al., Br J Clin Pharmacol 2010; Russell et al., Osteoporos Int 2008), calibrated to R11, R13, R15, R44 (R45 left out as a check)', 'fitted', 1, 3650],
    ['default_plasma_half_life', '', 1 / 12, 'days', 'plasma half-life used when a drug declares only a bone half-life', 'ASSUMPTION (bisphosphonates ≈ 2 h)', 'assumption', 1e-6, 1e4],
    ['default_ic50', '', 1, 'mg/L', 'concentration of half effect used when a drug declares none', 'ASSUMPTION', 'assumption', 1e-12, 1e6],
    // Local release depot (docs/model.md §1.8): `route local` and `delivery … release T` doses sit at the treated site.
    ['local_drainage_half_life', '', 0.25, 'days', 'half-time of drug drainage from a local site\'s tissue into plasma (local release depot)', 'ASSUMPTION (exploratory; drugs leave a joint with half-lives of hours, small molecules 1–4 h, proteins up to ~13 h: Evans et al., Nat Rev Rheumatol 2014)', 'assumption', 1e-4, 100],
    ['local_distribution_volume', '', 0.01, 'L', 'volume of tissue in which drug released at a local site distributes (local release depot)', 'ASSUMPTION (exploratory; a few mL of synovial fluid per joint, a few mL of inflamed periodontal tissue)', 'assumption', 1e-6, 10],
    // Fitted to R42 alone (DXA); R27 (trabecular QCT) asks more of a DXA-like spine than these physiological sizes give.
    ['gc_ob_apoptosis_gain', '', 1, '–', 'rise of osteoblast apoptosis at full glucocorticoid occupancy (1: osteoblast life span halved)', 'ASSUMPTION (Weinstein et al., J Clin Invest 1998; Weinstein, N Engl J Med 2011: glucocorticoids raise osteoblast apoptosis several-fold), calibrated to R42 within that range', 'fitted', 0, 100],
    ['gc_ob_differentiation_suppression', '', 1, '–', 'suppression of osteoblast differentiation at full glucocorticoid occupancy (1: to one half)', 'ASSUMPTION (Canalis et al., Osteoporos Int 2007: bone formation falls by one to two thirds on glucocorticoids), calibrated to R42 within that range', 'fitted', 0, 100],
    ['gc_rankl_gain', '', 2, '–', 'extra RANKL production (× beta_RANKL) at full glucocorticoid occupancy, before adaptation (the early, transient rise of resorption)', 'ASSUMPTION (GC raise RANKL/OPG and resorption by tens of % within weeks: Dovio et al., J Clin Endocrinol Metab 2004), calibrated to R42 within that range', 'fitted', 0, 100],
    ['gc_resorption_adaptation_half_life', '', 60, 'days', 'half-time over which the glucocorticoid rise of resorption fades on continued treatment', 'ASSUMPTION (resorption markers rise within weeks of starting glucocorticoids and return toward baseline within months: Dovio et al. 2004; the loss is front-loaded: LoCascio et al., J Bone Miner Res 1990), calibrated to R42', 'fitted', 1, 3650],
    ['gc_oc_suppression', '', 0.5, '–', 'suppression of osteoclast differentiation by chronic glucocorticoid exposure (on the adaptation clock): turnover falls on long-term glucocorticoids', 'ASSUMPTION (chronic GIO is a low-turnover state: Dalle Carbonare et al., J Bone Miner Res 2001; glucocorticoids impair osteoclast function: Kim et al., J Clin Invest 2006), calibrated to R42 within that range', 'fitted', 0, 20],
    ['dmard_effect_half_life', '', 7, 'days', 'half-time of the effect compartment of conventional DMARDs (methotrexate acts through polyglutamates retained in cells long after its plasma half-life of hours)', 'ASSUMPTION (methotrexate polyglutamates accumulate in cells over weeks to months and outlast each weekly dose: Dalrymple et al., Arthritis Rheum 2008; its clinical effect builds over 6–12 weeks)', 'assumption', 0.01, 100],
    ['jak_effect_half_life', '', 1, 'days', 'half-time of the effect compartment of JAK inhibitors (the gene expression that JAK-STAT signalling drives decays over about a day)', 'ASSUMPTION (tofacitinib controls RA on twice-daily dosing despite a 3-hour plasma half-life: Xeljanz label)', 'assumption', 0.01, 100],
    ['jak_inflammation_fraction', '', 0.5, 'fraction', 'share of an inflammatory condition\'s cytokine drive sustained by JAK-dependent cytokines (IFN-γ, GM-CSF, IL-6, γc cytokines), removed with the JAK-inhibitor effect', 'ASSUMPTION (JAK inhibitors lower disease activity as much as anti-TNF: ORAL Standard, van Vollenhoven et al., NEJM 2012; the model.md §7 default share 0.5, not fitted)', 'assumption', 0, 1],
    ['gc_effect_half_life', '', 1, 'days', 'half-time of the glucocorticoid effect compartment (genomic effects outlast the plasma half-life of hours)', 'ASSUMPTION (prednisolone biological half-life 12–36 h; effects persist while the drug is taken daily)', 'assumption', 0.01, 100],
    ['anabolic_ob_gain', '', 1.0, '–', 'rise of osteoblast differentiation at full anabolic effect', 'ASSUMPTION, to calibrate', 'fitted', 0, 100],
    // Anabolic window (docs/model.md §1.9): modelling-based formation on quiescent surfaces (lining cells).
    ['modelling_half_life', '', 30, 'days', 'half-time of modelling-based formation after its stimulus stops (activated lining cells form bone for weeks)', 'ASSUMPTION (Kim et al., J Bone Miner Res 2012: intermittent PTH reactivates lining cells; P1NP rises within a month of teriparatide or romosozumab)', 'assumption', 1, 3650],
    ['pth_adaptation_half_life', '', 1 / 24, 'days', 'half-time of adaptation of PTH-receptor signalling in the osteoblast lineage (receptor desensitisation, cAMP feedback)', 'ASSUMPTION (PTH1R desensitises and internalises within an hour: Castro et al., Endocrinology 2005; Bisello & Friedman 2008)', 'assumption', 1e-4, 10],
    ['pth_modelling_gain', '', 0.5, '–', 'modelling-based formation (× normal formation) per unit of PTH-receptor burst (signal above its adapted level, × the baseline occupancy)', 'ASSUMPTION (intermittent PTH is anabolic, continuous catabolic: Peterson & Riggs 2010; Lemaire et al. 2004), calibrated to R40 (Neer et al. 2001)', 'fitted', 0, 100],
    ['modelling_cortical_ratio', '', 0.5, 'fraction', 'BMD gained from modelling-based formation at cortical-rich sites (hip, femoral neck, hand) relative to the spine, per unit of formation', 'ASSUMPTION (modelling-based formation is prominent on endocortical and periosteal surfaces: Dempster et al., J Bone Miner Res 2016), calibrated to R40, R41', 'fitted', 0.05, 2],
    ['pth_analogue_molar_mass', '', 4.118, 'kDa', 'molar mass of a drug that supplies PTH when it declares none (teriparatide, PTH 1-34)', 'Forteo label', 'published', 0.001, 1e4],
    ['wnt_modelling_gain', '', 1, '–', 'modelling-based formation (× normal formation) at full sclerostin neutralisation, before Wnt feedback', 'ASSUMPTION (sclerostin antibody activates lining cells: Ominsky et al., J Bone Miner Res 2015), calibrated to R41 (FRAME)', 'fitted', 0, 100],
    ['wnt_opg_gain', '', 1, '–', 'rise of OPG production by osteoblasts at full sclerostin neutralisation (Wnt/β-catenin induces OPG)', 'ASSUMPTION (Glass et al., Dev Cell 2005; resorption markers fall on romosozumab: McClung et al., NEJM 2014), calibrated to R41 (FRAME)', 'fitted', 0, 100],
    ['wnt_feedback_half_life', '', 80, 'days', 'half-time of the Wnt counter-regulation (DKK1, SOST) that attenuates modelling-based formation under sustained sclerostin neutralisation', 'ASSUMPTION (Florio et al., Nat Commun 2016: DKK1 rises on sclerostin antibody; P1NP back near baseline by 9–12 months on romosozumab: McClung et al. 2014, Cosman et al. 2016)', 'assumption', 1, 3650],
    ['wnt_feedback_strength', '', 0.9, 'fraction', 'share of the modelling stimulus of sclerostin neutralisation removed by the Wnt counter-regulation at equilibrium', 'ASSUMPTION (formation markers back near baseline within the year of romosozumab)', 'assumption', 0, 1],
    ['precursor_supply_gain', '', 1.0, '–', 'osteoblast-precursor supply at full cell-therapy effect, × the healthy recruitment flux', 'ASSUMPTION (exploratory)', 'assumption', 0, 1e3],
    ['jak_t_cell_fraction', '', 0.5, 'fraction', 'fraction of the JAK-inhibitor effect applied to T-cell RANKL', 'model.md §7', 'assumption', 0, 1],
    ['nf_kb_cytokine_fraction', '', 0.5, 'fraction', 'fraction of the NF-κB-inhibitor effect applied to cytokine production', 'model.md §7', 'assumption', 0, 1]
] as Row[]).map(row);

const byName = new Map<string, ParameterInfo>();

export function findParameter(name: string): ParameterInfo | undefined {
    if (byName.size !== PARAMETERS.length) for (const p of PARAMETERS) byName.set(p.name, p);
    return byName.get(name);
}

/** A complete set of parameter values by name, as the model reads them. */
export type ParameterValues = Readonly<Record<string, number>>;

/** Bad model input (unknown or out-of-range parameter, malformed description): a readable message, never NaN. */
export class ModelInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ModelInputError';
    }
}

/**
 * The table's values (calibrated where fitted), or `base` (a calibration candidate), with the
 * scenario's `set` overrides on top.
 */
export function resolveParameters(overrides: Readonly<Record<string, number>> = {}, base?: ParameterValues): ParameterValues {
    const values: Record<string, number> = {};
    for (const p of PARAMETERS) values[p.name] = base?.[p.name] ?? p.value;
    for (const [name, value] of Object.entries(overrides)) {
        const info = findParameter(name);
        if (!info) throw new ModelInputError(`unknown model parameter '${name}'`);
        if (!Number.isFinite(value) || value < info.min || value > info.max) {
            throw new ModelInputError(`parameter '${name}' = ${value} is outside its valid range [${info.min}, ${info.max === POS ? '∞' : info.max}] ${info.unit}`);
        }
        values[name] = value;
    }
    return values;
}
