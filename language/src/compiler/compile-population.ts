/**
 * `population` blocks → population plans (docs/language.md §3.6): what each `vary` line draws and around which
 * typical value, `correlate` pairs and `responders` thresholds. The typical values come from the compiled arms,
 * so a varied clearance is drawn around the clearance the model would otherwise use.
 */
import {
    isCell, isCytokine, isDrug, isMediator, isOutput, isRegimen,
    type Population, type PopulationVary, type Responders, type VaryName
} from '../generated/ast.js';
import {
    DAYS_PER_YEAR, findParameter, seriesOf,
    type Dimension, type DrugDescription, type ModelDescription, type PopulationCorrelation, type PopulationVariable,
    type PopulationTarget, type ResponderPlan
} from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { SEVERITY_ACTIVITY } from './compile-condition.js';
import { DEFAULT_HEIGHT_CM } from './compile-dosing.js';
import { convert } from './quantities.js';

export type PkField = Extract<PopulationTarget, { kind: 'drug' }>['field'];

/** Dimension and display unit of each PK field's values (canonical units). */
const PK_FIELDS: Readonly<Record<PkField, { dimension: Dimension, unit: string, max: number }>> = {
    clearance: { dimension: 'clearance', unit: 'L/day', max: Infinity },
    volume: { dimension: 'volume', unit: 'L', max: Infinity },
    half_life: { dimension: 'time', unit: 'days', max: Infinity },
    ic50: { dimension: 'concentration', unit: 'mg/L', max: Infinity },
    ka: { dimension: 'inverseTime', unit: '/day', max: Infinity },
    bioavailability: { dimension: 'fraction', unit: 'fraction', max: 1 }
};

/** The display key of a vary line or a correlate name: "adalimumab.clearance", "weight", "rankl_per_tnf". */
export function varyKey(v: PopulationVary | VaryName): string | undefined {
    if (v.drug) return `${v.drug.$refText}.${v.field}`;
    if (v.patient) return v.patient;
    if ('aspect' in v && v.aspect === 'severity') return `severity of ${v.condition?.$refText}`;
    if ('aspect' in v && v.aspect === 'dose') return `dose of ${v.given?.$refText} in ${v.arm?.$refText}`;
    return v.parameter;
}

function drugNominal(arms: readonly ModelDescription[], drug: string, field: PkField, vary: PopulationVary): number {
    const d = arms.flatMap(a => a.drugs).find(x => x.name === drug);
    if (!d) throw new CompileError(`${drug} is not given in any arm of this scenario, so its ${field} cannot vary`, vary);
    const value = pkFieldValue(d, field);
    if (!(value! > 0)) throw new CompileError(`${drug} has no ${field === 'ka' ? 'absorption (it is given intravenously)' : field} to vary`, vary);
    return value!;
}

/** A drug's typical value of a `vary DRUG.FIELD` line, in PK_FIELDS' unit (the median a population draws around). */
export function pkFieldValue(d: DrugDescription, field: PkField): number | undefined {
    const pk = d.pk;
    return field === 'clearance' ? pk.clearanceLPerDay ?? (pk.halfLifeDays ? Math.LN2 * pk.volumeL / pk.halfLifeDays : undefined)
        : field === 'volume' ? pk.volumeL
        : field === 'half_life' ? pk.halfLifeDays ?? (pk.clearanceLPerDay ? Math.LN2 * pk.volumeL / pk.clearanceLPerDay : undefined)
        : field === 'ic50' ? d.pd.ic50 ?? findParameter('default_ic50')?.value
        : field === 'ka' ? Math.LN2 / (d.localRelease?.halfLifeDays ?? pk.absorptionHalfLifeDays ?? NaN)
        : pk.bioavailability;
}

/** The unit `pkFieldValue` answers in. */
export function pkFieldUnit(field: PkField): string {
    return PK_FIELDS[field].unit;
}

/** Median and range of a continuous vary line in canonical units. */
function continuous(vary: PopulationVary, key: string, nominal: number, dimension: Dimension, unit: string, min: number, max: number, target: PopulationTarget): PopulationVariable {
    const common = { parameter: key, unit, min, max, target };
    if (vary.distribution === 'lognormal') {
        const cv = vary.cv ? convert(vary.cv, ['fraction', 'fold'], `coefficient of variation of ${key}`).value : NaN;
        if (!(cv > 0)) throw new CompileError(`the coefficient of variation of ${key} must be greater than 0 (e.g. lognormal 30 %)`, vary.cv ?? vary);
        return { ...common, distribution: { kind: 'lognormal', median: nominal, cv } };
    }
    if (vary.distribution === 'uniform') {
        const low = vary.low ? convert(vary.low, [dimension], `lower bound of ${key}`).value : NaN;
        const high = vary.high ? convert(vary.high, [dimension], `upper bound of ${key}`).value : NaN;
        const scale = dimension === 'time' && target.kind === 'patient' ? 1 / DAYS_PER_YEAR : 1;
        if (!(low * scale < high * scale)) throw new CompileError(`uniform bounds of ${key}: the lower must be below the upper`, vary);
        return { ...common, distribution: { kind: 'uniform', low: low * scale, high: high * scale } };
    }
    throw new CompileError(`${key} takes lognormal CV or uniform LOW to HIGH`, vary);
}

