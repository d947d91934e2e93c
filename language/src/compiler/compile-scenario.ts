import type { AstNode } from 'langium';
import {
    isArm, isCompare, isDurationSpec, isConditionUse, isGive, isPatient, isRegimen, isReport, isSampleSpec, isSetParameter,
    isTaper, type Arm, type Dosing, type Drug, type Give, type Infuse, type Patient, type Scenario, type SetParameter
} from '../generated/ast.js';
import { type CompiledScenario, DAYS_PER_YEAR, type DoseEvent, type DrugDescription, findParameter, type InfusionDescription, lookupUnit, type MediatorName, type ModelDescription, PARAMETERS, type PatientDescription, QUANTITY_TABLE, type SiteName } from '../../../simulator/index.js';
export type { CompiledScenario } from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { compileConditionUse, localSitesOf } from './compile-condition.js';
import { compileDrug } from './compile-drug.js';
import { doseTimes, sampleGrid } from './dose-schedule.js';
import { drugSampleTimes } from './drug-sampling.js';
import { convert, days, foldOf, nonNegative, positive } from './quantities.js';
import { doseMg, intervalDays as dosingIntervalDays, perDoseAmount } from './compile-dosing.js';
import { compileTaper } from './compile-taper.js';
import { reportedSeries } from './reported-series.js';


/** Name of the arm a scenario without `arm` gets (docs/language.md §3.4). */
export const IMPLICIT_ARM = 'baseline';
/** Patient defaults (docs/language.md §3.4): 50-year-old premenopausal woman of 70 kg. */
export const DEFAULT_PATIENT: PatientDescription = { ageYears: 50, sex: 'female', weightKg: 70 };
/** Longer runs would produce results nobody can plot; ask for a coarser `sample every` instead. */
export const MAX_SAMPLES = 100_000;
/** Doses of one `give`: twice daily for a century fits; shorter intervals are an infusion, not doses. */
export const MAX_DOSES = 100_000;

export interface CompileOptions {
    /** Receives one sentence per choice the compiler made that the user should know about. */
    readonly notes?: string[];
}

/** One arm (or, with `arm` undefined, the implicit baseline arm) → its model description. */
export function compileArm(scenario: Scenario, arm: Arm | undefined, options: CompileOptions = {}): ModelDescription {
    const notes = options.notes ?? [];
    const durationDays = durationOf(scenario);
    const patient = compilePatient(scenario.members.find(isPatient));
    const conditions = scenario.members.filter(isConditionUse).map(compileConditionUse);
    const localSites = localSitesOf(conditions);
    const drugs = new Map<string, DrugDescription>();
    const doses: DoseEvent[] = [];
    const infusions: InfusionDescription[] = [];
    for (const intervention of arm?.interventions ?? []) {
        if (isGive(intervention) || isTaper(intervention)) {
            const given = isGive(intervention)
                ? compileGive(intervention, durationDays, patient, notes, localSites)
                : compileTaper(intervention, durationDays, patient, notes);
            const known = drugs.get(given.drug.name);
            if (known && known.targeting !== given.drug.targeting) {
                throw new CompileError(`${given.drug.name} is given twice in arm ${arm!.name} with different delivery targeting (${known.targeting} and ${given.drug.targeting}); the model has one exposure per drug`, intervention);
            }
            if (known && (known.localRelease?.halfLifeDays !== given.drug.localRelease?.halfLifeDays || known.pk.absorptionHalfLifeDays !== given.drug.pk.absorptionHalfLifeDays)) {
                throw new CompileError(`${given.drug.name} is given twice in arm ${arm!.name} with different release or absorption (${releaseWords(known)} and ${releaseWords(given.drug)}); the model has one depot per drug`, intervention);
            }
            drugs.set(given.drug.name, known ?? given.drug);
            doses.push(...given.doses);
        } else {
            infusions.push(compileInfusion(intervention, durationDays));
        }
    }
    const sampleTimes = samplesOf(scenario, durationDays);
    const drugTimes = drugSampleTimes(doses, durationDays, sampleTimes.length > 1 ? sampleTimes[1] - sampleTimes[0] : durationDays);
    return {
        scenario: scenario.name,
        arm: arm?.name ?? IMPLICIT_ARM,
        durationDays,
        sampleTimes,
        ...(drugTimes.length > 0 ? { drugSampleTimes: drugTimes } : {}),
        patient,
        conditions,
        drugs: [...drugs.values()],
        // Stable sort keeps the order of the `give` lines for simultaneous doses.
        doses: doses.sort((a, b) => a.timeDays - b.timeDays),
        infusions,
        localSites,
        parameters: compileParameters(scenario.members.filter(isSetParameter))
    };
}

