/**
 * The bone-cell core of Pivonka et al. 2008 (model.md §1), exactly as published, with the hooks
 * through which conditions and drugs act (all neutral at their defaults).
 */
import { ModelInputError, type ParameterValues } from './parameters.js';

export interface CoreParameters {
    readonly DOBu: number; readonly DOBp: number; readonly AOBa: number; readonly DOCp: number; readonly AOCa: number;
    readonly KD1: number; readonly KD2: number; readonly KD3: number; readonly KD4: number; readonly KD5: number; readonly KD8: number;
    readonly betaPTH: number; readonly DtPTH: number; readonly betaOPG: number; readonly OPGmax: number; readonly DtOPG: number;
    readonly R1: number; readonly betaRANKL: number; readonly DtRANKL: number; readonly KA1: number; readonly KA2: number;
    readonly RANK: number; readonly alpha: number; readonly kres: number; readonly DtTGFb: number;
}

export function coreParameters(v: ParameterValues): CoreParameters {
    return {
        DOBu: v.ob_precursor_recruitment, DOBp: v.ob_differentiation, AOBa: v.ob_apoptosis, DOCp: v.oc_differentiation, AOCa: v.oc_apoptosis,
        KD1: v.tgfb_ob_activation_kd, KD2: v.tgfb_ob_repression_kd, KD3: v.tgfb_oc_apoptosis_kd, KD4: v.pth_activation_kd,
        KD5: v.pth_repression_kd, KD8: v.rank_oc_activation_kd, betaPTH: v.pth_production, DtPTH: v.pth_degradation,
        betaOPG: v.opg_production_per_osteoblast, OPGmax: v.opg_max, DtOPG: v.opg_degradation, R1: v.rankl_max_per_precursor,
        betaRANKL: v.rankl_production, DtRANKL: v.rankl_degradation, KA1: v.opg_rankl_affinity, KA2: v.rank_rankl_affinity,
        RANK: v.rank_concentration, alpha: v.tgfb_content, kres: v.resorption_rate, DtTGFb: v.tgfb_degradation
    };
}

/** Inputs of one core at one instant. Multipliers are 1 and rates 0 when nothing acts. */
export interface CoreHooks {
    /** Extra RANKL production P_RANKL,d (pM/day). */
    pRankl: number;
    /** Exogenous OPG P_OPG,d (pM/day). */
    pOpg: number;
    /** Exogenous PTH P_PTH,d (pM/day). */
    pPth: number;
    fOBdiff: number;
    fOBapop: number;
    fOCdiff: number;
    fOCapop: number;
    /** Multiplies D_OBu (M2 macrophages support precursor recruitment). */
    fOBrecruit: number;
    /** Extra osteoblast-precursor source S_OBp (pM/day). */
    sOBp: number;
    /** Multiplies pi_act,OCp (NF-κB inhibition). */
    fOCpAct: number;
    /** Extra term of the RANKL denominator: chi · K_a · C_binder (pM). */
    ranklBinding: number;
    /** Multiply the effective PTH and OPG levels (binders of those mediators). */
    fPth: number;
    fOpg: number;
    /** PTH supplied by a drug (teriparatide), added to the PTH level (pM). */
    pthDrug: number;
    /** Multiplies the osteoblasts' own OPG production (Wnt signalling raises it). */
    fOpgProd: number;
}

export function neutralHooks(): CoreHooks {
    return { pRankl: 0, pOpg: 0, pPth: 0, fOBdiff: 1, fOBapop: 1, fOCdiff: 1, fOCapop: 1, fOBrecruit: 1, sOBp: 0, fOCpAct: 1, ranklBinding: 0, fPth: 1, fOpg: 1, pthDrug: 0, fOpgProd: 1 };
}

export function resetHooks(h: CoreHooks): void {
    h.pRankl = 0; h.pOpg = 0; h.pPth = 0; h.fOBdiff = 1; h.fOBapop = 1; h.fOCdiff = 1; h.fOCapop = 1;
    h.fOBrecruit = 1; h.sOBp = 0; h.fOCpAct = 1; h.ranklBinding = 0; h.fPth = 1; h.fOpg = 1; h.pthDrug = 0; h.fOpgProd = 1;
}

/** Mediator levels of one core (pM), for reporting. */
export interface CoreMediators { rankl: number; opg: number; pth: number; tgfb: number }

/**
 * Right-hand side of the core: writes dOBp, dOBa, dOCa at `out[at..at+2]`; fills `mediators` when given.
 */
