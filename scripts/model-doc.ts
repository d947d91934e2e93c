/**
 * `npm run docs:model`: writes docs/model.md from the model itself: the equations, the parameter
 * table (PARAMETERS), the fitted values and the fit (calibration.json), every anchor of model.md §8
 * simulated now with the table's values, and every ASSUMPTION.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODEL_INFO, type ParameterInfo, PARAMETERS } from '../simulator/index.js';
import calibration from '../simulator/model/calibration.json';
import { loadAnchorScenarios } from './calibration/load-anchors.js';
import { createRunner } from './calibration/objective.js';
import { ANCHORS, evaluateAnchors, evidenceOf, margin, type Anchor, type AnchorOutcome, type Check } from './calibration/anchors.js';
import { AGEING_AND_GC_STAGES, EARLIER_STAGES, FIT_STAGES, FREE_PARAMETERS, RETENTION_STAGES } from './calibration/free-parameters.js';
import { anchoredMechanisms } from './calibration/anchored-mechanisms.js';
import { calibratedValues, type CrossValidationRecord, type LooResult } from './calibration/cross-validation.js';

const ROOT = process.cwd();
const OUT = path.join(ROOT, 'docs/model.md');
const CROSS_VALIDATION = path.join(ROOT, 'scripts/calibration/cross-validation.json');

/**
 * The cross-validation record (`npm run calibrate -- --loo`) when it was computed at the current
 * calibrated values; `stale` when the calibration has moved since (its figures are then not shown).
 */
function readCrossValidation(): { record: CrossValidationRecord | null; stale: boolean } {
    if (!fs.existsSync(CROSS_VALIDATION)) return { record: null, stale: false };
    const record = JSON.parse(fs.readFileSync(CROSS_VALIDATION, 'utf8'), (_, v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v)) as CrossValidationRecord;
    const now = calibratedValues(ROOT);
    const stale = FREE_PARAMETERS.some(p => !(Math.abs((record.at[p.name] ?? NaN) / now[p.name] - 1) < 1e-4));
    return { record: stale ? null : record, stale };
}
const CV = readCrossValidation();
const looOf = (id: string): LooResult | undefined => CV.record?.loo.find(r => r.id === id);

interface FitRecord {
    date?: string; method?: string; objective?: number; misfit?: number; prior?: number; stages?: string[];
}

const num = (x: number) => {
    if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : String(x);
    if (x === 0) return '0';
    const a = Math.abs(x);
    const s = a >= 1e5 || a < 1e-3 ? x.toExponential(3).replace(/\.?0+e/, 'e') : String(Number(x.toPrecision(4)));
    return s.replace('-', '−');
};
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function bound(c: Check): string {
    if (c.lo === -Infinity) return `≤ ${num(c.hi)}`;
    if (c.hi === Infinity) return `≥ ${num(c.lo)}`;
    return `${num(c.lo)} … ${num(c.hi)}`;
}