function compileVary(vary: PopulationVary, arms: readonly ModelDescription[]): PopulationVariable {
    const key = varyKey(vary) ?? '';
    if (vary.shares.length > 0 && vary.aspect !== 'severity') throw new CompileError(`${key} takes a distribution (lognormal, uniform); shares are for severities`, vary);
    if (vary.drug) {
        const drug = vary.drug.ref?.name;
        if (!drug) throw new CompileError(`unknown drug '${vary.drug.$refText}'`, vary);
        const field = vary.field as PkField;
        const f = PK_FIELDS[field];
        return continuous(vary, key, drugNominal(arms, drug, field, vary), f.dimension, f.unit, 1e-12, f.max, { kind: 'drug', drug, field });
    }
    if (vary.patient) {
        const p = arms[0]?.patient;
        const field = vary.patient as 'weight' | 'age' | 'height';
        if (field === 'weight') return continuous(vary, key, p?.weightKg ?? 70, 'bodyMass', 'kg', 1, 500, { kind: 'patient', field });
        if (field === 'height') return continuous(vary, key, p?.heightCm ?? DEFAULT_HEIGHT_CM, 'length', 'cm', 30, 250, { kind: 'patient', field });
        return continuous(vary, key, p?.ageYears ?? 50, 'time', 'years', 0, 120, { kind: 'patient', field });
    }
    if (vary.aspect === 'severity') {
        const condition = vary.condition?.ref?.name;
        if (!condition || !arms[0]?.conditions.some(c => c.name === condition)) throw new CompileError(`the scenario does not use condition ${vary.condition?.$refText}`, vary);
        if (vary.shares.length === 0) throw new CompileError(`${key} takes shares: e.g. mild 30 %, moderate 50 %, high 20 %`, vary);
        const categories = vary.shares.map(s => ({ label: s.severity, share: convert(s.share, ['fraction'], `share of ${s.severity}`).value, value: SEVERITY_ACTIVITY[s.severity] }));
        const total = categories.reduce((t, c) => t + c.share, 0);
        if (Math.abs(total - 1) > 1e-6) throw new CompileError(`the shares of ${key} add up to ${+(total * 100).toPrecision(4)} %, not 100 %`, vary);
        return { parameter: key, unit: '', min: 0, max: categories.length - 1, distribution: { kind: 'categorical', categories }, target: { kind: 'severity', condition } };
    }
    if (vary.aspect === 'dose') {
        const given = vary.given?.ref;
        const arm = vary.arm?.ref?.name;
        const drug = isRegimen(given) ? given.drug?.ref?.name : given?.name;
        const desc = arms.find(a => a.arm === arm);
        const first = desc?.doses.find(e => e.drug === drug);
        if (!drug || !desc || !first) throw new CompileError(`${vary.given?.$refText} is not given in arm ${vary.arm?.$refText}`, vary);
        return continuous(vary, key, first.amountMg, 'mass', 'mg', 1e-12, Infinity, { kind: 'dose', arm: arm!, drug, nominalMg: first.amountMg });
    }
    throw new CompileError(`unknown quantity to vary '${key}'`, vary);
}

/** A vary line of a model parameter (the original form), as opposed to a drug, patient, dose or severity. */
export function variesParameter(vary: PopulationVary): boolean {
    return !vary.drug && !vary.patient && !vary.aspect && !!vary.parameter;
}

function compileResponders(r: Responders, arms: readonly ModelDescription[]): ResponderPlan {
    const target = r.target?.ref;
    const site = r.site?.ref?.name;
    let key: string | undefined;
    if (isOutput(target)) key = target.perSite ? (site ? `${target.name}.${site}` : undefined) : target.name === 'alveolar_height_loss' ? 'alveolar_height_loss_mm' : target.name;
    else if (isMediator(target)) key = target.name.toLowerCase();
    else if (isDrug(target)) key = `drug.${target.name}`;
    else if (isCell(target) || isCytokine(target)) key = target.name;
    if (!key) throw new CompileError(`responders needs an output the model computes (e.g. responders bmd at total_hip > 0 at 2 years)`, r);
    if (arms[0] && !seriesOf(arms[0]).has(key)) throw new CompileError(`${key} is not computed in arm ${arms[0].arm}`, r);
    const atDays = convert(r.time, ['time'], 'responder time').value;
    const duration = arms[0]?.durationDays ?? Infinity;
    if (atDays < 0 || atDays > duration * (1 + 1e-12)) throw new CompileError(`the responder time (day ${+atDays.toPrecision(6)}) is outside the scenario`, r.time);
    const threshold = r.threshold.value;
    return { label: r.$cstNode?.text.replace(/^responders\s+/, '') ?? key, key, atDays, comparison: r.comparison as '>' | '<', threshold };
}

function compileCorrelations(population: Population, variables: readonly PopulationVariable[]): PopulationCorrelation[] {
    const seen = new Set<number>();
    return population.correlations.map(c => {
        const index = (name: VaryName) => {
            const key = varyKey(name);
            const i = variables.findIndex(v => v.parameter === key);
            if (i < 0) throw new CompileError(`correlate names '${key}', which no vary line of population ${population.name} draws`, c);
            if (variables[i].distribution.kind === 'categorical') throw new CompileError(`${key} is categorical; only continuous quantities correlate`, c);
            return i;
        };
        const first = index(c.first), second = index(c.second);
        if (first === second) throw new CompileError('a quantity cannot be correlated with itself', c);
        if (!(c.coefficient >= -1 && c.coefficient <= 1) || Math.abs(c.coefficient) === 1) throw new CompileError(`a correlation lies strictly between -1 and 1, not ${c.coefficient}`, c);
        // Each variable is mixed once, so every pair gets the correlation written (no chains).
        if (seen.has(second)) throw new CompileError(`${varyKey(c.second)} is already correlated with another quantity; each quantity is correlated at most once as the second`, c);
        seen.add(second);
        return { first, second, rho: c.coefficient };
    });
}

export { compileVary, compileResponders, compileCorrelations };