/** Every arm of the scenario (or only `armNames`, in the scenario's order), plus the reported series. */
export function compileScenario(scenario: Scenario, armNames?: readonly string[]): CompiledScenario {
    const notes: string[] = [];
    const declared = scenario.members.filter(isArm);
    const all: (Arm | undefined)[] = declared.length > 0 ? declared : [undefined];
    const chosen = armNames ? all.filter(a => armNames.includes(a?.name ?? IMPLICIT_ARM)) : all;
    const arms = chosen.map(arm => compileArm(scenario, arm, { notes }));
    const localSites = arms[0]?.localSites ?? localSitesOf(scenario.members.filter(isConditionUse).map(compileConditionUse));
    const reports = scenario.members.filter(isReport);
    const reported = reportedSeries(reports, localSites, notes);
    const times = reports.flatMap(r => r.times).map(t => nonNegative(t, QUANTITY_TABLE.Report.times.dimensions, 'summary time').value);
    const summaryTimes = [...new Set(times)].sort((a, b) => a - b);
    const reference = referenceArm(scenario, arms.map(a => a.arm), notes);
    return {
        name: scenario.name,
        title: scenario.title ?? scenario.name,
        durationDays: durationOf(scenario),
        arms,
        reported,
        ...(summaryTimes.length > 0 ? { summaryTimes } : {}),
        ...(reference ? { reference } : {}),
        notes: [...new Set(notes)]
    };
}

/** `compare to ARM`, when that arm is among those run (with `--arm` it may not be: then the first arm, said in a note). */
function referenceArm(scenario: Scenario, running: readonly string[], notes: string[]): string | undefined {
    const compare = single(scenario.members.filter(isCompare), 'compare to', scenario);
    if (!compare) return undefined;
    const name = compare.reference.ref?.name ?? compare.reference.$refText;
    if (!compare.reference.ref) throw new CompileError(`compare to '${name}': scenario ${scenario.name} has no such arm`, compare);
    if (running.includes(name)) return name;
    notes.push(`compare to ${name}: arm ${name} is not among the arms run, so differences are against ${running[0] ?? 'the first arm'}.`);
    return undefined;
}

/** Names of the arms a scenario runs: its declared arms, or the implicit baseline. */
export function armNamesOf(scenario: Scenario): string[] {
    const declared = scenario.members.filter(isArm).map(a => a.name);
    return declared.length > 0 ? declared : [IMPLICIT_ARM];
}

function single<T extends AstNode>(items: T[], what: string, scenario: Scenario): T | undefined {
    if (items.length > 1) throw new CompileError(`scenario ${scenario.name} gives ${what} more than once`, items[1]);
    return items[0];
}

function durationOf(scenario: Scenario): number {
    const spec = single(scenario.members.filter(isDurationSpec), 'its duration', scenario);
    if (!spec) throw new CompileError(`scenario ${scenario.name} has no duration (e.g. duration 2 years)`, scenario);
    return positive(spec.value, QUANTITY_TABLE.DurationSpec.value.dimensions, `duration of ${scenario.name}`).value;
}

function samplesOf(scenario: Scenario, durationDays: number): number[] {
    const spec = single(scenario.members.filter(isSampleSpec), 'its sample spacing', scenario);
    // Default spacing (docs/language.md §3.4): daily up to two years, weekly beyond.
    const step = spec ? positive(spec.value, QUANTITY_TABLE.SampleSpec.value.dimensions, 'sample spacing').value : durationDays <= 2 * DAYS_PER_YEAR ? 1 : 7;
    const count = Math.floor(durationDays / step) + 2;
    if (count > MAX_SAMPLES) {
        throw new CompileError(`sampling every ${+step.toPrecision(4)} days over ${+durationDays.toPrecision(6)} days gives ${Number.isFinite(count) ? count : `more than ${MAX_SAMPLES}`} points; use a coarser 'sample every' (at most ${MAX_SAMPLES} points)`, spec ?? scenario);
    }
    return sampleGrid(durationDays, step);
}

