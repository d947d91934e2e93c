/**
 * A drug's own consistency (docs/language.md, "Drugs"): a `from` base that loops, a user drug without a stated
 * potency (the model would silently use its default), and a half-life that contradicts clearance and volume.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Drug } from '../generated/ast.js';
import { isLibraryUri } from '../builtins/library.js';
import { drugLineage, drugProperty, hasBaseCycle } from '../drug-inheritance.js';
import { findParameter, lookupUnit } from '../../../simulator/index.js';
import { issue, IssueCodes } from './issue-codes.js';
import { valueAs } from './quantities.js';

/** Relative disagreement above which a stated half-life and ln 2 · V / CL are reported. */
export const PK_TOLERANCE = 0.2;

function inUserFile(drug: Drug): boolean {
    const document = AstUtils.findRootNode(drug).$document;
    return !!document && !isLibraryUri(document.uri);
}

export function checkDrugBase(drug: Drug, accept: ValidationAcceptor): void {
    if (drug.base?.ref && hasBaseCycle(drug)) {
        accept('error', `Drug '${drug.name}' is specialised from itself through ${drugLineage(drug).map(d => d.name).join(' → ')}: a drug must start from a different one.`,
            { node: drug, property: 'base', ...issue(IssueCodes.DrugBaseCycle) });
    }
}

export function checkDrugPotency(drug: Drug, accept: ValidationAcceptor): void {
    if (!drug.name || !inUserFile(drug) || drugProperty(drug, 'ic50')) return;
    if ((drugProperty(drug, 'mechanisms') ?? []).length === 0) return;
    const fallback = findParameter('default_ic50');
    accept('warning', `Drug '${drug.name}' states no potency: the model uses the default ic50 of ${fallback?.value ?? 1} ${fallback?.unit ?? 'mg/L'}. Add \`ic50\` (e.g. \`ic50 0.5 mg/L\`) so its effect is yours, not the default's.`,
        { node: drug, property: 'name', ...issue(IssueCodes.MissingPotency, { insert: `ic50 ${fallback?.value ?? 1} ${fallback?.unit ?? 'mg/L'}` }) });
}

/**
 * A molar ic50 or km (pM, nM) needs the drug's molar_mass: the model works in mg/L, and the compiler converts
 * through it (language/src/compiler/compile-drug.ts). Without it the file validated and then failed to run.
 */
export function checkMolarConcentrations(drug: Drug, accept: ValidationAcceptor): void {
    if (!drug.name || drugProperty(drug, 'molarMass')) return;
    for (const [property, label] of [['ic50', 'ic50'], ['km', 'km']] as const) {
        const q = drug[property];
        if (!q?.unit || lookupUnit(q.unit)?.dimension !== 'molarConcentration') continue;
        accept('error', `The ${label} of '${drug.name}' is molar (${q.unit}): give the drug's molar_mass (e.g. \`molar_mass 148 kDa\`) so that it can be converted to mg/L, or write it in mg/L.`,
            { node: q, ...issue(IssueCodes.MissingProperty) });
    }
}

/** Properties the model needs together (as the compiler requires them: language/src/compiler/compile-drug.ts). */
const PAIRS = [
    ['peripheralVolume', 'peripheral_volume', 'intercompartmentalClearance', 'intercompartmental_clearance', 'a second compartment'],
    ['vmax', 'vmax', 'km', 'km', 'Michaelis–Menten clearance']
] as const;

export function checkPropertyPairs(drug: Drug, accept: ValidationAcceptor): void {
    if (!drug.name) return;
    for (const [a, aName, b, bName, what] of PAIRS) {
        const hasA = drugProperty(drug, a) !== undefined, hasB = drugProperty(drug, b) !== undefined;
        if (hasA === hasB) continue;
        const [given, missing, node] = hasA ? [aName, bName, drug[a]] : [bName, aName, drug[b]];
        accept('error', `Drug '${drug.name}': ${given} needs ${missing} too (${what}).`, { node: node ?? drug, property: node ? undefined : 'name', ...issue(IssueCodes.MissingProperty) });
    }
}

export function checkPkConsistency(drug: Drug, accept: ValidationAcceptor): void {
    if (!drug.name || !inUserFile(drug)) return;
    // Two compartments or saturable clearance: the terminal half-life is not ln 2 · V / CL.
    if (drugProperty(drug, 'peripheralVolume') || drugProperty(drug, 'vmax')) return;
    const halfLife = valueAs(drugProperty(drug, 'halfLife'), 'time');
    const clearance = valueAs(drugProperty(drug, 'clearance'), 'clearance');
    const volume = valueAs(drugProperty(drug, 'volume'), 'volume');
    if (!(halfLife! > 0 && clearance! > 0 && volume! > 0)) return;
    const implied = Math.LN2 * volume! / clearance!;
    if (Math.abs(implied - halfLife!) / halfLife! <= PK_TOLERANCE) return;
    const r = (x: number) => +x.toPrecision(3);
    accept('warning', `Drug '${drug.name}': half_life ${r(halfLife!)} days disagrees with volume ${r(volume!)} L and clearance ${r(clearance!)} L/day, which give ln 2 · V / CL = ${r(implied)} days. The model eliminates by clearance; correct one of the three.`,
        { node: drug.halfLife ?? drug, ...issue(IssueCodes.InconsistentPk, { impliedHalfLifeDays: implied }) });
}
