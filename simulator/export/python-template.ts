/**
 * The Python side of `osteo export --format python`: the model's right-hand side written once, mirroring
 * simulator/model/ (same state layout, equations and series), with the arm injected as JSON in place
 * of __MODEL_JSON__. Keep it in step with the TypeScript model: tests/export/ runs both and compares them.
 */
export const PYTHON_TEMPLATE = String.raw`#!/usr/bin/env python3
"""
Osteo Scenarios: scenario __SCENARIO__, arm __ARM__, exported by 'osteo export' (osteo __VERSION__, model __MODEL__).

The compiled arm as a standalone SciPy model: the same equations (state layout, right-hand side and series as the
TypeScript model in simulator/model/), the effective parameter values (calibration and 'set' overrides
applied), the initial state and the dose events. Units: time in days, drug amounts in mg, concentrations in mg/L,
cells and mediators in pM, cytokines in pg/mL, BMD relative to t = 0.

    python3 script.py [--method Radau|LSODA|BDF] [--rtol R] [--atol A]

integrates piecewise between dose events with scipy.integrate.solve_ivp and prints one JSON object
{"time": [...], "series": {...}, "solveSeconds": s, "stats": {...}}, with the series keys and units of
'osteo run --format json' and the solver's work summed over the pieces (steps, right-hand-side and Jacobian
evaluations, LU decompositions; the finite-difference Jacobian's own right-hand sides are in the count).
Needs Python 3 with numpy and scipy only.
"""
import argparse
import json
import math
import sys
import time

import numpy as np
from scipy.integrate import BDF, LSODA, Radau, solve_ivp

MODEL = json.loads(r'''__MODEL_JSON__''')

OBP, OBA, OCA, TNF, IL6, IL1, TCELL, M1, M2, OCP, PTHR, MODEL_FORMATION, WNTFB, GCADAPT = range(14)
COMPARTMENT_SIZE = 14
DAYS_PER_YEAR = 365.25

V = MODEL["parameters"]
CORE = MODEL["core"]
HEALTHY = MODEL["healthy"]
NC = len(MODEL["compartments"])
CONDITIONS = MODEL["conditions"]
DRUGS = MODEL["drugs"]
SITES = MODEL["sites"]
MENOPAUSE = MODEL["menopause"]
AGE0 = MODEL["ageYears"]
INFUSIONS = MODEL["infusions"]
EXPOSURES = MODEL["exposures"]
ALVEOLAR_HEIGHT = MODEL["alveolarHeight"]
ALVEOLAR_COMPARTMENT = MODEL["alveolarCompartment"]

BASE = [V["tnf_baseline"], V["il6_baseline"], V["il1_baseline"]]
K_SAT = [b * V["cytokine_saturation_fold"] for b in BASE]
U0 = [b / (b + k) for b, k in zip(BASE, K_SAT)]
K_CYT = math.log(2) / V["cytokine_half_life"]
K_T = math.log(2) / V["t_cell_half_life"]
K_MAC = math.log(2) / V["macrophage_half_life"]
LAMBDA = [V["rankl_per_tnf"], V["rankl_per_il6"], V["rankl_per_il1"]]
K_POOL_FILL = math.log(2) / V["oc_precursor_pool_half_life"]
K_POOL_DRAIN = math.log(2) / V["oc_precursor_pool_drain_half_life"]
POOL_CAPACITY = V["oc_precursor_pool_capacity"]
CASCADE_SHARE = V.get("tnf_cascade_share", 0.0)
K_PTH_ADAPT = math.log(2) / V["pth_adaptation_half_life"]
K_MODEL = math.log(2) / V["modelling_half_life"]
K_WNT_FB = math.log(2) / V["wnt_feedback_half_life"]
K_GC_ADAPT = math.log(2) / V["gc_resorption_adaptation_half_life"]


def pth_occupancy(pth):
    pth = max(pth, 0.0)
    return pth / (CORE["KD4"] + pth)


HEALTHY_OCCUPANCY = pth_occupancy(CORE["betaPTH"] / CORE["DtPTH"])


def smoothstep(x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    return x * x * (3 - 2 * x)


def expression(c, t, ramp):
    """Fraction 0-1 of a condition's full expression at time t (smooth onset and resolution)."""
    on = smoothstep((t - c["onset"]) / ramp) if ramp > 0 else (1.0 if t >= c["onset"] else 0.0)
    if c["resolves"] is None:
        off = 0.0
    else:
        off = smoothstep((t - c["resolves"]) / ramp) if ramp > 0 else (1.0 if t >= c["resolves"] else 0.0)
    return max(on - off, 0.0)


def menopause_rankl(t):
    m = MENOPAUSE
    dt = t - m["finalPeriod"]
    if dt < 0:
        return V["menopause_rankl_amplitude"] * (smoothstep(1 + dt / m["lead"]) if m["lead"] > 0 else 0.0)
    x = dt / V["menopause_tau"]
    xi2 = V["menopause_xi"] ** 2
    p = V["menopause_persistent_fraction"]
    return V["menopause_rankl_amplitude"] * (p + (1 - p) * xi2 / (xi2 + x * x))


def senescence_deficit(activity, age):
    return min(0.9, activity * (V["aging_formation_deficit"] + V["aging_deficit_per_year"] * max(age - V["aging_onset_age"], 0.0)))


def oc_activation(rankl):
    rr = CORE["KA2"] * rankl * CORE["RANK"]
    return rr / (CORE["KD8"] + rr)


def core_rhs(obp, oba, oca, h):
    """Pivonka et al. 2008 core with the hooks of conditions and drugs: (dOBp, dOBa, dOCa, rankl, opg)."""
    p = CORE
    tgfb = p["alpha"] * p["kres"] * oca / p["DtTGFb"]
    pi_act_obu = tgfb / (p["KD1"] + tgfb)
    pi_rep_obp = p["KD2"] / (p["KD2"] + tgfb)
    pi_act_oca = tgfb / (p["KD3"] + tgfb)
    pth = h["fPth"] * ((p["betaPTH"] + h["pPth"]) / p["DtPTH"] + h["pthDrug"])
    pi_act_pth = pth / (p["KD4"] + pth)
    pi_rep_pth = p["KD5"] / (p["KD5"] + pth)
    p_opg_endo = h["fOpgProd"] * p["betaOPG"] * oba * pi_rep_pth
    opg = h["fOpg"] * (p_opg_endo + h["pOpg"]) * p["OPGmax"] / (p_opg_endo + p["DtOPG"] * p["OPGmax"])
    rankl_eff = p["R1"] * obp * pi_act_pth
    rankl = (rankl_eff / (1 + p["KA1"] * opg + p["KA2"] * p["RANK"] + h["ranklBinding"])
             * (p["betaRANKL"] + h["pRankl"]) / (p["betaRANKL"] + p["DtRANKL"] * rankl_eff))
    pi_act_ocp = h["fOCpAct"] * oc_activation(rankl)
    ob_diff = p["DOBp"] * h["fOBdiff"] * pi_rep_obp * obp
    d_obp = p["DOBu"] * h["fOBrecruit"] * pi_act_obu + h["sOBp"] - ob_diff
    d_oba = ob_diff - p["AOBa"] * h["fOBapop"] * oba
    d_oca = p["DOCp"] * h["fOCdiff"] * pi_act_ocp - p["AOCa"] * h["fOCapop"] * pi_act_oca * oca
    return d_obp, d_oba, d_oca, rankl, opg, pth


def healthy_activation():
    neutral = {"pRankl": 0.0, "pOpg": 0.0, "pPth": 0.0, "fOBdiff": 1.0, "fOBapop": 1.0, "fOCdiff": 1.0, "fOCapop": 1.0,
               "fOBrecruit": 1.0, "sOBp": 0.0, "fOCpAct": 1.0, "ranklBinding": 0.0, "fPth": 1.0, "fOpg": 1.0,
               "pthDrug": 0.0, "fOpgProd": 1.0}
    return oc_activation(core_rhs(HEALTHY["OBp"], HEALTHY["OBa"], HEALTHY["OCa"], neutral)[3])


HEALTHY_ACTIVATION = healthy_activation()
RECRUITMENT_FLUX = CORE["DOBu"] * (HEALTHY["OCa"] / (CORE["KD1"] * CORE["DtTGFb"] / (CORE["alpha"] * CORE["kres"]) + HEALTHY["OCa"]))


def local_tissue_concentration(d, c, y):
    """Released drug in local site c's tissue (mg/L, on top of plasma); 0 for the systemic compartment (section 1.8)."""
    if c <= 0 or not d["localTissue"]:
        return 0.0
    return max(y[d["localTissue"][c - 1]], 0.0) / d["localVolume"]


def drug_effects(y, c):
    """Pharmacodynamics (model.md section 7): the multipliers and rates one compartment feels."""
    e = {"neutralized": [1.0, 1.0, 1.0], "blocked": [1.0, 1.0, 1.0], "jak": 1.0, "nfkb": 1.0, "suppression": 1.0,
         "tCells": 1.0, "m1": 1.0, "polarization": 1.0, "glucocorticoidFree": 1.0, "boneBoundApoptosis": 0.0,
         "ocApoptosis": 1.0, "obApoptosis": 1.0, "anabolic": 1.0, "obRecruitment": 1.0, "ocDifferentiation": 1.0,
         "precursorSupply": 0.0, "ranklBinding": 0.0, "opg": 1.0, "pth": 1.0, "pthSupply": 0.0, "sclerostin": 1.0}
    for i, d in enumerate(DRUGS):
        x = EXPOSURES[c][i]
        site = d["effect"] if d["effect"] >= 0 else d["central"]
        conc = max(y[site], 0.0) / d["volume"] * x + local_tissue_concentration(d, c, y)
        bound = (max(y[d["bone"]], 0.0) if d["bone"] >= 0 else 0.0) * x
        E = d["emax"] * conc / (conc + d["ic50"])
        for a in d["actions"]:
            kind = a["kind"]
            if kind == "multiply_one_minus":
                if a.get("index") is not None:
                    e[a["field"]][a["index"]] *= 1 - E
                else:
                    e[a["field"]] *= 1 - E
            elif kind == "multiply_one_plus":
                e[a["field"]] *= 1 + a["gain"] * E
            elif kind == "add_effect":
                e[a["field"]] += a["gain"] * E
            elif kind == "rankl_binding":
                e["ranklBinding"] += a["k"] * conc
            elif kind == "pth_supply":
                e["pthSupply"] += a["k"] * conc
            elif kind == "bone_bound_apoptosis":
                e["boneBoundApoptosis"] += a["gain"] * bound / (bound + a["ec50"])
            elif kind == "glucocorticoid":
                e["glucocorticoidFree"] *= 1 - conc / (conc + a["ic50"])
            else:
                raise ValueError("unknown drug action " + kind)
    return e


def signalling(conc, k, factor, u0):
    cc = max(conc, 0.0)
    return max(0.0, factor * cc / (cc + k) - u0)


def evaluate(t, y, dydt, include_infusions=True):
    """The right-hand side; returns (rankl, opg) per compartment (systemic first) for reporting."""
    ramp = V["condition_ramp_days"]
    expr = [expression(c, t, ramp) for c in CONDITIONS]
    pmo = menopause_rankl(t) if MENOPAUSE is not None else 0.0
    inf_rankl = inf_opg = inf_pth = 0.0
    if include_infusions:
        for inf in INFUSIONS:
            if t < inf["fromDays"] or t >= inf["untilDays"]:
                continue
            if inf["mediator"] == "RANKL":
                inf_rankl += inf["ratePMPerDay"]
            elif inf["mediator"] == "OPG":
                inf_opg += inf["ratePMPerDay"]
            else:
                inf_pth += inf["ratePMPerDay"]
    mediators = []
    for c in range(NC):
        o = c * COMPARTMENT_SIZE
        e = drug_effects(y, c)
        ex0 = ex1 = ex2 = t_ex = m1_ex = m2_ex = deficit = 0.0
        gc_free = e["glucocorticoidFree"]
        for k, cond in enumerate(CONDITIONS):
            w = cond["weights"][c]
            if w == 0 or expr[k] == 0:
                continue
            a = cond["activity"] * expr[k]
            ai = a * w * e["suppression"] * (1 - V["jak_inflammation_fraction"] * (1 - e["jak"]))
            ex0 += ai * cond["cytokineExcess"][0]
            ex1 += ai * cond["cytokineExcess"][1]
            ex2 += ai * cond["cytokineExcess"][2]
            t_ex += ai * cond["tExcess"]
            m1_ex += ai * cond["m1Excess"]
            m2_ex += ai * cond["m2Excess"]
            if cond["senescence"]:
                deficit = max(deficit, senescence_deficit(a, AGE0 + t / DAYS_PER_YEAR))
            if cond["glucocorticoid"]:
                gc_free *= 1 - min(a, 1.0)
        m1_drive = max(0.0, 1 + m1_ex)
        m1_target = m1_drive * e["m1"] * e["polarization"]
        m2_target = max(0.0, 1 + m2_ex + m1_drive * e["m1"] * (1 - e["polarization"]))
        cascade = 1 - CASCADE_SHARE * (1 - e["neutralized"][0] * e["blocked"][0])
        t_target = max(0.0, 1 + t_ex * cascade) * e["tCells"]
        m1 = y[o + M1]
        dydt[o + TCELL] = K_T * (t_target - y[o + TCELL])
        dydt[o + M1] = K_MAC * (m1_target - m1)
        dydt[o + M2] = K_MAC * (m2_target - y[o + M2])
        share = V["m1_cytokine_share"]
        m1_mult = max(0.0, 1 - share + share * min(m1 / m1_drive if m1_drive > 0 else 1.0, 2.0))
        nfkb_cyt = 1 - V["nf_kb_cytokine_fraction"] * (1 - e["nfkb"])
        dydt[o + TNF] = K_CYT * (BASE[0] * max(0.0, 1 + ex0 * m1_mult) * e["neutralized"][0] * nfkb_cyt - y[o + TNF])
        dydt[o + IL6] = K_CYT * (BASE[1] * max(0.0, 1 + ex1 * cascade) * e["neutralized"][1] * nfkb_cyt - y[o + IL6])
        dydt[o + IL1] = K_CYT * (BASE[2] * max(0.0, 1 + ex2 * m1_mult * cascade) * e["neutralized"][2] * nfkb_cyt - y[o + IL1])
        du0 = signalling(y[o + TNF], K_SAT[0], e["blocked"][0], U0[0])
        du1 = signalling(y[o + IL6], K_SAT[1], e["blocked"][1] * e["jak"], U0[1])
        du2 = signalling(y[o + IL1], K_SAT[2], e["blocked"][2], U0[2])
        t_rankl = max(0.0, y[o + TCELL] - 1) * (1 - V["jak_t_cell_fraction"] * (1 - e["jak"]))
        gc_occ = 1 - gc_free
        gc_resorption = max(0.0, gc_occ - y[o + GCADAPT])
        dydt[o + GCADAPT] = K_GC_ADAPT * (gc_occ - y[o + GCADAPT])
        h = {
            "pRankl": CORE["betaRANKL"] * (LAMBDA[0] * du0 + LAMBDA[1] * du1 + LAMBDA[2] * du2
                                           + V["rankl_per_t_cell"] * t_rankl + V["gc_rankl_gain"] * gc_resorption) + pmo + inf_rankl,
            "pOpg": inf_opg,
            "pPth": inf_pth,
            "fOBdiff": e["anabolic"] / ((1 + V["ob_suppression_by_tnf"] * du0 + V["ob_suppression_by_il1"] * du2)
                                        * (1 + V["gc_ob_differentiation_suppression"] * gc_occ)),
            "fOBapop": (1 + V["gc_ob_apoptosis_gain"] * gc_occ) * e["obApoptosis"] / (1 - deficit),
            "fOCdiff": ((1 + V["oc_priming_by_tnf"] * du0 + V["oc_priming_by_il1"] * du2) * e["ocDifferentiation"] * max(y[o + OCP], 0.0)
                        / (1 + V["gc_oc_suppression"] * max(y[o + GCADAPT], 0.0))),
            "fOCapop": (1 + e["boneBoundApoptosis"]) * e["ocApoptosis"],
            "fOBrecruit": max(0.0, 1 + V["m2_ob_recruitment_gain"] * (y[o + M2] - 1)) * e["obRecruitment"] / (1 + V["ob_suppression_by_il6"] * du1),
            "sOBp": e["precursorSupply"] * RECRUITMENT_FLUX,
            "fOCpAct": e["nfkb"],
            "ranklBinding": e["ranklBinding"],
            "fOpg": e["opg"],
            "fPth": e["pth"],
            "pthDrug": e["pthSupply"],
            "fOpgProd": 1 + V["wnt_opg_gain"] * (1 - e["sclerostin"]),
        }
        d_obp, d_oba, d_oca, rankl, opg, pth = core_rhs(y[o + OBP], y[o + OBA], y[o + OCA], h)
        dydt[o + OBP] = d_obp
        dydt[o + OBA] = d_oba
        dydt[o + OCA] = d_oca
        # Osteoclast-precursor pool: relaxes to a level that rises while differentiation demand is below normal.
        pool = y[o + OCP]
        priming = h["fOCdiff"] / pool if pool > 0 else 1.0
        demand = priming * h["fOCpAct"] * oc_activation(rankl) / HEALTHY_ACTIVATION
        gap = 1 + POOL_CAPACITY * max(0.0, 1 - demand) - pool
        dydt[o + OCP] = (K_POOL_FILL if gap > 0 else K_POOL_DRAIN) * gap
        # Anabolic window: PTH-receptor bursts above the adapted level and freed Wnt signalling drive modelling.
        occupancy = pth_occupancy(pth)
        burst = max(0.0, occupancy - y[o + PTHR]) / HEALTHY_OCCUPANCY
        wnt = 1 - e["sclerostin"]
        wnt_drive = max(0.0, wnt - V["wnt_feedback_strength"] * y[o + WNTFB])
        dydt[o + PTHR] = K_PTH_ADAPT * (occupancy - y[o + PTHR])
        dydt[o + WNTFB] = K_WNT_FB * (wnt - y[o + WNTFB])
        dydt[o + MODEL_FORMATION] = K_MODEL * (V["pth_modelling_gain"] * burst + V["wnt_modelling_gain"] * wnt_drive - y[o + MODEL_FORMATION])
        mediators.append((rankl, opg))
    for s in SITES:
        o = s["compartment"] * COMPARTMENT_SIZE
        r_ob = max(y[o + OBA], 0.0) / HEALTHY["OBa"]
        r_oc = max(y[o + OCA], 0.0) / HEALTHY["OCa"]
        # BMD = slow indirect response + remodelling space (fast; opens with resorption, refills within months).
        d_space = s["kSpace"] * (-s["spaceWeight"] * (r_oc - 1) / s["start"] - y[s["space"]])
        dydt[s["space"]] = d_space
        modelling = max(y[o + MODEL_FORMATION], 0.0)
        dydt[s["state"]] = (s["kout"] * (r_ob ** s["gob"] / s["start"] - r_oc ** s["goc"] * (y[s["state"]] - y[s["space"]]))
                           + s["modellingRate"] * modelling / s["start"] + d_space)
    if ALVEOLAR_HEIGHT >= 0:
        o = ALVEOLAR_COMPARTMENT * COMPARTMENT_SIZE
        dydt[ALVEOLAR_HEIGHT] = V["alveolar_height_loss_rate"] * (y[o + OCA] / HEALTHY["OCa"] - y[o + OBA] / HEALTHY["OBa"])
    # Bisphosphonate in bone: buried by systemic formation, released into plasma by systemic resorption.
    formation = max(y[OBA], 0.0) / HEALTHY["OBa"]
    resorption = max(y[OCA], 0.0) / HEALTHY["OCa"]
    for d in DRUGS:
        ac = y[d["central"]]
        conc = max(ac, 0.0) / d["volume"]
        dc = -d["kel"] * ac - d["kBone"] * ac - d["vmax"] * conc / (d["km"] + conc)
        if d["depot"] >= 0:
            absorption = d["ka"] * y[d["depot"]]
            dydt[d["depot"]] = -absorption
            dc += absorption
        if d["peripheral"] >= 0:
            flux = d["q"] * (conc - y[d["peripheral"]] / d["peripheralVolume"])
            dydt[d["peripheral"]] = flux
            dc -= flux
        if d["bone"] >= 0:
            burial = d["kBury"] * formation * y[d["bone"]]
            release = d["kBoneOut"] * resorption * y[d["buried"]]
            dydt[d["bone"]] = d["kBone"] * ac - burial
            dydt[d["buried"]] = burial - release
            dc += release
        if d["effect"] >= 0:
            dydt[d["effect"]] = d["keo"] * (ac - y[d["effect"]])
        for dep, tissue in zip(d["localDepots"], d["localTissue"]):
            released = d["kRelease"] * y[dep]
            drained = d["kDrain"] * y[tissue]
            dydt[dep] = -released
            dydt[tissue] = released - drained
            dc += drained
        dydt[d["central"]] = dc
    return mediators


def rhs(t, y):
    dydt = np.zeros(len(y))
    evaluate(t, y, dydt)
    return dydt


STATS = {"steps": 0, "rhsEvaluations": 0, "jacobianEvaluations": 0, "decompositions": 0}
SOLVERS = {"Radau": Radau, "LSODA": LSODA, "BDF": BDF}


def counting(base):
    """The SciPy method with its internal steps counted (solve_ivp reports evaluations, not steps)."""
    class Counting(base):
        def _step_impl(self):
            STATS["steps"] += 1
            return super()._step_impl()
    return Counting


def integrate(method, rtol, atol):
    """Piecewise between dose events and restart points; an output at an event time records the state after it."""
    times = MODEL["sampleTimes"]
    t_end = times[-1]
    events = sorted(MODEL["events"], key=lambda ev: ev["time"])
    y = np.array(MODEL["y0"], dtype=float)
    states = [None] * len(times)
    t = times[0]
    next_event = 0
    next_output = 0
    started = time.perf_counter()
    while True:
        while next_event < len(events) and events[next_event]["time"] <= t:
            for state, amount in events[next_event]["add"]:
                y[state] += amount
            next_event += 1
        while next_output < len(times) and times[next_output] <= t:
            states[next_output] = y.copy()
            next_output += 1
        if t >= t_end:
            break
        segment_end = events[next_event]["time"] if next_event < len(events) else t_end
        inside = [k for k in range(next_output, len(times)) if times[k] < segment_end]
        sol = solve_ivp(rhs, (t, segment_end), y, method=counting(SOLVERS[method]), rtol=rtol, atol=atol,
                        t_eval=[times[k] for k in inside] + [segment_end])
        if not sol.success:
            raise RuntimeError("solve_ivp failed at t = %g days: %s" % (t, sol.message))
        STATS["rhsEvaluations"] += int(sol.nfev)
        STATS["jacobianEvaluations"] += int(sol.njev)
        STATS["decompositions"] += int(sol.nlu)
        for j, k in enumerate(inside):
            states[k] = sol.y[:, j].copy()
        next_output += len(inside)
        y = sol.y[:, -1].copy()
        t = segment_end
    return np.array(times), states, time.perf_counter() - started


def series_of(times, states):
    y0 = MODEL["y0"]
    out = {}
    for s in SITES:
        out["bmd." + s["site"]] = [(y[s["state"]] - 1) * 100 for y in states]
    if ALVEOLAR_HEIGHT >= 0:
        out["alveolar_height_loss_mm"] = [y[ALVEOLAR_HEIGHT] for y in states]
    out["osteoclasts"] = [100 * y[OCA] / y0[OCA] for y in states]
    out["osteoblasts"] = [100 * (y[OBA] + max(y[MODEL_FORMATION], 0.0) * HEALTHY["OBa"]) / y0[OBA] for y in states]
    out["osteoblast_precursors"] = [100 * y[OBP] / y0[OBP] for y in states]
    mediators = []
    scratch = np.zeros(len(y0))
    for t, y in zip(times, states):
        mediators.append(evaluate(float(t), y, scratch))
    out["rankl"] = [m[0][0] for m in mediators]
    out["opg"] = [m[0][1] for m in mediators]
    out["rankl_opg_ratio"] = [m[0][0] / m[0][1] for m in mediators]
    out["TNF_alpha"] = [y[TNF] for y in states]
    out["IL_6"] = [y[IL6] for y in states]
    out["IL_1"] = [y[IL1] for y in states]
    for i, d in enumerate(DRUGS):
        out["drug." + d["name"]] = [max(y[d["central"]], 0.0) / d["volume"] * EXPOSURES[0][i] for y in states]
    # Local sites: their own cells, cytokines, mediators and drug exposure.
    for c in range(1, NC):
        o = c * COMPARTMENT_SIZE
        at = "@" + MODEL["compartments"][c]
        out["osteoclasts" + at] = [100 * y[o + OCA] / y0[o + OCA] for y in states]
        out["osteoblasts" + at] = [100 * y[o + OBA] / y0[o + OBA] for y in states]
        out["osteoblast_precursors" + at] = [100 * y[o + OBP] / y0[o + OBP] for y in states]
        out["rankl" + at] = [m[c][0] for m in mediators]
        out["opg" + at] = [m[c][1] for m in mediators]
        out["rankl_opg_ratio" + at] = [m[c][0] / m[c][1] for m in mediators]
        out["TNF_alpha" + at] = [y[o + TNF] for y in states]
        out["IL_6" + at] = [y[o + IL6] for y in states]
        out["IL_1" + at] = [y[o + IL1] for y in states]
        for i, d in enumerate(DRUGS):
            out["drug." + d["name"] + at] = [max(y[d["central"]], 0.0) / d["volume"] * EXPOSURES[c][i]
                                             + local_tissue_concentration(d, c, y) for y in states]
    return {k: [float(v) for v in vals] for k, vals in out.items()}


def main():
    parser = argparse.ArgumentParser(description="Integrate the exported Osteo arm with scipy.integrate.solve_ivp.")
    parser.add_argument("--method", default="LSODA", choices=["Radau", "LSODA", "BDF"])
    parser.add_argument("--rtol", type=float, default=1e-6)
    parser.add_argument("--atol", type=float, default=None,
                        help="one absolute tolerance for every state (default: the per-state tolerances osteo uses)")
    args = parser.parse_args()
    if not args.rtol > 0:
        parser.error("--rtol must be positive")
    if args.atol is not None and not args.atol > 0:
        parser.error("--atol must be positive")
    atol = args.atol if args.atol is not None else np.array(MODEL["atol"])
    try:
        times, states, seconds = integrate(args.method, args.rtol, atol)
    except RuntimeError as error:
        print("error: " + str(error), file=sys.stderr)
        return 3
    json.dump({"time": [float(t) for t in times], "series": series_of(times, states), "solveSeconds": seconds, "stats": STATS}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
