/**
 * `drug adalimumab_biosimilar from adalimumab { half_life 12 days }`: a drug specialised from another keeps
 * every property of its base that it does not state itself (docs/language.md, "Specialising a drug").
 * The compiler, the validator and hover all read a drug's properties through here.
 */
import type { Drug } from './generated/ast.js';

/** The properties a drug can inherit (everything in its body). */
export type DrugProperty = Exclude<keyof Drug, '$type' | '$container' | '$containerProperty' | '$containerIndex'
    | '$cstNode' | '$document' | 'name' | 'title' | 'base'>;

/** The drug and its bases, nearest first; stops at a cycle (reported by the validator). */
export function drugLineage(drug: Drug): Drug[] {
    const chain: Drug[] = [];
    for (let d: Drug | undefined = drug; d && !chain.includes(d); d = d.base?.ref) chain.push(d);
    return chain;
}

/** True when following `from` leads back to the drug itself. */
export function hasBaseCycle(drug: Drug): boolean {
    const chain = drugLineage(drug);
    const last = chain[chain.length - 1];
    return last.base?.ref !== undefined && chain.includes(last.base.ref);
}

/** The nearest stated value of a property along the lineage (a list property: the nearest non-empty list). */
export function drugProperty<K extends DrugProperty>(drug: Drug, property: K): Drug[K] | undefined {
    for (const d of drugLineage(drug)) {
        const value = d[property];
        if (Array.isArray(value) ? value.length > 0 : value !== undefined) return value;
    }
    return undefined;
}

const PROPERTIES: readonly DrugProperty[] = [
    'drugClass', 'mechanisms', 'route', 'halfLife', 'absorptionHalfLife', 'bioavailability', 'volume', 'clearance',
    'peripheralVolume', 'intercompartmentalClearance', 'vmax', 'km', 'molarMass', 'ic50', 'emax', 'boneHalfLife',
    'boneUptake', 'iuPerMg'
];

/** A view of the drug with every inherited property filled in; the name stays the derived drug's. */
export function effectiveDrug(drug: Drug): Drug {
    if (!drug.base) return drug;
    const merged: Record<string, unknown> = { ...drug };
    for (const p of PROPERTIES) merged[p] = drugProperty(drug, p) ?? (p === 'mechanisms' ? [] : undefined);
    return merged as unknown as Drug;
}