const EQUATIONS = String.raw`
## 1. Equations

Time in days; cells and mediators in pM; cytokines in pg/mL; drug concentrations in mg/L; BMD as a
fraction of its value at t = 0, reported as % change.

### 1.1 Bone-cell core (Pivonka et al. 2008, exactly as published)

\`\`\`
TGFb       = alpha · k_res · OCa / Dt_TGFb
pi_act,OBu = TGFb / (K_D1 + TGFb);  pi_rep,OBp = K_D2 / (K_D2 + TGFb);  pi_act,OCa = TGFb / (K_D3 + TGFb)
PTH        = f_PTH · (beta_PTH + P_PTH,d) / Dt_PTH
pi_act,PTH = PTH / (K_D4 + PTH);    pi_rep,PTH = K_D5 / (K_D5 + PTH)
P_OPG      = beta_OPG,2 · OBa · pi_rep,PTH
OPG        = f_OPG · (P_OPG + P_OPG,d) · OPG_max / (P_OPG + Dt_OPG · OPG_max)
RANKL_eff  = R1 · OBp · pi_act,PTH
RANKL      = RANKL_eff / (1 + K_A1·OPG + K_A2·RANK + chi·K_a,den·C_den) · (beta_RANKL + P_RANKL,d) / (beta_RANKL + Dt_RANKL · RANKL_eff)
pi_act,OCp = f_NFkB · K_A2·RANKL·RANK / (K_D8 + K_A2·RANKL·RANK)

dOBp/dt = D_OBu · f_OBrecruit · pi_act,OBu + S_OBp − D_OBp · f_OBdiff · pi_rep,OBp · OBp
dOBa/dt = D_OBp · f_OBdiff · pi_rep,OBp · OBp − A_OBa · f_OBapop · OBa
dOCa/dt = D_OCp · f_OCdiff · P_OC · pi_act,OCp − A_OCa · f_OCapop · pi_act,OCa · OCa
\`\`\`

Every hook (P_·,d, f_·, S_OBp, the denosumab term, P_OC) is neutral at baseline, so with no inputs the
core is the published model (R04, R05, R07). The steady state is solved by Newton at start-up.

### 1.2 Osteoclast-precursor pool P_OC (ASSUMPTION)

The published core has no precursor pool, so it cannot produce the rebound after denosumab is stopped
(R11). A relative pool P_OC (1 = healthy) multiplies D_OCp:

\`\`\`
demand  = (f_OCdiff / P_OC) · pi_act,OCp / pi_act,OCp(healthy)
target  = 1 + capacity · max(0, 1 − demand)
dP_OC/dt = ln2 / t½ · (target − P_OC),   t½ = t½_fill while P_OC < target, t½_drain otherwise
\`\`\`

Precursors (osteomorphs, McDonald et al., Cell 2021) accumulate while RANKL signalling is below normal
(denosumab, OPG) over months and fuse into osteoclasts within weeks once it returns (asymmetric: the pool
is emptied by fusion, so draining is faster than filling); above-normal demand is met by myeloid supply.
A bisphosphonate kills osteoclasts without blocking RANKL, so it fills no pool and has no rebound. The
published OPG-stop case (R07: overshoot, then back to steady state) is kept within its tolerance as a fit
constraint. With the calibrated pool and denosumab covering its whole interval (§1.7), the stopped arm overshoots the
untreated arm by only ≈ 7 %: R11 is a known miss (§4). A pool that drains over two months meets R11 (≈ 1.5 ×) but is still
3 % high at R07's day 200, where the published core is back within 0.5 %; the calibration keeps the published core.

### 1.3 BMD layer per site (slow indirect response after Peterson & Riggs 2010, plus remodelling space)

\`\`\`
B_s = S_s + R_s                                                                   B_s(0) = 1
dS_s/dt = kout_s · ( (OBa/OBa0)^gOB_s / B_s,start − (OCa/OCa0)^gOC_s · S_s )
dR_s/dt = k_space · ( −w_s · (OCa/OCa0 − 1) / B_s,start − R_s )                 k_space = ln 2 / bmd_space_half_life
\`\`\`

B_s is the reported BMD; the model integrates B_s and R_s. S_s is the mineralised matrix, which follows the
net balance over years (model.md §3). R_s (ASSUMPTION, the remodelling transient: Heaney 1994; Parfitt) is the
fast part: cavities open in proportion to resorption and refill within months, so an antiresorptive gains up
to w_s in its first year and active inflammation loses faster early. At the healthy steady state R_s = 0 and
S_s = 1; R_s starts at its level for the cells at t = 0. OBa0, OCa0 are the healthy steady state. B_s,start (ASSUMPTION) is the BMD at t = 0 relative to before
a past menopause: the menopause alone is replayed from the start of the oestrogen decline to t = 0, so a
scenario starting years after the final period continues the loss a cohort shows (slow cortical sites keep
losing) instead of starting at a false equilibrium. Spine, total hip and femoral neck read the systemic
core; hand and alveolar bone read their own local cores. Alveolar crestal height (mm):
\`dh/dt = alveolar_height_loss_rate · (OCa/OCa0 − OBa/OBa0)\` in the alveolar core.

### 1.4 Menopause and ageing

\`\`\`
P_RANKL,PMO(t) = A · smoothstep(1 + (t − t_FMP)/lead)          t < t_FMP   (smooth rise over menopause_lead)
P_RANKL,PMO(t) = A · (p + (1 − p) · xi² / (xi² + ((t − t_FMP)/tau)²))   t ≥ t_FMP   (Martínez-Reina & Pivonka 2019)
D(age)     = min(0.9, a · (aging_formation_deficit + aging_deficit_per_year · max(0, age − aging_onset_age)))   (ageing)
f_OBapop  /= 1 − D(age),   age = the patient's age at t = 0 + t / 365.25
\`\`\`

p = \`menopause_persistent_fraction\` (ASSUMPTION): oestrogen stays low for life, so a share of the excess
persists after the skeleton's adaptation (the Martínez-Reina decay); slow cortical-rich sites then keep losing
for decades, as untreated postmenopausal women do.

**Ageing follows the patient's age, in both sexes** (ASSUMPTION): a \`condition\` with the \`senescence\` process
(the library's \`aging\`) shortens the osteoblast life span by D(age), which grows linearly past
\`aging_onset_age\` (50 years): age-related oxidative stress raises osteoblast apoptosis (Almeida et al., J Biol Chem
2007), and involutional loss in men and women shares this cause while women add the oestrogen loss of the menopause
(Riggs, Khosla & Melton, J Bone Miner Res 1998). It acts on apoptosis, not differentiation: in the Pivonka core a
differentiation deficit is absorbed by more precursors at steady state (osteoblasts barely fall), so it could not
make a 74-year-old man lose bone at any plausible size. Ageing present at the start of a scenario has been going on
for years: it is fully expressed from t = 0 and its history from the onset age (with a past menopause) is replayed
into the BMD at t = 0 (§1.3), so the slow cortical sites keep losing at the rate that age implies. Sex enters only
through the menopause: a man ages by the same mechanism without it. MrOS men (R47, the only anchor without a
menopause) set the ageing rate; the late postmenopausal loss of FREEDOM's placebo arm (R18) then sets what persists of
the menopausal excess. Drugs act in men through the same mechanisms as in women.

### 1.5 Inflammation (ASSUMPTION structure, calibrated)

\`\`\`
dc/dt = ln2/t½_c · (c_base · (1 + Σ_k a_k(t) · w_k · S · (fold_k,c − 1)) · N_c · (1 − E_NFkB/2) − c)
u_c  = B_c · c / (c + K_c) − u_c(baseline),  floored at 0;   K_c = cytokine_saturation_fold · c_base
P_RANKL,infl = beta_RANKL · (lambda_TNF·u_TNF + lambda_IL6·u_IL6 + lambda_IL1·u_IL1 + lambda_T·(T − 1)+ + gc_rankl_gain·occ_GC)
f_OBrecruit  = (1 + m2_ob_recruitment_gain·(M2 − 1)) · (stimulates precursors) / (1 + rho_IL6·u_IL6)
f_OBdiff    = (1 − ageing deficit) · anabolic / ((1 + rho_TNF·u_TNF + rho_IL1·u_IL1) · (1 + gc_ob_differentiation_suppression·occ_GC))
f_OBapop    = (1 + gc_ob_apoptosis_gain · occ_GC) · (kills osteoblasts)
f_OCdiff    = (1 + sigma_TNF·u_TNF + sigma_IL1·u_IL1) · (stimulates osteoclasts)
\`\`\`

a_k(t) is the condition's activity (severity: remission 0.1, mild 0.33, moderate 0.66, high 1.0) with
smooth ramps over \`condition_ramp_days\`; w_k its weight in the compartment (1 systemic; local_excess in its
local sites); S the remaining fraction after drugs that suppress inflammation. T cells and M1/M2
macrophages relax to their driven targets (relative, 1 = healthy); M1 carries \`m1_cytokine_share\` of the
TNF-α / IL-1 drive; M2 raises precursor recruitment. Cytokine cascade (ASSUMPTION, Feldmann & Maini 2001):
\`tnf_cascade_share\` of a condition's IL-6, IL-1 and T-cell activation excess is driven by TNF-α and falls
with TNF-α neutralisation or blockade. IL-6 suppresses the recruitment of osteoblast precursors (rho_IL6,
ASSUMPTION beyond model.md §5; on D_OBp it would leave steady-state osteoblasts unchanged), which uncouples
formation from resorption in RA and lets IL-6 blockade raise formation (R25).

### 1.6 Pharmacokinetics

Per drug: depot → central (first-order absorption, bioavailability F) or an intravenous bolus; optional
peripheral compartment (Q); linear elimination (CL/V or ln2/half-life) and Michaelis–Menten elimination
(Vmax, Km); for bisphosphonates a bone-bound drug in two pools (below). Doses are jumps between which the
system is integrated piecewise.

**Bisphosphonate retention in bone (ASSUMPTION, structure after Russell et al., Osteoporos Int 2008; Roelofs et al.,
Br J Clin Pharmacol 2010).** A bisphosphonate binds to bone mineral where it is exposed, mostly at remodelling sites;
new bone covers it, and it returns to plasma only when osteoclasts later resorb that bone:

\`\`\`
dB_surf/dt   = k_up · A_c − k_bury · (OBa/OBa0) · B_surf                      k_up = bone_uptake share of elimination
dB_buried/dt = k_bury · (OBa/OBa0) · B_surf − k_rel · (OCa/OCa0) · B_buried   k_bury = ln2 / bisphosphonate_burial_half_life
dA_c/dt     += k_rel · (OCa/OCa0) · B_buried                                  k_rel = ln2 / bone_half_life (the drug's)
\`\`\`

Only the surface drug acts (§1.7): resorbing osteoclasts take it up from the surface they resorb. Buried drug is
inert, and what remodelling releases goes back to plasma, where part of it binds bone again (recycling). The skeletal
half-life of the label (≈ 10 years for alendronate) is the release of buried drug at normal resorption; it lengthens
while resorption is suppressed. So the effect lasts as long as dosing refills the surface, and after a stop it fades
over the burial half-time plus what recycling keeps on the surface: bone is lost slowly (FLEX, R44) and three further
zoledronate infusions still add a little (R45), where a model in which the whole skeletal amount acts changes nothing
for years. Per-drug potency (ic50, a surface amount) follows FPPS inhibition (Dunford et al., J Pharmacol Exp Ther
2001; Kavanagh et al., PNAS 2006): zoledronate ≈ 20 ×, risedronate ≈ 10 × alendronate per mg.

### 1.7 Pharmacodynamics per mechanism verb

\`E = emax · C / (C + ic50)\`, C the concentration seen by the compartment.

| verb | effect |
|---|---|
| neutralizes c | cytokine level × (1 − E) |
| blocks c | signalling u_c × (1 − E) |
| inhibits JAK_STAT | u_IL6 × (1 − E); T-cell RANKL × (1 − jak_t_cell_fraction · E); condition drive × (1 − jak_inflammation_fraction · E) (§1.11) |
| inhibits NF_kB | pi_act,OCp × (1 − E); cytokine production × (1 − nf_kb_cytokine_fraction · E) |
| binds RANKL | + chi · K_a,den · C (pM) in the RANKL denominator |
| binds OPG / PTH | effective level × (1 − E) |
| binds sclerostin | free sclerostin × (1 − E): Wnt signal W = 1 − Π(1 − E) (§1.9) |
| supplies PTH | + C · 10⁶ / molar mass (pM) to the PTH level (teriparatide, §1.9) |
| kills osteoclasts (bone-bound) | f_OCapop = 1 + bisphosphonate_apoptosis_gain · emax · B / (B + EC50), B the amount on bone surfaces (mg, §1.6) |
| kills T cells / M1 / osteoblasts | target × (1 − E) / apoptosis × (1 + E) |
| suppresses inflammation | condition activity × (1 − E); glucocorticoids also give occ_GC = C / (C + ic50) |
| stimulates osteoblasts | f_OBdiff × (1 + anabolic_ob_gain · E) |
| stimulates osteoblast_precursors / osteoclasts | recruitment / f_OCdiff × (1 + E) |
| supplies osteoblast_precursors | S_OBp = precursor_supply_gain · E × healthy recruitment flux |
| polarizes macrophage_M2 | M1 → M2 shift by E |

**Denosumab's exposure–response (calibrated to R52, R53).** A 60 mg dose peaks at ≈ 7 mg/L after about a month and,
once target-mediated elimination takes over below ≈ 1 mg/L, falls to a few hundredths of a mg/L by month 6 (the
published PK, R12). FREEDOM measured CTX 86 % below placebo at month 1 and still 72 % below at month 6, just before the
next dose: the antibody binds RANKL at concentrations far below its peak. \`rankl_binding_chi\` (the potency of binding
in the RANKL denominator) is fitted to those two readouts with the spine at 36 months (R52) and DECIDE's first year
head to head with alendronate (R53), jointly with the BMD layer, since a potency that covers the whole interval
doubled every antiresorptive gain of the layer fitted with the old one (which suppressed resorption for ≈ 4 of 6 months
and made up for it with a steeper BMD response). The fitted value, ≈ ${num(PARAMETERS.find(p => p.name === 'rankl_binding_chi')!.value)}, is two orders above
Martínez-Reina & Pivonka's 0.012, whose RANKL binding used a different PK and RANKL scale; it is the exposure at the end
of the interval, not the peak, that the trials pin down.

### 1.8 Targeted delivery and local release depots (exploratory, ASSUMPTION)

**Targeting.** A regimen's \`delivery … targeting F\` multiplies the drug's exposure in local compartments by F and
divides the systemic exposure by F (exploratory: no quantitative source). The local/systemic ratio is F², constant.

**Release depot.** A regimen's \`delivery hydrogel | nanoparticle | liposome release T\` and a drug's \`route local\`
(T = its \`absorption_half_life\`, default 1 day) put each dose (× bioavailability) into a depot at the arm's local
sites (split evenly when there are several), which releases into the site's tissue; the tissue drains into plasma:

\`\`\`
dD_s/dt = −k_r · D_s                      k_r = ln2 / T                               per local site s
dL_s/dt =  k_r · D_s − k_d · L_s           k_d = ln2 / local_drainage_half_life
dA_c/dt = Σ_s k_d · L_s − (elimination, peripheral and bone exchange as in §1.6)
C_site(s) = L_s / local_distribution_volume + A_c / V        C_systemic = A_c / V
\`\`\`

The site sees its tissue level on top of plasma, so the local/systemic ratio is high while the depot releases and
falls towards 1 as it empties (for a drug cleared faster than it is released, the ratio stays near
1 + CL / (k_d · V_local) while the depot releases). All released drug reaches plasma: the plasma AUC is that of the
same dose absorbed with half-time T (same total amount), only later and lower. \`release\` and \`targeting\` do not
combine (an error). Without a local site in the scenario the depot releases into plasma (absorption with half-time
T), with a warning at the \`give\`. The drainage half-life (6 h) and the local volume (10 mL) are ASSUMPTIONS
(\`local_drainage_half_life\`, \`local_distribution_volume\`, §2), not calibrated; no anchor tests local exposure.

### 1.9 Anabolic window: PTH bursts, sclerostin/Wnt and modelling-based formation (ASSUMPTION)

\`\`\`
occ      = PTH / (K_D4 + PTH)                     PTH including a drug that supplies it (teriparatide), pM
dZ/dt    = ln2 / pth_adaptation_half_life · (occ − Z)                       adapted PTH-receptor signalling
burst    = max(0, occ − Z) / occ(healthy)
dF/dt    = ln2 / wnt_feedback_half_life · (W − F)                           Wnt counter-regulation (DKK1, SOST)
dM/dt    = ln2 / modelling_half_life · (pth_modelling_gain · burst + wnt_modelling_gain · max(0, W − wnt_feedback_strength · F) − M)
P_OPG   ×= 1 + wnt_opg_gain · W
dS_s/dt += rate_s · M / B_s,start,   rate_s = kout_lumbar_spine (trabecular-rich) or × modelling_cortical_ratio (cortical-rich)
\`\`\`

The Pivonka core only remodels: formation follows resorption. Anabolic drugs also switch on **modelling-based
formation** on quiescent surfaces, where lining cells are reactivated without prior resorption (Kim et al., JBMR
2012; Dempster et al., JBMR 2016; Ominsky et al., JBMR 2015). M is that formation in units of the healthy
remodelling formation; it adds to the slow BMD layer and to the formation marker (the osteoblasts series is
OBa/OBa0 + M), and it is zero without an anabolic drug, so the other anchors do not see it.

Why daily teriparatide is anabolic and continuous PTH is not (the dosing pattern, not a drug switch): PTH-receptor
signalling in the osteoblast lineage adapts within about an hour (receptor desensitisation and internalisation,
cAMP feedback; Castro et al., Endocrinology 2005). Only the rise of PTH above the adapted level drives M, so a
once-daily injection (a pulse lasting a few hours) gives a burst every day, while a constant level gives none
and acts only through the catabolic Pivonka pathway (RANKL up, OPG down: R05). This is the signalling idea of
Peterson & Riggs (Bone 2010), where intermittent PTH acts through a transient CREB/RUNX2 signal and sustained PTH
through RANKL/OPG; Lemaire et al. (J Theor Biol 2004) put the anabolic action on osteoblast-lineage rates, which
alone cannot tell pulses from a constant level. R40 checks both arms: daily injections against an infusion of
the same mean PTH. Teriparatide's PK follows its label (flip-flop: apparent half-life ≈ 1 h set by absorption,
clearance ≈ 62 L/h), so its peaks (≈ 50 pM) and mean (≈ 3 pM, like endogenous PTH) are physiological.

Romosozumab binds sclerostin, which frees Wnt signalling: M rises at once and OPG production rises (Wnt/β-catenin
induces OPG: Glass et al., Dev Cell 2005), so formation goes up and resorption down together. Wnt signalling
then induces its own inhibitors (DKK1, SOST: Florio et al., Nat Commun 2016), so the formation drive attenuates
over months (formation markers back near baseline by 9–12 months: McClung et al., NEJM 2014) while the
resorption effect stays (R41).

### 1.10 Glucocorticoids: effect compartment, early transient resorption, low turnover (ASSUMPTION)

\`\`\`
dA_e/dt  = ln2 / gc_effect_half_life · (A_central − A_e)        per glucocorticoid drug; its PD reads C_e = A_e / V
occ_GC   = 1 − Π(1 − C_e / (C_e + ic50)) (and glucocorticoid-excess conditions)
dG/dt    = ln2 / gc_resorption_adaptation_half_life · (occ_GC − G)
P_RANKL += beta_RANKL · gc_rankl_gain · max(0, occ_GC − G)       early rise of resorption, fading as G catches up
f_OCdiff /= 1 + gc_oc_suppression · G                              chronic low turnover
f_OBapop ×= 1 + gc_ob_apoptosis_gain · occ_GC;  f_OBdiff /= 1 + gc_ob_differentiation_suppression · occ_GC
\`\`\`

Glucocorticoids act through gene expression, which outlasts prednisone's 3-hour plasma half-life: their effects
(on bone cells and on inflammation) follow an effect compartment with a one-day half-time, so they act for as
long as the drug is taken daily, not only for hours after each tablet. Resorption rises within weeks of starting
(Dovio et al., JCEM 2004) and fades over months, while formation stays suppressed (osteoblast apoptosis and
differentiation); chronic glucocorticoid-induced osteoporosis is a low-turnover state. The loss is therefore
front-loaded, dose-dependent through occupancy, and partly regained after stopping (the remodelling space
refills). The four glucocorticoid gains are fitted within their physiological ranges to the time course of R42
(fit stage "glucocorticoids"), not to R27, whose trabecular QCT readout the DXA-like spine cannot represent; they act
only where a glucocorticoid is given, so no other anchor moves with them.

### 1.11 Drug effects that outlast plasma exposure: effect compartments (ASSUMPTION)

\`\`\`
dA_e/dt = ln2 / t½_e · (A_central − A_e)          per drug of a class below; its PD reads C_e = A_e / V
\`\`\`

| class | t½_e (parameter) | why the effect outlasts the plasma level |
|---|---|---|
| glucocorticoid | 1 day (\`gc_effect_half_life\`) | genomic action: transcription changes persist for a day after prednisone's 3-hour plasma half-life (§1.10) |
| DMARD (methotrexate) | 7 days (\`dmard_effect_half_life\`) | methotrexate is retained in cells as polyglutamates that accumulate over weeks (Dalrymple et al., Arthritis Rheum 2008) while its plasma half-life is 8 hours: weekly dosing acts all week and the effect builds over weeks, as it does clinically |
| JAK inhibitor | 1 day (\`jak_effect_half_life\`) | tofacitinib's plasma half-life is 3 hours, yet twice-daily dosing controls RA: the gene expression JAK-STAT signalling drives (cytokine and RANKL transcription) decays over about a day |

The effect compartment keeps the mean concentration and smooths its peaks, so a drug acts for as long as it is
taken and its dose–response follows the average exposure (tofacitinib 10 mg twice daily does more than 5 mg; 8× the
label dose more still, not a flat plateau set by each dose's peak). Biologics (weeks of half-life) and
bisphosphonates (their bone-bound pool) need none. The half-times are ASSUMPTIONS from the pharmacology, not fitted.

**JAK inhibitors lower disease activity.** Besides IL-6 signalling and T-cell RANKL (model.md §7), a JAK inhibitor
removes \`jak_inflammation_fraction\` (0.5, the model.md §7 default share, not fitted) of a condition's cytokine drive
× its effect: the cytokines that sustain synovitis through JAK-STAT (IFN-γ, GM-CSF, IL-6, the γc cytokines) keep
TNF-α and IL-1 production going. Without it a JAK inhibitor could not approach anti-TNF, as head-to-head trials find
(ORAL Standard, van Vollenhoven et al., NEJM 2012; ORAL Strategy, Fleischmann et al., Lancet 2017: tofacitinib +
methotrexate non-inferior to adalimumab + methotrexate; R48 reports how close the model comes).
`.replace(/\\`/g, '`');

function parameterTable(): string {
    const rows = PARAMETERS.map((p: ParameterInfo) => `| \`${p.name}\` | ${cell(p.symbol || '–')} | ${num(p.value)} | ${cell(p.unit)} | ${cell(p.meaning)} | ${cell(p.source)} | ${p.basis} | ${num(p.min)} … ${p.max === Number.MAX_VALUE ? '∞' : num(p.max)} |`);
    return ['| name | symbol | value | unit | meaning | source | basis | bounds |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

function fittedTable(fit: FitRecord): string {
    const values = new Map(PARAMETERS.map(p => [p.name, p.value]));
    const rows = FREE_PARAMETERS.map(p => `| \`${p.name}\` | ${num(p.start)} | **${num(values.get(p.name) ?? NaN)}** | ${num(p.lo)} … ${num(p.hi)} | ${p.ties?.map(t => `\`${t}\``).join(', ') || '–'} | ${cell(p.why)} |`);
    const stage = (s: (typeof FIT_STAGES)[number], i: number) => `${i + 1}. ${s.name}: ${s.parameters.length} parameters against ${s.anchors?.join(', ') ?? 'every weighted anchor'}`;
    const stages = [...FIT_STAGES.map(stage), '', 'Earlier stages (their values are kept; a re-run starts from them):', '', ...[...EARLIER_STAGES, ...AGEING_AND_GC_STAGES, ...RETENTION_STAGES].map(stage)];
    return [
        `Fitted by \`npm run calibrate\` on ${fit.date ?? '(not yet run)'}. ${fit.method ?? ''}.`,
        fit.objective !== undefined ? `Objective ${fit.objective} (misfit ${fit.misfit}, prior ${fit.prior}).` : '',
        '',
        'Stages:',
        '',
        ...stages,
        '',
        ...(fit.stages?.length ? ['Fit log:', '', ...fit.stages.map(s => `- ${s}`), ''] : []),
        '| parameter | start | fitted | bounds | tied | bounds because |',
        '|---|---|---|---|---|---|',
        ...rows,
        '',
        intervalTable()
    ].join('\n');
}

/**
 * Leave-one-out figure of an anchor: its margin (tolerance units) when the fit is re-run without it.
 * Read from calibration.json `$loo` ({ "R08": number, … }) once `npm run calibrate -- --loo` writes it
 * (issue 11); until then the column says so, with no number.
 */
function looCell(a: Anchor): string {
    if (a.weight === 0) return 'n/a (not fitted)';
    const r = looOf(a.id);
    if (!r) return CV.stale ? 'stale (re-run `--loo`)' : 'not yet computed';
    return `${num(Number(r.margin.toFixed(2)))} (${r.pass ? 'pass' : '**miss**'}; RMS ${num(Number(r.error.toFixed(2)))})`;
}

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The leave-one-out summary of §4: how many held-out anchors are met, median and worst figures, method and cost. */
function looSummary(): string {
    const head = '- **LOO margin**: the smallest margin of an in-sample anchor\'s checks when the fit is re-run without it and the anchor is then predicted (leave-one-out cross-validation, `npm run calibrate -- --loo`), with the RMS of its residuals in tolerance units (0 at the targets, 1 at a band\'s edge).';
    if (!CV.record) return `${head} ${CV.stale ? '**Stale**: computed at an earlier calibration; no figure is shown until it is re-run.' : '**Not yet computed**; no figure is shown until it is.'}`;
    const rs = CV.record.loo.filter(Boolean);
    const worst = (key: 'margin' | 'inSampleMargin') => rs.reduce((w, r) => (r[key] < w[key] ? r : w));
    const methods = [...new Set(rs.map(r => r.method))];
    const fmt = (x: number) => num(Number(x.toFixed(2)));
    const cost = CV.record.cost;
    return [
        head,
        `  **Held out: ${rs.filter(r => r.pass).length} of ${rs.length} met** (in-sample: ${rs.filter(r => r.inSampleMargin >= 0).length} of ${rs.length}); held-out margin median ${fmt(median(rs.map(r => r.margin)))}, worst ${fmt(worst('margin').margin)} (${worst('margin').id}); held-out RMS error median ${fmt(median(rs.map(r => r.error)))}, worst ${fmt(Math.max(...rs.map(r => r.error)))} (in-sample: margin median ${fmt(median(rs.map(r => r.inSampleMargin)))}, RMS median ${fmt(median(rs.map(r => r.inSampleError)))}).`,
        `  Held out and missed: ${rs.filter(r => !r.pass).map(r => `${r.id} (${fmt(r.margin)}${r.inSampleMargin >= 0 ? ', met in-sample' : ', missed in-sample too'})`).join(', ') || 'none'}.`,
        methods.includes('linearised')
            ? `  Method: **linearised** refit: without the anchor's residuals, the Gauss–Newton minimum of the calibration objective linearised at the calibrated values (the Jacobian of every residual, one model run per parameter, with the fitting engine's difference scheme in simulator/fit), over the ${CV.record.intervals.filter(i => i.identified).length} parameters the anchors identify (§3); the ${CV.record.intervals.filter(i => !i.identified).length} they do not identify stay at their calibrated values. Then the anchor is simulated at the refitted values. Holding those parameters keeps what the held-out anchor taught them jointly with others (the menopause and ageing set, the precursor pool), so the figures are **optimistic** there; \`npm run calibrate -- --loo --full\` refits all parameters to convergence with the engine's Levenberg–Marquardt (hours on this machine; not run). The staged Nelder–Mead search is not re-run per anchor. "Reference" below is the same refit with every anchor kept.`
            : '  Method: **full** refit: the fitting engine\'s Levenberg–Marquardt (simulator/fit) of all free parameters without the anchor, from the calibrated values to convergence (or its run limit); then the anchor is simulated at the refitted values. The staged Nelder–Mead search is not re-run per anchor.',
        `  Cost: ${cost.modelRuns} runs of the whole anchor set at rtol ${CV.record.rtol} (the Jacobian and the calibrated point) plus three runs of each held-out anchor: ${cost.seconds} s wall-clock, ${cost.secondsPerRun} s per anchor-set run, on ${cost.cores} cores shared with other jobs (1-minute load ${cost.load} when written), computed ${CV.record.date}${CV.record.complete ? '' : `; held out so far: ${CV.record.heldOut.join(', ')}`}.`
    ].join('\n');
}

/** Per held-out anchor: in-sample, reference and held-out figures, and what the refit moved. */
function looTable(): string {
    if (!CV.record) return '';
    const fmt = (x: number | undefined) => (x === undefined ? '–' : num(Number(x.toFixed(2))));
    return [
        '### Leave-one-out, anchor by anchor',
        '',
        'Margins in tolerance units (the smallest over the anchor\'s checks; negative: outside its band). In-sample: at the calibrated values; reference: after the same refit with every anchor kept; held out: after the refit without the anchor.',
        '',
        '| anchor | in-sample margin | reference margin | held-out margin | held-out RMS error | held out | parameters the refit moved most |',
        '|---|---|---|---|---|---|---|',
        ...CV.record.loo.filter(Boolean).map(r => `| ${r.id} | ${fmt(r.inSampleMargin)} | ${fmt(r.referenceMargin)} | ${fmt(r.margin)} | ${fmt(r.error)} | ${r.pass ? 'pass' : '**miss**'} | ${r.moved.map(m => `\`${m.name}\` ${num(m.from)} → ${num(m.to)}`).join('; ') || '–'} |`),
        ''
    ].join('\n');
}

/** One line for the top of the page: the honest measure of generalisation. */
function looHeadline(): string {
    if (!CV.record) return `Leave-one-out cross-validation: ${CV.stale ? 'stale (computed at an earlier calibration)' : 'not yet computed'} (§4).`;
    const rs = CV.record.loo.filter(Boolean);
    const method = rs.every(r => r.method === 'full') ? 'full refits' : 'linearised refits of the identified parameters, optimistic';
    return `**Leave-one-out** (${method}; §4): held out, **${rs.filter(r => r.pass).length} of ${rs.length}** in-sample anchors are still met; held-out margin median ${num(Number(median(rs.map(r => r.margin)).toFixed(2)))}, worst ${num(Number(Math.min(...rs.map(r => r.margin)).toFixed(2)))}. ${CV.record.intervals.filter(i => !i.identified).length} of ${CV.record.intervals.length} fitted parameters are not identified by the anchors (§3).`;
}

/** §3's parameter intervals from the Fisher information of the calibration objective. */
function intervalTable(): string {
    if (!CV.record) return `95 % intervals: ${CV.stale ? 'stale (computed at an earlier calibration); re-run `npm run calibrate -- --loo`' : 'not yet computed (`npm run calibrate -- --loo`)'}.`;
    const rows = CV.record.intervals.map(i => `| \`${i.name}\` | ${num(i.value)} | ${i.lower === null ? 'bound' : num(i.lower)} … ${i.upper === null ? 'bound' : num(i.upper)} | ${Math.round(i.anchorShare * 100)} % | ${i.identified ? 'yes' : '**no**'} | ${cell(i.note) || '–'} |`);
    const flagged = CV.record.intervals.filter(i => !i.identified).map(i => `\`${i.name}\``);
    return [
        `**95 % intervals** (Fisher information of the calibration objective at the fitted values, from the Jacobian that \`npm run calibrate -- --loo\` computes; ${CV.record.date}). A check's tolerance is read as a 95 % band (1.96 σ), so the interval is where the objective rises by 1 (Wald, in ln θ for log-scale parameters); "bound" means it reaches the search bound on that side. One-sided checks met with room to spare carry no local information. The prior (a weak pull towards the starting values) is part of the objective; a parameter is **not identified** by the anchors when they bring under 90 % of its information or its interval reaches both bounds: ${flagged.length} of ${CV.record.intervals.length} (${flagged.join(', ') || 'none'}). These are local, linearised intervals; the fitting engine's profile likelihood (simulator/fit) is the check for the nonlinear ones and is not run here.`,
        '',
        '| parameter | fitted | 95 % interval | anchors\' share of its information | identified | note |',
        '|---|---|---|---|---|---|',
        ...rows
    ].join('\n');
}

