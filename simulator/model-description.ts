/**
 * The compiled form of one scenario arm: plain, JSON-serialisable data in the model's units
 * (days, mg, L, mg/L, pM, pg/mL). The compiler (AST → description) produces it; the model and the
 * solver consume it. Nothing here refers to Langium or VS Code.
 */

export type CytokineName = 'TNF_alpha' | 'IL_6' | 'IL_1';
export type ImmuneCellName = 'T_cells' | 'macrophage_M1' | 'macrophage_M2';
export type MediatorName = 'RANKL' | 'OPG' | 'PTH';
export type SiteName = 'lumbar_spine' | 'total_hip' | 'femoral_neck' | 'hand' | 'alveolar_bone';
export type ConditionProcess = 'estrogen_loss' | 'senescence' | 'glucocorticoid_excess';
export type MechanismVerb = 'neutralizes' | 'blocks' | 'inhibits' | 'binds' | 'kills' | 'suppresses' | 'stimulates' | 'supplies' | 'polarizes';

export const SYSTEMIC_SITES: readonly SiteName[] = ['lumbar_spine', 'total_hip', 'femoral_neck'];
export const LOCAL_SITES: readonly SiteName[] = ['hand', 'alveolar_bone'];

export interface ModelDescription {
    readonly scenario: string;
    readonly arm: string;
    /** Simulated horizon, days from the scenario's time 0. */
    readonly durationDays: number;
    /** Output grid in days, ascending, starting at 0 and ending at durationDays. */
    readonly sampleTimes: readonly number[];
    /**
     * Extra output times for drug concentrations only (docs/language.md "Charts": dose-following samples
     * so that a drug given every 12 h does not alias); absent when the grid resolves every interval.
     */
    readonly drugSampleTimes?: readonly number[];
    readonly patient: PatientDescription;
    readonly conditions: readonly ConditionDescription[];
    /** Each distinct drug given in the arm, once. */
    readonly drugs: readonly DrugDescription[];
    /** Every dose of every drug, ascending in time. */
    readonly doses: readonly DoseEvent[];
    readonly infusions: readonly InfusionDescription[];
    /** Local sites that get their own bone core (from the conditions' sites). */
    readonly localSites: readonly SiteName[];
    /** `set` overrides by parameter name (the model's parameter table), in the table's units. */
    readonly parameters: Readonly<Record<string, number>>;
}

export interface PatientDescription {
    readonly ageYears: number;
    readonly sex: 'female' | 'male';
    /** Age at the final menstrual period; absent when the scenario does not set one. */
    readonly menopauseAgeYears?: number;
    readonly weightKg: number;
    /** Body height (cm): with the weight it gives the body surface area of mg/m² doses. */
    readonly heightCm?: number;
}

export interface ConditionDescription {
    readonly name: string;
    readonly scope: 'systemic' | 'local';
    /** Activity at full expression: remission 0.1, mild 0.33, moderate 0.66, high 1.0. */
    readonly activity: number;
    readonly onsetDays: number;
    readonly resolvesDays?: number;
    /** Fold change over healthy baseline at full activity, per cytokine (absent = 1). */
    readonly drives: Readonly<Partial<Record<CytokineName, number>>>;
    /** Fold change of immune cell activation at full activity (absent = 1). */
    readonly activates: Readonly<Partial<Record<ImmuneCellName, number>>>;
    /** Local sites where the condition adds a local excess on top of the systemic level. */
    readonly sites: readonly SiteName[];
    /** Multiplier of the condition's drive inside its local sites (1 = same as systemic). */
    readonly localExcess: number;
    readonly processes: readonly ConditionProcess[];
}

export interface DrugDescription {
    readonly name: string;
    readonly drugClass: string;
    readonly route: 'oral' | 'subcutaneous' | 'intravenous' | 'intra_articular' | 'local';
    readonly mechanisms: readonly { readonly verb: MechanismVerb; readonly target: string }[];
    readonly pk: {
        /** Elimination half-life, days (absent for drugs defined by clearance only). */
        readonly halfLifeDays?: number;
        /** Absorption half-life from the depot, days; absent for intravenous bolus. */
        readonly absorptionHalfLifeDays?: number;
        /** Fraction 0–1 of the dose reaching the central compartment. */
        readonly bioavailability: number;
        /** Central volume, L. */
        readonly volumeL: number;
        readonly peripheralVolumeL?: number;
        readonly intercompartmentalClearanceLPerDay?: number;
        readonly clearanceLPerDay?: number;
        readonly vmaxMgPerDay?: number;
        readonly kmMgPerL?: number;
        readonly molarMassKDa?: number;
        /** Skeletal retention half-life (bisphosphonates), days. */
        readonly boneHalfLifeDays?: number;
        /** Fraction 0–1 of the absorbed dose that binds bone (bisphosphonates). */
        readonly boneUptake?: number;
    };
    readonly pd: {
        /** Concentration (mg/L) or, for bone-bound bisphosphonates, bound amount (mg) giving half the effect. */
        readonly ic50?: number;
        readonly ic50Basis?: 'concentration' | 'bone-bound amount';
        /** Maximal fractional effect 0–1. */
        readonly emax: number;
    };
    /** Targeted delivery factor: local exposure ×factor, systemic ÷factor (1 = none). */
    readonly targeting: number;
    /**
     * Local release depot (docs/model.md §1.8, exploratory): each dose is split evenly between depots at the arm's
     * local sites, released first-order into the site's tissue with this half-time, and drained from there into
     * plasma. Absent: doses go to the absorption depot or the central compartment. Only set when the arm has
     * local sites (the compiler falls back to absorption with a warning otherwise).
     */
    readonly localRelease?: { readonly halfLifeDays: number };
}

export interface DoseEvent {
    readonly timeDays: number;
    readonly drug: string;
    /** Amount in mg (mg/kg doses already multiplied by the patient's weight, mg/m² by the body surface area). */
    readonly amountMg: number;
    /** How the amount scales with the patient: per kg of body weight or per m² of body surface area (absent: fixed). */
    readonly scaling?: { readonly per: 'kg' | 'm2'; readonly amount: number };
}

export interface InfusionDescription {
    readonly mediator: MediatorName;
    readonly ratePMPerDay: number;
    readonly fromDays: number;
    readonly untilDays: number;
}