function compilePatient(patient: Patient | undefined): PatientDescription {
    if (!patient) return DEFAULT_PATIENT;
    const sex = patient.sex ?? DEFAULT_PATIENT.sex;
    // Age 0 is valid (docs/language.md §6: 0–120 years); a negative age is not.
    const ageYears = patient.age ? nonNegative(patient.age, QUANTITY_TABLE.Patient.age.dimensions, 'patient age').value / DAYS_PER_YEAR : DEFAULT_PATIENT.ageYears;
    const weightKg = patient.weight ? positive(patient.weight, QUANTITY_TABLE.Patient.weight.dimensions, 'patient weight').value : DEFAULT_PATIENT.weightKg;
    const height = patient.height ? { heightCm: positive(patient.height, QUANTITY_TABLE.Patient.height.dimensions, 'patient height').value } : {};
    // A male patient has no menopause: the validator warns that `menopause at` is ignored (menopause-male), so it is.
    if (!patient.menopause || sex === 'male') return { ageYears, sex, weightKg, ...height };
    const menopauseAgeYears = positive(patient.menopause, QUANTITY_TABLE.Patient.menopause.dimensions, 'age at menopause').value / DAYS_PER_YEAR;
    return { ageYears, sex, menopauseAgeYears, weightKg, ...height };
}

function compileGive(give: Give, durationDays: number, patient: PatientDescription, notes: string[], localSites: readonly SiteName[]): { drug: DrugDescription; doses: DoseEvent[] } {
    const target = give.target.ref;
    if (!target) throw new CompileError(`unknown drug or regimen '${give.target.$refText}'`, give);
    let drug: Drug | undefined;
    let dosing: Dosing | undefined = give.dosing;
    let targeting = 1;
    let releaseDays: number | undefined;
    let loadingMg: number | undefined;
    if (isRegimen(target)) {
        drug = target.drug?.ref;
        if (!drug) throw new CompileError(`regimen ${target.name} names no drug`, target);
        dosing ??= target.dosing;
        if (!dosing) throw new CompileError(`regimen ${target.name} has no dose (e.g. dose 40 mg every 2 weeks)`, target);
        if (target.loading) loadingMg = doseMg(target.loading, patient, drug, `loading dose of ${target.name}`, notes).amountMg;
        if (target.delivery?.release) {
            // docs/language.md §3.2: `release T` puts the doses into a depot at the treated site (docs/model.md §1.8).
            releaseDays = positive(target.delivery.release, QUANTITY_TABLE.Delivery.release.dimensions, `release half-time of ${target.name}`).value;
            if (target.delivery.targeting) {
                throw new CompileError(`${target.name}: give either 'targeting' (a constant exposure factor) or 'release' (a local depot), not both`, target.delivery.targeting);
            }
        } else if (target.delivery) {
            if (target.delivery.targeting) {
                targeting = foldOf(target.delivery.targeting, `targeting factor of ${target.name}`);
                if (!(targeting > 0)) throw new CompileError(`targeting factor of ${target.name} must be greater than 0`, target.delivery);
            } else {
                notes.push(`${target.name}: ${target.delivery.kind} delivery without a targeting factor leaves exposure unchanged (add e.g. 'targeting 4').`);
            }
        }
    } else {
        drug = target;
        if (!dosing) throw new CompileError(`give ${drug.name} needs a dose (e.g. give ${drug.name} 40 mg every 2 weeks) or a regimen`, give);
    }
    const fromDays = give.from ? nonNegative(give.from, QUANTITY_TABLE.Give.from.dimensions, 'start time').value : 0;
    const untilDays = give.until ? days(give.until, 'stop time') : durationDays;
    if (give.until && untilDays <= fromDays) {
        throw new CompileError(`'until' (day ${+untilDays.toPrecision(6)}) must be after 'from' (day ${+fromDays.toPrecision(6)})`, give.until);
    }
    const dose = doseMg(perDoseAmount(dosing), patient, drug, `dose of ${drug.name}`, notes);
    const intervalDays = dosingIntervalDays(dosing, drug.name);
    if (intervalDays !== undefined && (Math.min(untilDays, durationDays) - fromDays) / intervalDays >= MAX_DOSES) {
        // Checked before listing the times: an interval of 1e-308 hours would fill memory and kill the process.
        throw new CompileError(`dosing ${drug.name} every ${+intervalDays.toPrecision(4)} days gives more than ${MAX_DOSES} doses; use a longer interval (at most ${MAX_DOSES} doses per give)`, dosing.interval ?? dosing);
    }
    const times = doseTimes(fromDays, untilDays, intervalDays, durationDays);
    if (times.length === 0) notes.push(`give ${target.name} from day ${+fromDays.toPrecision(6)} never starts within the ${+durationDays.toPrecision(6)}-day horizon.`);
    const doses = times.map((timeDays, i): DoseEvent => i === 0 && loadingMg !== undefined
        ? { timeDays, drug: drug.name, amountMg: loadingMg }
        : { timeDays, drug: drug.name, amountMg: dose.amountMg, ...(dose.scaling ? { scaling: dose.scaling } : {}) });
    return { drug: withLocalDepot(compileDrug(drug, targeting), releaseDays, localSites, give, target.name, notes), doses };
}