const EVIDENCE_LABEL = { 'in-sample': 'in-sample (fitted, weight {w})', 'out-of-sample': 'out-of-sample', identity: '**identity**' } as const;

function evidenceCell(a: Anchor): string {
    return EVIDENCE_LABEL[evidenceOf(a)].replace('{w}', String(a.weight));
}

function marginCell(c: Check): string {
    const m = margin(c);
    if (Number.isNaN(m)) return '–';
    if (m === Infinity) return '∞';
    return num(Number(m.toFixed(2)));
}

function anchorTable(outcomes: AnchorOutcome[]): string {
    const lines = [
        '| id | type | evidence | scenario | target (tolerance) | readout | simulated | pass band | result | margin (tol. units) | LOO margin |',
        '|---|---|---|---|---|---|---|---|---|---|---|'
    ];
    for (const o of outcomes) {
        const a = o.anchor;
        const head = `| ${a.id} | ${a.type} | ${evidenceCell(a)} | \`tests/anchors/${a.file}\` (${a.scenario}) | ${cell(a.expected)} (${cell(a.source)})`;
        if (o.error !== undefined) { lines.push(`${head} | – | error: ${cell(o.error)} | – | **miss** | – | ${looCell(a)} |`); continue; }
        o.checks.forEach((c, i) => {
            const first = i === 0 ? head : '| | | | |';
            const known = a.missedChecks?.includes(c.label) ? ' (known)' : '';
            lines.push(`${first} | ${cell(c.label)} | ${num(Number(c.value.toPrecision(3)))} ${c.unit} | ${bound(c)} | ${c.pass ? 'pass' : `**miss**${known}`} | ${marginCell(c)} | ${i === 0 ? looCell(a) : ''} |`);
        });
    }
    return lines.join('\n');
}

