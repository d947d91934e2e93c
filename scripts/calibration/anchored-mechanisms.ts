/**
 * Which drug mechanisms a quantitative anchor vouches for (issue 11: every drug says how far it can be
 * trusted, automatically, from the anchor table). A mechanism — drug class, verb and target — is anchored
 * when a drug with it is given in an arm of a clinical (type C) anchor that the model meets and that is
 * not an identity; every other mechanism is exploratory in hover, the results header and the report
 * (simulator/pharmacology.ts reads the list). `npm run docs:model` writes the list to
 * simulator/model/anchored-mechanisms.json; tests/simulator/anchors-clinical.test.ts checks it is current.
 */
import type { AnchorScenarios } from './load-anchors.js';
import { evidenceOf, type AnchorOutcome } from './anchors.js';

export interface AnchoredMechanism {
    readonly drugClass: string;
    readonly verb: string;
    readonly target: string;
    /** Anchors that vouch for it, and the drugs that carried it there. */
    readonly anchors: string[];
    readonly drugs: string[];
}

export function anchoredMechanisms(scenarios: AnchorScenarios, outcomes: readonly AnchorOutcome[]): AnchoredMechanism[] {
    const found = new Map<string, { drugClass: string; verb: string; target: string; anchors: Set<string>; drugs: Set<string> }>();
    for (const o of outcomes) {
        if (!o.pass || o.anchor.type !== 'C' || evidenceOf(o.anchor) === 'identity') continue;
        const scenario = scenarios.get(o.anchor.scenario);
        for (const arm of scenario?.arms ?? []) {
            for (const drug of arm.drugs) {
                for (const m of drug.mechanisms) {
                    const key = `${drug.drugClass}|${m.verb}|${m.target}`;
                    const entry = found.get(key) ?? { drugClass: drug.drugClass, verb: m.verb, target: m.target, anchors: new Set<string>(), drugs: new Set<string>() };
                    entry.anchors.add(o.anchor.id);
                    entry.drugs.add(drug.name);
                    found.set(key, entry);
                }
            }
        }
    }
    return [...found.values()]
        .map(e => ({ drugClass: e.drugClass, verb: e.verb, target: e.target, anchors: [...e.anchors].sort(), drugs: [...e.drugs].sort() }))
        .sort((a, b) => `${a.drugClass}|${a.verb}|${a.target}`.localeCompare(`${b.drugClass}|${b.verb}|${b.target}`));
}