export function coreRhs(p: CoreParameters, obp: number, oba: number, oca: number, h: CoreHooks, out: Float64Array, at: number, mediators?: CoreMediators): void {
    const tgfb = p.alpha * p.kres * oca / p.DtTGFb;
    const piActOBu = tgfb / (p.KD1 + tgfb);
    const piRepOBp = p.KD2 / (p.KD2 + tgfb);
    const piActOCa = tgfb / (p.KD3 + tgfb);
    const pth = h.fPth * ((p.betaPTH + h.pPth) / p.DtPTH + h.pthDrug);
    const piActPTH = pth / (p.KD4 + pth);
    const piRepPTH = p.KD5 / (p.KD5 + pth);
    const pOpgEndo = h.fOpgProd * p.betaOPG * oba * piRepPTH;
    const opg = h.fOpg * (pOpgEndo + h.pOpg) * p.OPGmax / (pOpgEndo + p.DtOPG * p.OPGmax);
    const ranklEff = p.R1 * obp * piActPTH;
    const rankl = ranklEff / (1 + p.KA1 * opg + p.KA2 * p.RANK + h.ranklBinding)
        * (p.betaRANKL + h.pRankl) / (p.betaRANKL + p.DtRANKL * ranklEff);
    const piActOCp = h.fOCpAct * ocActivation(p, rankl);
    const obDiff = p.DOBp * h.fOBdiff * piRepOBp * obp;
    out[at] = p.DOBu * h.fOBrecruit * piActOBu + h.sOBp - obDiff;
    out[at + 1] = obDiff - p.AOBa * h.fOBapop * oba;
    out[at + 2] = p.DOCp * h.fOCdiff * piActOCp - p.AOCa * h.fOCapop * piActOCa * oca;
    if (mediators) {
        mediators.rankl = rankl; mediators.opg = opg; mediators.pth = pth; mediators.tgfb = tgfb;
    }
}

/** pi_act,OCp: activation of osteoclast precursors by the RANKL–RANK complex. */
export function ocActivation(p: CoreParameters, rankl: number): number {
    const ranklRank = p.KA2 * rankl * p.RANK;
    return ranklRank / (p.KD8 + ranklRank);
}

export interface CoreSteadyState { readonly OBp: number; readonly OBa: number; readonly OCa: number }

/**
 * Steady state of the core (with no inputs unless `hooks` are given), by damped Newton in log coordinates (the states span
 * orders of magnitude and must stay positive). Starts from a guess that knows nothing of the
 * published values, so it also finds the steady state after `set` changes core parameters.
 */
export function solveCoreSteadyState(p: CoreParameters, hooks: CoreHooks = neutralHooks(), start?: CoreSteadyState): CoreSteadyState {
    const f = new Float64Array(3);
    const fp = new Float64Array(3);
    let x = start ? [Math.log(start.OBp), Math.log(start.OBa), Math.log(start.OCa)] : [Math.log(1e-3), Math.log(1e-3), Math.log(1e-3)];
    const residual = (lx: number[], out: Float64Array) => {
        coreRhs(p, Math.exp(lx[0]), Math.exp(lx[1]), Math.exp(lx[2]), hooks, out, 0);
        // Scale each equation by its outflow so residuals are relative.
        out[0] /= p.DOBp * Math.exp(lx[0]);
        out[1] /= p.AOBa * Math.exp(lx[1]);
        out[2] /= p.AOCa * Math.exp(lx[2]);
    };
    const norm = (v: Float64Array) => Math.hypot(v[0], v[1], v[2]);
    for (let iter = 0; iter < 200; iter++) {
        residual(x, f);
        const r = norm(f);
        if (r < 1e-13) return { OBp: Math.exp(x[0]), OBa: Math.exp(x[1]), OCa: Math.exp(x[2]) };
        const J: number[][] = [[], [], []];
        for (let j = 0; j < 3; j++) {
            const xh = x.slice();
            xh[j] += 1e-7;
            residual(xh, fp);
            for (let i = 0; i < 3; i++) J[i][j] = (fp[i] - f[i]) / 1e-7;
        }
        const dx = solve3(J, [-f[0], -f[1], -f[2]]);
        if (!dx) break;
        let lambda = 1;
        const maxStep = Math.max(Math.abs(dx[0]), Math.abs(dx[1]), Math.abs(dx[2]));
        if (maxStep > 2) lambda = 2 / maxStep;
        for (let k = 0; k < 30; k++) {
            const trial = x.map((xi, i) => xi + lambda * dx[i]);
            residual(trial, fp);
            if (norm(fp) < r || lambda < 1e-6) { x = trial; break; }
            lambda /= 2;
        }
    }
    throw new ModelInputError('the bone-cell core has no steady state with these parameter values (Newton did not converge)');
}

function solve3(A: number[][], b: number[]): number[] | undefined {
    const m = A.map((r, i) => [...r, b[i]]);
    for (let c = 0; c < 3; c++) {
        let piv = c;
        for (let r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
        if (Math.abs(m[piv][c]) < 1e-300) return undefined;
        [m[c], m[piv]] = [m[piv], m[c]];
        for (let r = c + 1; r < 3; r++) {
            const k = m[r][c] / m[c][c];
            for (let j = c; j < 4; j++) m[r][j] -= k * m[c][j];
        }
    }
    const x = [0, 0, 0];
    for (let r = 2; r >= 0; r--) {
        let s = m[r][3];
        for (let j = r + 1; j < 3; j++) s -= m[r][j] * x[j];
        x[r] = s / m[r][r];
    }
    return x;
}