/** What the passes show, by evidence: fit, validation or identity. */
function evidenceSummary(outcomes: AnchorOutcome[]): string {
    const group = (e: string) => outcomes.filter(o => evidenceOf(o.anchor) === e);
    const count = (os: AnchorOutcome[]) => `${os.filter(o => o.pass).length} of ${os.length}`;
    const ids = (os: AnchorOutcome[]) => os.map(o => o.anchor.id).join(', ') || '–';
    const tight = outcomes.flatMap(o => o.checks.filter(c => c.pass && margin(c) < 0.1).map(c => `${o.anchor.id} (${c.label}: ${marginCell(c)})`));
    return [
        `- **In-sample** (carry weight in the calibration objective, scripts/calibration/objective.ts): met ${count(group('in-sample'))} (${ids(group('in-sample'))}). A pass here shows goodness of fit, not validation.`,
        `- **Out-of-sample** (weight 0, never fitted): met ${count(group('out-of-sample'))} (${ids(group('out-of-sample'))}). Type M among them (${ids(group('out-of-sample').filter(o => o.anchor.type === 'M'))}) reproduce the published core; for the others a pass is a prediction.`,
        `- **Identities** (hold by construction): met ${count(group('identity'))} (${ids(group('identity'))}).`,
        ...outcomes.filter(o => o.anchor.identity).map(o => `  - ${o.anchor.id}: ${o.anchor.identity}`),
        `- **Margin** of a check: how far inside its band it lies, in tolerance units (1 at the target of a two-sided band, 0 at the edge, negative outside; one-sided bands in units of their residual scale). Passes within 0.1 of an edge: ${tight.join('; ') || 'none'}.`,
        looSummary()
    ].join('\n');
}

