/**
 * Pharmacokinetics (model.md §6): per drug an optional absorption depot, a central compartment,
 * an optional peripheral compartment, linear and Michaelis–Menten elimination, and for
 * bisphosphonates a bone-bound drug split into a surface pool (acts) and a buried pool (released by
 * resorption: recycling), and for local delivery (§1.8) a release depot and a tissue pool per
 * local site. States are amounts in mg; doses are jumps into the local depots, the absorption depot
 * (absorbed routes) or the central compartment (intravenous bolus).
 */
import type { DrugDescription } from '../model-description.js';
import { ModelInputError, type ParameterValues } from './parameters.js';

const LN2 = Math.LN2;

export interface DrugPk {
    readonly name: string;
    readonly drug: DrugDescription;
    /** State indices; -1 when the drug has no such compartment. */
    readonly depot: number;
    readonly central: number;
    readonly peripheral: number;
    /** Bisphosphonate on bone surfaces (the part resorbing osteoclasts take up: it acts), or -1. */
    readonly bone: number;
    /** Bisphosphonate buried under new bone (inert until remodelling releases it), or -1. */
    readonly buried: number;
    /** Effect compartment (amount equivalent, mg; the effect-site concentration is effect / volume), or -1. */
    readonly effect: number;
    /** Effect-compartment equilibration rate (/day). */
    readonly keo: number;
    readonly ka: number;
    readonly bioavailability: number;
    readonly volume: number;
    readonly peripheralVolume: number;
    readonly q: number;
    /** Linear elimination from the central compartment (/day), renal part when the drug binds bone. */
    readonly kel: number;
    /** Central → bone-bound transfer (/day). */
    readonly kBone: number;
    /** Release of buried drug by resorption at healthy turnover (/day): ln 2 / the drug's skeletal half-life. */
    readonly kBoneOut: number;
    /** Burial of surface drug by formation at healthy turnover (/day): ln 2 / bisphosphonate_burial_half_life. */
    readonly kBury: number;
    readonly vmax: number;
    readonly km: number;
    /** Typical amount scale (mg) for absolute tolerances. */
    readonly amountScale: number;
    /** Local release depot per local site (site j = compartment j + 1), or empty: doses are split evenly between them. */
    readonly localDepots: readonly number[];
    /** Drug released into each local site's tissue (mg), same order as localDepots. */
    readonly localTissue: readonly number[];
    /** Release rate from a local depot (/day). */
    readonly kRelease: number;
    /** Drainage rate from a site's tissue into plasma (/day). */
    readonly kDrain: number;
    /** Volume (L) in which the released drug distributes at a site. */
    readonly localVolume: number;
}

/** Builds the PK plan of each drug, allocating its states from `next`; `localSites` is the number of local compartments. */
export function planPharmacokinetics(drugs: readonly DrugDescription[], v: ParameterValues, firstState: number, localSites = 0): { plans: DrugPk[]; next: number } {
    let next = firstState;
    const plans: DrugPk[] = [];
    for (const drug of drugs) {
        const pk = drug.pk;
        const where = `drug '${drug.name}'`;
        if (!(pk.volumeL > 0)) throw new ModelInputError(`${where}: the central volume must be positive`);
        const release = drug.localRelease && localSites > 0 ? drug.localRelease.halfLifeDays : undefined;
        if (release !== undefined && !(release > 0)) throw new ModelInputError(`${where}: the release half-time must be positive`);
        // A local depot replaces the absorption depot: the site's tissue drains into plasma (docs/model.md §1.8).
        const absorbed = release === undefined && drug.route !== 'intravenous' && pk.absorptionHalfLifeDays !== undefined && pk.absorptionHalfLifeDays > 0;
        const depot = absorbed ? next++ : -1;
        const central = next++;
        const hasPeripheral = (pk.peripheralVolumeL ?? 0) > 0 && (pk.intercompartmentalClearanceLPerDay ?? 0) > 0;
        const peripheral = hasPeripheral ? next++ : -1;
        const hasBone = (pk.boneHalfLifeDays ?? 0) > 0;
        const bone = hasBone ? next++ : -1;
        const buried = hasBone ? next++ : -1;
        // ASSUMPTION (docs/model.md §1.11): drugs whose action outlasts their plasma exposure (glucocorticoids:
        // gene expression; methotrexate: intracellular polyglutamates; JAK inhibitors: the transcription that
        // JAK-STAT signalling drives) act through an effect compartment rather than the plasma concentration.
        const effectHalfLife = effectHalfLifeOf(drug.drugClass, v);
        const effect = effectHalfLife !== undefined ? next++ : -1;
        const localDepots: number[] = [], localTissue: number[] = [];
        if (release !== undefined) for (let j = 0; j < localSites; j++) { localDepots.push(next++); localTissue.push(next++); }
        let kTotal: number;
        if (pk.clearanceLPerDay !== undefined && pk.clearanceLPerDay > 0) kTotal = pk.clearanceLPerDay / pk.volumeL;
        else if (pk.halfLifeDays !== undefined && pk.halfLifeDays > 0) kTotal = LN2 / pk.halfLifeDays;
        else if (hasBone) kTotal = LN2 / v.default_plasma_half_life;
        else throw new ModelInputError(`${where}: needs a half-life or a clearance`);
        const uptake = hasBone ? (pk.boneUptake ?? 0.5) : 0;
        const F = pk.bioavailability > 0 ? Math.min(pk.bioavailability, 1) : 1;
        const ic50 = drug.pd.ic50 ?? v.default_ic50;
        const km = pk.kmMgPerL ?? 0;
        const scale = drug.pd.ic50Basis === 'bone-bound amount' ? ic50 : Math.max(ic50, km > 0 ? km : 0) * pk.volumeL;
        plans.push({
            name: drug.name, drug, depot, central, peripheral, bone, buried, effect,
            keo: effectHalfLife !== undefined ? LN2 / effectHalfLife : 0,
            ka: absorbed ? LN2 / pk.absorptionHalfLifeDays! : 0,
            bioavailability: F,
            volume: pk.volumeL,
            peripheralVolume: hasPeripheral ? pk.peripheralVolumeL! : 1,
            q: hasPeripheral ? pk.intercompartmentalClearanceLPerDay! : 0,
            kel: kTotal * (1 - uptake),
            kBone: kTotal * uptake,
            kBoneOut: hasBone ? LN2 / pk.boneHalfLifeDays! : 0,
            kBury: hasBone ? LN2 / v.bisphosphonate_burial_half_life : 0,
            vmax: pk.vmaxMgPerDay ?? 0,
            km: km > 0 ? km : 1,
            amountScale: scale > 0 ? scale : 1,
            localDepots, localTissue,
            kRelease: release !== undefined ? LN2 / release : 0,
            kDrain: release !== undefined ? LN2 / v.local_drainage_half_life : 0,
            localVolume: v.local_distribution_volume
        });
    }
    return { plans, next };
}

