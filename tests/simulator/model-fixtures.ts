/** Hand-built model descriptions for the model tests. */
import type { ConditionDescription, DrugDescription, ModelDescription } from '../../simulator/model-description.js';

export function grid(durationDays: number, step = 1): number[] {
    const times: number[] = [];
    for (let t = 0; t < durationDays - 1e-9; t += step) times.push(t);
    times.push(durationDays);
    return times;
}

export function describe(overrides: Partial<ModelDescription> = {}): ModelDescription {
    const durationDays = overrides.durationDays ?? 100;
    return {
        scenario: 'Test', arm: 'arm', durationDays,
        sampleTimes: grid(durationDays),
        patient: { ageYears: 50, sex: 'female', weightKg: 70 },
        conditions: [], drugs: [], doses: [], infusions: [], localSites: [], parameters: {},
        ...overrides
    };
}

export const DENOSUMAB: DrugDescription = {
    name: 'denosumab', drugClass: 'RANKL_inhibitor', route: 'subcutaneous',
    mechanisms: [{ verb: 'binds', target: 'RANKL' }],
    pk: {
        halfLifeDays: 26, absorptionHalfLifeDays: 4.88, bioavailability: 0.729, volumeL: 2.34,
        peripheralVolumeL: 1.324, intercompartmentalClearanceLPerDay: 18.67 * 24e-3, clearanceLPerDay: 2.75 * 24e-3,
        vmaxMgPerDay: 3110 * 24e-6, kmMgPerL: 0.188, molarMassKDa: 149
    },
    pd: { emax: 1 },
    targeting: 1
};

export const INFLIXIMAB: DrugDescription = {
    name: 'infliximab', drugClass: 'anti_TNF', route: 'intravenous',
    mechanisms: [{ verb: 'neutralizes', target: 'TNF_alpha' }],
    pk: { halfLifeDays: 9, bioavailability: 1, volumeL: 4.5 },
    pd: { ic50: 1, emax: 0.95 },
    targeting: 1
};

export const ZOLEDRONATE: DrugDescription = {
    name: 'zoledronate', drugClass: 'bisphosphonate', route: 'intravenous',
    mechanisms: [{ verb: 'kills', target: 'osteoclasts' }],
    pk: { halfLifeDays: 2 / 24, bioavailability: 1, volumeL: 8, boneUptake: 0.5, boneHalfLifeDays: 3652.5 },
    pd: { ic50: 0.05, ic50Basis: 'bone-bound amount', emax: 1 },
    targeting: 1
};

export const RA: ConditionDescription = {
    name: 'rheumatoid_arthritis', scope: 'systemic', activity: 1, onsetDays: 0,
    drives: { TNF_alpha: 4, IL_6: 6, IL_1: 3 }, activates: { T_cells: 2, macrophage_M1: 2 },
    sites: ['hand'], localExcess: 2, processes: []
};

export const PERIODONTITIS: ConditionDescription = {
    name: 'periodontitis', scope: 'local', activity: 0.66, onsetDays: 0,
    drives: { IL_1: 4, TNF_alpha: 3, IL_6: 2 }, activates: { T_cells: 1.5, macrophage_M1: 2 },
    sites: ['alveolar_bone'], localExcess: 1, processes: []
};