function missReasons(outcomes: AnchorOutcome[]): string {
    const misses = outcomes.filter(o => !o.pass);
    if (misses.length === 0) return 'Every anchor is met.';
    return misses.map(o => {
        const missed = o.checks.filter(c => !c.pass).map(c => c.label).join('; ');
        return `- **${o.anchor.id}** (${missed || 'not read'}): ${o.anchor.knownMiss ?? 'not explained (a regression: the anchor test fails)'}`;
    }).join('\n');
}

function quantifications(): string {
    return ANCHORS.filter(a => a.quantified).map(a => `- **${a.id}**: ${a.quantified}`).join('\n');
}

function assumptions(): string {
    const table = PARAMETERS.filter(p => p.basis === 'assumption' || /ASSUMPTION/.test(p.source))
        .map(p => `- \`${p.name}\` = ${num(p.value)} ${p.unit}: ${p.meaning} (${p.source})`);
    return [
        'Structural assumptions (not in the published core):',
        '',
        '- Osteoclast-precursor pool (§1.2), for the denosumab-stop rebound (R11).',
        '- BMD history replay for a menopause before t = 0 (§1.3).',
        '- The inflammation layer and its couplings to the core (§1.5), as model.md §5 prescribes.',
        '- Glucocorticoid occupancy from an effect compartment, acting on osteoblast apoptosis and differentiation, on RANKL (early, adapting) and on osteoclastogenesis (chronic) (§1.10; R27, R42, R43).',
        '- The BMD layer has a fast remodelling-space part besides the slow indirect response (§1.3), with one shared refill half-time.',
        '- Sites differ only in their BMD layer (kout, gOB, gOC, w); femoral neck shares the hip exponents, hand the hip layer, alveolar bone the spine layer.',
        '- Anchor set-up: R23, R25 and R27 study established RA, so their scenarios run a year of untreated RA before the first dose and read changes from it.',
        '- Modelling-based formation (§1.9): an extra formation term, not coupled to resorption, driven by PTH bursts above an adapted level and by freed Wnt signalling with a slow counter-regulation; cortical-rich sites gain a fitted share of the spine\'s rate.',
        '- Local release depot (§1.8, exploratory): `route local` and `delivery … release T` doses are released into the treated site\'s tissue, which drains into plasma; the site sees tissue plus plasma. Drainage half-life and local volume are assumed, and no anchor tests local exposure.',
        '',
        'Parameters that are assumptions or rest on one:',
        '',
        ...table
    ].join('\n');
}