/** Drug classes with an effect compartment, and the parameter holding its half-time (docs/model.md §1.11). */
export const EFFECT_COMPARTMENT_CLASSES: Readonly<Record<string, string>> = {
    glucocorticoid: 'gc_effect_half_life',
    DMARD: 'dmard_effect_half_life',
    JAK_inhibitor: 'jak_effect_half_life'
};

/** Half-time (days) of the drug class's effect compartment, or undefined when it acts at its plasma concentration. */
export function effectHalfLifeOf(drugClass: string, v: ParameterValues): number | undefined {
    const name = EFFECT_COMPARTMENT_CLASSES[drugClass];
    return name !== undefined ? v[name] : undefined;
}

/** Central concentration (mg/L) before any targeting. */
export function centralConcentration(d: DrugPk, y: Float64Array): number {
    return Math.max(y[d.central], 0) / d.volume;
}

/** Concentration (mg/L) at the site of action: the effect compartment when the drug has one, else the plasma. */
export function effectConcentration(d: DrugPk, y: Float64Array): number {
    return d.effect >= 0 ? Math.max(y[d.effect], 0) / d.volume : Math.max(y[d.central], 0) / d.volume;
}

/**
 * Concentration (mg/L) of released drug in the tissue of local compartment `c` (1 = first local site), on top of
 * what plasma brings; 0 for the systemic compartment and for drugs without a local depot.
 */
export function localTissueConcentration(d: DrugPk, c: number, y: Float64Array): number {
    if (c <= 0 || d.localTissue.length === 0) return 0;
    return Math.max(y[d.localTissue[c - 1]], 0) / d.localVolume;
}

/** Bone-bound amount on bone surfaces (mg), the part that acts; 0 for drugs without a bone pool. */
export function boneBound(d: DrugPk, y: Float64Array): number {
    return d.bone >= 0 ? Math.max(y[d.bone], 0) : 0;
}

/**
 * Drug kinetics. `formation` and `resorption` are the systemic OBa/OBa0 and OCa/OCa0: a bisphosphonate on bone
 * surfaces is buried by new bone in proportion to formation, and buried drug is released into plasma (whence part of
 * it binds bone again) in proportion to resorption (docs/model.md §1.6).
 */
export function pkRhs(d: DrugPk, y: Float64Array, dydt: Float64Array, formation = 1, resorption = 1): void {
    const ac = y[d.central];
    const c = Math.max(ac, 0) / d.volume;
    let dc = -d.kel * ac - d.kBone * ac - d.vmax * c / (d.km + c);
    if (d.depot >= 0) {
        const absorption = d.ka * y[d.depot];
        dydt[d.depot] = -absorption;
        dc += absorption;
    }
    if (d.peripheral >= 0) {
        const flux = d.q * (c - y[d.peripheral] / d.peripheralVolume);
        dydt[d.peripheral] = flux;
        dc -= flux;
    }
    if (d.bone >= 0) {
        const burial = d.kBury * Math.max(formation, 0) * y[d.bone];
        const release = d.kBoneOut * Math.max(resorption, 0) * y[d.buried];
        dydt[d.bone] = d.kBone * ac - burial;
        dydt[d.buried] = burial - release;
        dc += release;
    }
    if (d.effect >= 0) dydt[d.effect] = d.keo * (ac - y[d.effect]);
    for (let j = 0; j < d.localDepots.length; j++) {
        const released = d.kRelease * y[d.localDepots[j]];
        const drained = d.kDrain * y[d.localTissue[j]];
        dydt[d.localDepots[j]] = -released;
        dydt[d.localTissue[j]] = released - drained;
        dc += drained;
    }
    dydt[d.central] = dc;
}

/** Where a dose goes: [state, amount] pairs (the bioavailable amount, split between the local depots when there are). */
export function doseTargets(d: DrugPk, amountMg: number): [number, number][] {
    const amount = d.bioavailability * amountMg;
    if (d.localDepots.length > 0) return d.localDepots.map(i => [i, amount / d.localDepots.length]);
    return [[d.depot >= 0 ? d.depot : d.central, amount]];
}

/** A dose: the bioavailable amount enters the local depots, the absorption depot, or the central compartment for a bolus. */
export function applyDose(d: DrugPk, amountMg: number, y: Float64Array): void {
    for (const [i, amount] of doseTargets(d, amountMg)) y[i] += amount;
}
