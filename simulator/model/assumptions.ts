/**
 * Which exploratory mechanisms and labelled assumptions an arm relies on (model.md §7), one
 * sentence each, for reports and hover footnotes.
 */
import type { ModelDescription } from '../model-description.js';
import { EXPLORATORY_NOTE, LOCAL_RELEASE_NOTE, TARGETED_DELIVERY_NOTE, isExploratoryMechanism } from '../pharmacology.js';

export interface ArmAssumption {
    /** The drug (or condition) concerned. */
    readonly subject: string;
    readonly mechanism: string;
    readonly note: string;
}

export function exploratoryMechanisms(desc: ModelDescription): ArmAssumption[] {
    const out: ArmAssumption[] = [];
    for (const d of desc.drugs) {
        for (const m of d.mechanisms) {
            if (isExploratoryMechanism(d.drugClass, m.verb, m.target)) {
                out.push({ subject: d.name, mechanism: `${m.verb} ${m.target}`, note: EXPLORATORY_NOTE });
            }
        }
        if (d.targeting !== 1) out.push({ subject: d.name, mechanism: `targeted delivery ×${d.targeting}`, note: TARGETED_DELIVERY_NOTE });
        if (d.localRelease) {
            out.push({ subject: d.name, mechanism: `local release depot (release half-time ${+d.localRelease.halfLifeDays.toPrecision(4)} days)`, note: LOCAL_RELEASE_NOTE });
        }
    }
    return out;
}