async function main(): Promise<void> {
    const scenarios = await loadAnchorScenarios(path.join(ROOT, 'tests/anchors'));
    const outcomes = evaluateAnchors(createRunner(scenarios));
    const mechanisms = anchoredMechanisms(scenarios, outcomes);
    fs.writeFileSync(path.join(ROOT, 'simulator/model/anchored-mechanisms.json'), JSON.stringify({
        $comment: 'Written by `npm run docs:model` from the anchor table (scripts/calibration/anchored-mechanisms.ts): drug mechanisms that a clinical anchor the model meets vouches for. Every other mechanism is exploratory (simulator/pharmacology.ts). Do not edit by hand.',
        mechanisms
    }, null, 2) + '\n');
    const fit = ((calibration as Record<string, unknown>).$fit ?? {}) as FitRecord;
    const met = outcomes.filter(o => o.pass).length;
    const text = [
        '# Osteo model reference',
        '',
        `<!-- Generated by \`npm run docs:model\` (scripts/model-doc.ts) from the model code, its parameter table and calibration.json. Do not edit. -->`,
        '',
        `Model **${MODEL_INFO.name}** ${MODEL_INFO.version}. The bone-cell core is Pivonka et al. 2008, reproduced exactly; every`,
        'addition is labelled ASSUMPTION and calibrated to the clinical anchors of the specification (model.md §8).',
        `Anchors met: **${met} of ${outcomes.length}** (simulated when this page was generated); ${outcomes.filter(o => evidenceOf(o.anchor) === 'in-sample').length} of them carry weight in the fit,`,
        'so their passes show goodness of fit rather than validation (§4 tells them apart).',
        looHeadline(),
        EQUATIONS,
        '## 2. Parameters',
        '',
        'Every parameter can be overridden in a scenario with `set NAME = VALUE` (within its bounds).',
        '`fitted` values come from `simulator/model/calibration.json`.',
        '',
        parameterTable(),
        '',
        '## 3. Calibration',
        '',
        fittedTable(fit),
        '',
        '## 4. Anchors',
        '',
        'Every anchor of model.md §8, simulated from its scenario in `tests/anchors/` through parse → compile → simulate with',
        'the parameter table above. The same checks run in `tests/simulator/anchors-clinical.test.ts`, one test per check:',
        'a check the model meets must pass, a known miss (marked "(known)") must still miss, so a change either way is seen.',
        '',
        evidenceSummary(outcomes),
        '',
        anchorTable(outcomes),
        '',
        looTable(),
        '### Which drug mechanisms the anchors vouch for',
        '',
        'A mechanism (drug class, verb, target) is **anchored** when a drug with it is given in a clinical (type C) anchor that the',
        'model meets and that is not an identity. Every other mechanism is marked **exploratory** in hover, in the results header',
        'and in the report, automatically from this list (`simulator/model/anchored-mechanisms.json`, written with this page).',
        '',
        '| class | mechanism | anchors | drugs in them |',
        '|---|---|---|---|',
        ...mechanisms.map(m => `| ${m.drugClass || '–'} | ${m.verb} ${m.target} | ${m.anchors.join(', ')} | ${m.drugs.join(', ')} |`),
        '',
        '### How qualitative anchors were made into numbers',
        '',
        quantifications(),
        '',
        '### Misses and why',
        '',
        missReasons(outcomes),
        '',
        '## 5. Assumptions',
        '',
        assumptions(),
        ''
    ].join('\n');
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    console.log(`docs:model: wrote ${path.relative(ROOT, OUT)} (anchors met ${met}/${outcomes.length})`);
}

main().catch(error => {
    console.error(`docs:model: ${(error as Error).message}`);
    process.exit(1);
});
