/**
 * Pharmacodynamics per mechanism verb (model.md §7): each drug's concentration, as seen by a
 * compartment, becomes multipliers and rates that the inflammation and core hooks read.
 * E = emax · C / (C + ic50); several drugs on one target combine as independent actions.
 */
import type { DrugDescription } from '../model-description.js';
import { ModelInputError, type ParameterValues } from './parameters.js';
import { boneBound, effectConcentration, localTissueConcentration, type DrugPk } from './pharmacokinetics.js';
import { CYTOKINES } from './conditions.js';

/** Effects felt by one compartment; `resetEffects` restores the no-drug values. */
export interface CompartmentEffects {
    /** Multipliers of each cytokine's level (neutralizes) and of its signalling (blocks), CYTOKINES order. */
    readonly neutralized: Float64Array;
    readonly blocked: Float64Array;
    /** Remaining fraction (1 − E) after JAK-STAT, NF-κB inhibition and inflammation suppression. */
    jak: number;
    nfkb: number;
    suppression: number;
    /** Multipliers of T-cell and M1 targets (kills), and M1 → M2 polarisation remaining fraction. */
    tCells: number;
    m1: number;
    polarization: number;
    /** Product of (1 − glucocorticoid occupancy) over glucocorticoid drugs. */
    glucocorticoidFree: number;
    /** Additive rise of osteoclast apoptosis from bone-bound bisphosphonates. */
    boneBoundApoptosis: number;
    ocApoptosis: number;
    obApoptosis: number;
    anabolic: number;
    obRecruitment: number;
    ocDifferentiation: number;
    /** Osteoblast-precursor supply as a multiple of the healthy recruitment flux. */
    precursorSupply: number;
    /** chi · K_a · C_binder (pM) for the RANKL denominator. */
    ranklBinding: number;
    opg: number;
    pth: number;
    /** PTH supplied by drugs (teriparatide), pM. */
    pthSupply: number;
    /** Remaining fraction of free sclerostin (1 − E of its binders). */
    sclerostin: number;
}

export function newEffects(): CompartmentEffects {
    const e = { neutralized: new Float64Array(3), blocked: new Float64Array(3) } as CompartmentEffects;
    resetEffects(e);
    return e;
}

export function resetEffects(e: CompartmentEffects): void {
    e.neutralized.fill(1); e.blocked.fill(1);
    e.jak = 1; e.nfkb = 1; e.suppression = 1; e.tCells = 1; e.m1 = 1; e.polarization = 1; e.glucocorticoidFree = 1;
    e.boneBoundApoptosis = 0; e.ocApoptosis = 1; e.obApoptosis = 1; e.anabolic = 1; e.obRecruitment = 1; e.ocDifferentiation = 1;
    e.precursorSupply = 0; e.ranklBinding = 0; e.opg = 1; e.pth = 1; e.pthSupply = 0; e.sclerostin = 1;
}

type Action = (e: CompartmentEffects, effect: number, conc: number, bound: number) => void;

export interface DrugAction {
    readonly pk: DrugPk;
    readonly emax: number;
    readonly ic50: number;
    readonly actions: readonly Action[];
}

/** Compiles each drug's mechanisms into actions on CompartmentEffects. */
export function planPharmacodynamics(plans: readonly DrugPk[], v: ParameterValues): DrugAction[] {
    return plans.map(pk => {
        const d = pk.drug;
        const actions = d.mechanisms.map(m => actionFor(d, m.verb, m.target, pk, v));
        if (d.drugClass === 'glucocorticoid') {
            const ic50 = d.pd.ic50 ?? v.default_ic50;
            actions.push((e, _E, c) => { e.glucocorticoidFree *= 1 - c / (c + ic50); });
        }
        return { pk, emax: clamp01(d.pd.emax), ic50: d.pd.ic50 ?? v.default_ic50, actions };
    });
}

