/**
 * The units of the Osteo language (docs/language.md §5) and their conversion to the model's units
 * (docs/model.md: time in days, concentrations in mg/L or pM, volumes in L, masses in mg).
 * One table serves the validator, completion, hover and the compiler.
 */

export type Dimension =
    | 'time' | 'mass' | 'massPerWeight' | 'concentration' | 'molarConcentration' | 'rate'
    | 'volume' | 'fraction' | 'fold' | 'bodyMass' | 'clearance' | 'massRate' | 'molarMass' | 'inverseTime'
    | 'massPerArea' | 'length' | 'internationalUnits';

export interface UnitInfo {
    readonly name: string;
    readonly dimension: Dimension;
    /** Multiply a value in this unit by `factor` to get the dimension's canonical unit. */
    readonly factor: number;
}

/** Canonical unit of each dimension: what the model computes in. */
export const CANONICAL_UNIT: Record<Dimension, string> = {
    time: 'days', mass: 'mg', massPerWeight: 'mg/kg', concentration: 'mg/L', molarConcentration: 'pM',
    rate: 'pM/day', volume: 'L', fraction: 'fraction', fold: 'fold', bodyMass: 'kg', clearance: 'L/day',
    massRate: 'mg/day', molarMass: 'kDa', inverseTime: '/day', massPerArea: 'mg/m2', length: 'cm',
    internationalUnits: 'IU'
};

/** The micro prefix as people type it: micro sign, Greek mu, u, mc. */
const MICRO = ['µ', 'μ', 'u', 'mc'];

export const DAYS_PER_MONTH = 30.4375;
export const DAYS_PER_YEAR = 365.25;

const table: UnitInfo[] = [
    ...aliases(['hour', 'hours', 'h'], 'time', 1 / 24),
    ...aliases(['day', 'days'], 'time', 1),
    ...aliases(['week', 'weeks'], 'time', 7),
    ...aliases(['month', 'months'], 'time', DAYS_PER_MONTH),
    ...aliases(['year', 'years'], 'time', DAYS_PER_YEAR),
    { name: 'ng', dimension: 'mass', factor: 1e-6 },
    ...micro('g', 'mass', 1e-3),
    { name: 'mg', dimension: 'mass', factor: 1 },
    { name: 'g', dimension: 'mass', factor: 1e3 },
    { name: 'mg/kg', dimension: 'massPerWeight', factor: 1 },
    ...micro('g/kg', 'massPerWeight', 1e-3),
    { name: 'ng/kg', dimension: 'massPerWeight', factor: 1e-6 },
    // Body-surface-area doses (oncology-style mg/m²): multiplied by the Mosteller BSA of the patient.
    ...aliases(['mg/m2', 'mg/m²'], 'massPerArea', 1),
    ...micro('g/m2', 'massPerArea', 1e-3),
    ...micro('g/m²', 'massPerArea', 1e-3),
    { name: 'cm', dimension: 'length', factor: 1 },
    { name: 'm', dimension: 'length', factor: 100 },
    // International units: converted to mg by the drug's own `iu_per_mg`.
    { name: 'IU', dimension: 'internationalUnits', factor: 1 },
    { name: 'pg/mL', dimension: 'concentration', factor: 1e-6 },
    { name: 'ng/mL', dimension: 'concentration', factor: 1e-3 },
    ...micro('g/mL', 'concentration', 1),
    { name: 'mg/L', dimension: 'concentration', factor: 1 },
    { name: 'pM', dimension: 'molarConcentration', factor: 1 },
    { name: 'nM', dimension: 'molarConcentration', factor: 1e3 },
    { name: 'pM/day', dimension: 'rate', factor: 1 },
    { name: 'nM/day', dimension: 'rate', factor: 1e3 },
    { name: 'mL', dimension: 'volume', factor: 1e-3 },
    { name: 'L', dimension: 'volume', factor: 1 },
    { name: '%', dimension: 'fraction', factor: 0.01 },
    { name: 'x', dimension: 'fold', factor: 1 },
    { name: 'kg', dimension: 'bodyMass', factor: 1 },
    { name: 'L/day', dimension: 'clearance', factor: 1 },
    { name: 'L/h', dimension: 'clearance', factor: 24 },
    { name: 'mL/h', dimension: 'clearance', factor: 24e-3 },
    { name: 'mL/day', dimension: 'clearance', factor: 1e-3 },
    // Dosing rates: in a regimen `10 mg/day` is `10 mg every 1 day` (see dosingRate).
    { name: 'mg/day', dimension: 'massRate', factor: 1 },
    { name: 'mg/week', dimension: 'massRate', factor: 1 / 7 },
    { name: 'g/day', dimension: 'massRate', factor: 1e3 },
    ...micro('g/day', 'massRate', 1e-3),
    ...micro('g/week', 'massRate', 1e-3 / 7),
    { name: 'ng/h', dimension: 'massRate', factor: 24e-6 },
    ...micro('g/h', 'massRate', 24e-3),
    { name: 'kDa', dimension: 'molarMass', factor: 1 },
    { name: '/day', dimension: 'inverseTime', factor: 1 },
    { name: '/h', dimension: 'inverseTime', factor: 24 }
];

