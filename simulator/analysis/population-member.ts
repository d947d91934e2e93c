/**
 * What a virtual patient changes besides model parameters (docs/language.md §3.6): a drug's PK or potency, the
 * patient's weight, age or height (per-kg and per-m² doses follow), a dose in one arm, a condition's severity.
 * Applied to each arm's description, so the same patient goes through every arm (paired comparison).
 */
import type { DoseEvent, DrugDescription, ModelDescription } from '../model-description.js';
import type { PopulationPlan, PopulationVariable } from './analysis-plan.js';

/** Mosteller body surface area (m²): √(height cm × weight kg / 3600); the compiler's mg/m² doses use it too. */
export function mostellerBsa(heightCm: number, weightKg: number): number {
    return Math.sqrt(heightCm * weightKg / 3600);
}

/** Height used for mg/m² doses when the scenario states none (the compiler says so in a note). */
export const DEFAULT_HEIGHT_CM = 170;

function withDrug(desc: ModelDescription, name: string, change: (d: DrugDescription) => DrugDescription): ModelDescription {
    if (!desc.drugs.some(d => d.name === name)) return desc;
    return { ...desc, drugs: desc.drugs.map(d => d.name === name ? change(d) : d) };
}

function drugField(d: DrugDescription, field: string, v: number): DrugDescription {
    const pk = d.pk;
    switch (field) {
        case 'clearance': return { ...d, pk: { ...pk, clearanceLPerDay: v } };
        case 'volume': return { ...d, pk: { ...pk, volumeL: v } };
        // The engine eliminates by clearance when it has one: keep CL = ln 2 · V / t½ for the drawn t½.
        case 'half_life': return { ...d, pk: { ...pk, halfLifeDays: v, ...(pk.clearanceLPerDay !== undefined ? { clearanceLPerDay: Math.LN2 * pk.volumeL / v } : {}) } };
        case 'ic50': return { ...d, pd: { ...d.pd, ic50: v } };
        // With a local release depot (docs/model.md §1.8) the depot's release is the drug's absorption.
        case 'ka': return d.localRelease ? { ...d, localRelease: { halfLifeDays: Math.LN2 / v } } : { ...d, pk: { ...pk, absorptionHalfLifeDays: Math.LN2 / v } };
        case 'bioavailability': return { ...d, pk: { ...pk, bioavailability: Math.min(1, v) } };
        default: return d;
    }
}

/** Per-kg and per-m² doses recomputed for the patient's (drawn) weight and height. */
function rescaleDoses(desc: ModelDescription): ModelDescription {
    const { weightKg, heightCm } = desc.patient;
    const doses = desc.doses.map((e: DoseEvent) => !e.scaling ? e
        : { ...e, amountMg: e.scaling.amount * (e.scaling.per === 'kg' ? weightKg : mostellerBsa(heightCm ?? DEFAULT_HEIGHT_CM, weightKg)) });
    return { ...desc, doses };
}

function applyOne(desc: ModelDescription, v: PopulationVariable, value: number): ModelDescription {
    const t = v.target;
    if (!t || t.kind === 'parameter') return desc;
    switch (t.kind) {
        case 'drug': return withDrug(desc, t.drug, d => drugField(d, t.field, value));
        case 'patient':
            if (t.field === 'age') return { ...desc, patient: { ...desc.patient, ageYears: value } };
            return rescaleDoses({ ...desc, patient: { ...desc.patient, ...(t.field === 'weight' ? { weightKg: value } : { heightCm: value }) } });
        case 'dose':
            if (desc.arm !== t.arm) return desc;
            return { ...desc, doses: desc.doses.map(e => e.drug === t.drug ? { ...e, amountMg: e.amountMg * value / t.nominalMg, ...(e.scaling ? { scaling: { ...e.scaling, amount: e.scaling.amount * value / t.nominalMg } } : {}) } : e) };
        case 'severity': {
            const d = v.distribution;
            const activity = d.kind === 'categorical' ? d.categories[value]?.value : undefined;
            if (activity === undefined) return desc;
            return { ...desc, conditions: desc.conditions.map(c => c.name === t.condition ? { ...c, activity } : c) };
        }
    }
}

/** The arm's description for a virtual patient with the given draws (in the order of the plan's variables). */
export function applyMember(desc: ModelDescription, plan: PopulationPlan, draws: Readonly<Record<string, number>>): ModelDescription {
    let out = desc;
    for (const v of plan.variables) if (v.target && v.target.kind !== 'parameter') out = applyOne(out, v, draws[v.parameter]);
    return out;
}