/**
 * A drug given `route local`, or through a regimen with `delivery … release T`, goes into a release depot at the
 * arm's local sites (docs/model.md §1.8): released with T (or the drug's absorption half-life for `route local`).
 * Without a local site there is no tissue to release into: the depot releases into plasma (absorption with the
 * same half-time), said in a note here and in a warning at the `give` (validation).
 */
function withLocalDepot(drug: DrugDescription, releaseDays: number | undefined, localSites: readonly SiteName[], give: Give, given: string, notes: string[]): DrugDescription {
    const local = drug.route === 'local';
    if (releaseDays === undefined && !local) return drug;
    if (local && drug.targeting !== 1) {
        throw new CompileError(`${drug.name} is given locally (route local): its site exposure comes from its depot, so 'targeting' does not apply (remove it, or set the release half-time with 'release')`, give);
    }
    const halfLifeDays = releaseDays ?? drug.pk.absorptionHalfLifeDays;
    if (halfLifeDays === undefined || !(halfLifeDays > 0)) return drug;
    if (localSites.length === 0) {
        notes.push(`${given}: the scenario has no local site (a condition with 'sites hand' or 'sites alveolar_bone'), so ${drug.name} is released into plasma with a half-time of ${+halfLifeDays.toPrecision(4)} days (absorption), not into a site.`);
        return releaseDays === undefined ? drug : { ...drug, route: drug.route === 'intravenous' ? 'local' : drug.route, pk: { ...drug.pk, absorptionHalfLifeDays: releaseDays } };
    }
    return { ...drug, localRelease: { halfLifeDays } };
}

function releaseWords(d: DrugDescription): string {
    if (d.localRelease) return `local release ${+d.localRelease.halfLifeDays.toPrecision(4)} days`;
    return d.pk.absorptionHalfLifeDays !== undefined ? `absorption ${+d.pk.absorptionHalfLifeDays.toPrecision(4)} days` : 'bolus';
}

const MEDIATORS: readonly MediatorName[] = ['RANKL', 'OPG', 'PTH'];

function compileInfusion(infuse: Infuse, durationDays: number): InfusionDescription {
    const mediator = infuse.mediator.ref?.name;
    if (!mediator || !(MEDIATORS as readonly string[]).includes(mediator)) {
        throw new CompileError(`cannot infuse '${infuse.mediator.$refText}': the model accepts RANKL, OPG or PTH`, infuse);
    }
    const fromDays = infuse.from ? nonNegative(infuse.from, QUANTITY_TABLE.Infuse.from.dimensions, 'infusion start').value : 0;
    const untilDays = infuse.until ? days(infuse.until, 'infusion stop') : durationDays;
    if (untilDays <= fromDays) throw new CompileError(`the infusion stops (day ${untilDays}) before it starts (day ${fromDays})`, infuse.until ?? infuse);
    return {
        mediator: mediator as MediatorName,
        ratePMPerDay: nonNegative(infuse.rate, QUANTITY_TABLE.Infuse.rate.dimensions, `infusion rate of ${mediator}`).value,
        fromDays,
        untilDays: Math.min(untilDays, durationDays)
    };
}

/** `set` lines → values in the parameter table's units (a quantity with a unit is converted). */
function compileParameters(sets: SetParameter[]): Record<string, number> {
    const parameters: Record<string, number> = {};
    for (const set of sets) {
        const info = findParameter(set.parameter);
        if (!info && PARAMETERS.length > 0) throw new CompileError(`unknown model parameter '${set.parameter}'`, set);
        if (set.parameter in parameters) throw new CompileError(`parameter ${set.parameter} is set twice`, set);
        const value = parameterValue(set, info?.unit);
        if (info && !(value >= info.min && value <= info.max)) {
            throw new CompileError(`${set.parameter} = ${value} is outside its valid range [${info.min}, ${info.max}] ${info.unit}`, set.value);
        }
        parameters[set.parameter] = value;
    }
    return parameters;
}

function parameterValue(set: SetParameter, tableUnit: string | undefined): number {
    const q = set.value;
    if (q.unit === undefined && !q.fold) return convert(q, ['fold'], `value of ${set.parameter}`).value;
    const given = lookupUnit(q.unit ?? 'x');
    if (!given) throw new CompileError(`unknown unit '${q.unit}' in the value of ${set.parameter}`, q);
    const target = tableUnit ? lookupUnit(tableUnit) : undefined;
    const c = convert(q, [given.dimension], `value of ${set.parameter}`);
    if (!target) return c.value;
    if (target.dimension !== given.dimension) {
        throw new CompileError(`${set.parameter} is in ${tableUnit}; '${q.unit}' is not convertible to it`, q);
    }
    return c.value / target.factor;
}