function actionFor(d: DrugDescription, verb: string, target: string, pk: DrugPk, v: ParameterValues): Action {
    const cyt = CYTOKINES.indexOf(target as never);
    switch (verb) {
        case 'neutralizes':
            if (cyt >= 0) return (e, E) => { e.neutralized[cyt] *= 1 - E; };
            break;
        case 'blocks':
            if (cyt >= 0) return (e, E) => { e.blocked[cyt] *= 1 - E; };
            break;
        case 'inhibits':
            if (target === 'JAK_STAT') return (e, E) => { e.jak *= 1 - E; };
            if (target === 'NF_kB') return (e, E) => { e.nfkb *= 1 - E; };
            break;
        case 'binds':
            if (target === 'RANKL') {
                // mg/L → pM: C · 1e6 / (molar mass in kDa).
                const toPm = 1e6 / (d.pk.molarMassKDa ?? v.antibody_molar_mass);
                const k = v.rankl_binding_chi * v.rankl_binding_affinity * toPm;
                return (e, _E, c) => { e.ranklBinding += k * c; };
            }
            if (target === 'OPG') return (e, E) => { e.opg *= 1 - E; };
            if (target === 'PTH') return (e, E) => { e.pth *= 1 - E; };
            // Anti-sclerostin antibodies (romosozumab) free Wnt signalling (docs/model.md §1.9).
            if (target === 'sclerostin') return (e, E) => { e.sclerostin *= 1 - E; };
            break;
        case 'kills':
            if (target === 'osteoclasts') {
                if (pk.bone >= 0) {
                    const gain = v.bisphosphonate_apoptosis_gain * clamp01(d.pd.emax);
                    const ec50 = d.pd.ic50 ?? v.default_ic50;
                    return (e, _E, _c, b) => { e.boneBoundApoptosis += gain * b / (b + ec50); };
                }
                return (e, E) => { e.ocApoptosis *= 1 + v.bisphosphonate_apoptosis_gain * E; };
            }
            if (target === 'osteoblasts' || target === 'osteoblast_precursors') return (e, E) => { e.obApoptosis *= 1 + E; };
            if (target === 'T_cells') return (e, E) => { e.tCells *= 1 - E; };
            if (target === 'macrophage_M1') return (e, E) => { e.m1 *= 1 - E; };
            break;
        case 'suppresses':
            return (e, E) => { e.suppression *= 1 - E; };
        case 'stimulates':
            if (target === 'osteoblasts') return (e, E) => { e.anabolic *= 1 + v.anabolic_ob_gain * E; };
            if (target === 'osteoblast_precursors') return (e, E) => { e.obRecruitment *= 1 + E; };
            if (target === 'osteoclasts') return (e, E) => { e.ocDifferentiation *= 1 + E; };
            if (target === 'macrophage_M2') return (e, E) => { e.polarization *= 1 - E; };
            break;
        case 'supplies':
            if (target === 'PTH') {
                // A PTH analogue (teriparatide) adds its plasma concentration to the PTH level: mg/L → pM.
                const toPm = 1e6 / (d.pk.molarMassKDa ?? v.pth_analogue_molar_mass);
                return (e, _E, c) => { e.pthSupply += toPm * c; };
            }
            if (target === 'RANKL' || target === 'OPG') break;
            return (e, E) => { e.precursorSupply += v.precursor_supply_gain * E; };
        case 'polarizes':
            if (target === 'macrophage_M2') return (e, E) => { e.polarization *= 1 - E; };
            break;
    }
    throw new ModelInputError(`drug '${d.name}': the model has no mechanism for '${verb} ${target}'`);
}

/**
 * Adds the effects of every drug, at the exposure of compartment `compartment` (0 = systemic), to `e`. At a local
 * site a drug with a release depot adds its tissue concentration to the plasma level (docs/model.md §1.8).
 */
export function accumulateEffects(drugs: readonly DrugAction[], y: Float64Array, exposures: Float64Array, e: CompartmentEffects, compartment = 0): void {
    for (let i = 0; i < drugs.length; i++) {
        const d = drugs[i];
        const x = exposures[i];
        const c = effectConcentration(d.pk, y) * x + localTissueConcentration(d.pk, compartment, y);
        const b = boneBound(d.pk, y) * x;
        const E = d.emax * c / (c + d.ic50);
        for (const act of d.actions) act(e, E, c, b);
    }
}

function clamp01(x: number): number {
    return Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 1;
}