function aliases(names: string[], dimension: Dimension, factor: number): UnitInfo[] {
    return names.map(name => ({ name, dimension, factor }));
}

/** `ug…`, `µg…`, `μg…`, `mcg…`: the same unit under every spelling of micro. */
function micro(rest: string, dimension: Dimension, factor: number): UnitInfo[] {
    return aliases(MICRO.map(p => p + rest), dimension, factor);
}

/**
 * A mass rate read as a dosing schedule (`10 mg/day` → 10 mg every 1 day): the amount in mg per dose and the
 * interval in days, from the unit's numerator and denominator. Undefined when the unit is not a mass rate.
 */
export function dosingRate(value: number, unitName: string): { amountMg: number, intervalDays: number, amountUnit: string, intervalUnit: string } | undefined {
    const unit = lookupUnit(unitName);
    if (unit?.dimension !== 'massRate') return undefined;
    const [numerator, denominator] = unitName.replace(/\s+/g, '').split('/');
    const mass = lookupUnit(numerator);
    const time = lookupUnit(denominator === 'h' ? 'hours' : denominator);
    if (mass?.dimension !== 'mass' || time?.dimension !== 'time') return undefined;
    const intervalUnit = denominator === 'h' ? 'hour' : denominator;
    return { amountMg: value * mass.factor, intervalDays: time.factor, amountUnit: numerator, intervalUnit };
}

const byName = new Map(table.map(u => [u.name, u]));

export function lookupUnit(name: string): UnitInfo | undefined {
    return byName.get(name.replace(/\s+/g, ''));
}

/**
 * `value` written in unit `name`, converted to the canonical unit of its dimension: the one conversion
 * the validator (while typing) and the compiler (for the model) both use, so they agree to the last bit.
 * Undefined for an unknown unit.
 */
export function toCanonical(value: number, name: string): { readonly value: number; readonly dimension: Dimension } | undefined {
    const unit = lookupUnit(name);
    return unit ? { value: scale(value, unit.factor), dimension: unit.dimension } : undefined;
}

/** value × factor, dividing by 100, 1000 ... instead of multiplying by 0.01, 0.001 so that 95 % is exactly 0.95. */
function scale(value: number, factor: number): number {
    const inverse = Math.round(1 / factor);
    return factor < 1 && Math.abs(inverse * factor - 1) < 1e-12 ? value / inverse : value * factor;
}

export function unitsOf(dimension: Dimension): UnitInfo[] {
    return table.filter(u => u.dimension === dimension);
}

export function allUnits(): readonly UnitInfo[] {
    return table;
}

/** Human name of a dimension for messages ("a time", "a concentration"). */
export function describeDimension(d: Dimension): string {
    const names: Record<Dimension, string> = {
        time: 'a time (hours, days, weeks, months, years)', mass: 'a mass (ng, µg, mg, g)',
        massPerWeight: 'a dose per body weight (mg/kg)', concentration: 'a concentration (pg/mL, ng/mL, ug/mL, mg/L)',
        molarConcentration: 'a molar concentration (pM, nM)', rate: 'a rate (pM/day)', volume: 'a volume (mL, L)',
        fraction: 'a fraction (% or a number in [0, 1])', fold: 'a fold change (x 4 or 4x)', bodyMass: 'a body mass (kg)',
        clearance: 'a clearance (L/day, mL/h)', massRate: 'a mass rate (mg/day, ng/h)', molarMass: 'a molar mass (kDa)',
        inverseTime: 'a rate constant (/day, /h)', massPerArea: 'a dose per body surface area (mg/m2)',
        length: 'a length (cm, m)', internationalUnits: 'international units (IU)'
    };
    return names[d];
}

/** "2 years", "18 months", "40 days": a time in the unit that reads best (messages, tables, hovers). */
export function formatDays(d: number): string {
    const round = (x: number) => Number(x.toPrecision(3));
    const unit = (x: number, name: string) => `${round(x)} ${name}${round(x) === 1 ? '' : 's'}`;
    if (Math.abs(d) >= DAYS_PER_YEAR && Number.isInteger(round(d / DAYS_PER_YEAR) * 2)) return unit(d / DAYS_PER_YEAR, 'year');
    if (Math.abs(d) >= 60) return unit(d / DAYS_PER_MONTH, 'month');
    return unit(d, 'day');
}
