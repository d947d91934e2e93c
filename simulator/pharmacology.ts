/**
 * Facts about drug classes and mechanisms that the validator, hover and the simulator's reports
 * share: which classes are antiresorptive, which are biologics, which mechanisms lack a
 * quantitative source (exploratory).
 */

import anchored from './model/anchored-mechanisms.json';

export const DRUG_CLASS_INFO: Record<string, { readonly label: string; readonly description: string }> = {
    NSAID: { label: 'NSAID', description: 'non-steroidal anti-inflammatory; treats symptoms, barely touches the cytokine drivers' },
    glucocorticoid: { label: 'Glucocorticoid', description: 'broad anti-inflammatory that itself harms osteoblasts' },
    DMARD: { label: 'Conventional DMARD', description: 'disease-modifying anti-rheumatic drug (e.g. methotrexate)' },
    anti_TNF: { label: 'Anti-TNF biologic', description: 'neutralises TNF-α' },
    anti_IL6: { label: 'Anti-IL-6 biologic', description: 'blocks IL-6 receptor signalling' },
    anti_IL1: { label: 'Anti-IL-1 biologic', description: 'blocks IL-1 signalling' },
    JAK_inhibitor: { label: 'JAK inhibitor', description: 'small molecule that dampens JAK/STAT cytokine signalling' },
    NF_kB_inhibitor: { label: 'NF-κB inhibitor', description: 'blocks NF-κB, downstream of RANK and of TNF/IL-1 receptors (exploratory)' },
    bisphosphonate: { label: 'Bisphosphonate', description: 'binds bone mineral and kills resorbing osteoclasts' },
    RANKL_inhibitor: { label: 'RANKL inhibitor', description: 'binds RANKL like OPG; effect wears off after each dose' },
    anabolic: { label: 'Anabolic', description: 'stimulates bone formation' },
    cell_therapy: { label: 'Cell therapy', description: 'cells or vesicles that rebuild or re-educate (exploratory)' }
};

/** Classes that only slow resorption: they do not address inflammatory drivers. */
export const ANTIRESORPTIVE_CLASSES: ReadonlySet<string> = new Set(['bisphosphonate', 'RANKL_inhibitor']);

/** Classes where two drugs of the same class in one arm is double-dosing the same target. */
export const BIOLOGIC_CLASSES: ReadonlySet<string> = new Set(['anti_TNF', 'anti_IL6', 'anti_IL1', 'JAK_inhibitor']);

/** Classes whose long-term use harms (GI, cardiovascular, bone): warn beyond a year. */
export const SHORT_TERM_CLASSES: ReadonlySet<string> = new Set(['NSAID', 'glucocorticoid']);

/**
 * Mechanisms (class, verb, target) that a clinical anchor the model meets vouches for, written from the
 * anchor table by `npm run docs:model` (scripts/calibration/anchored-mechanisms.ts; docs/model.md §4).
 */
const ANCHORED_LIST = (anchored as { readonly mechanisms: readonly { readonly drugClass: string; readonly verb: string; readonly target: string; readonly anchors: readonly string[] }[] }).mechanisms;
const ANCHORED: ReadonlySet<string> = new Set(ANCHORED_LIST.map(m => `${m.drugClass}|${m.verb}|${m.target}`));

/** The anchors that vouch for a mechanism (empty: exploratory). */
export function anchorsOfMechanism(drugClass: string | undefined, verb: string, target: string | undefined): readonly string[] {
    return ANCHORED_LIST.find(m => m.drugClass === (drugClass ?? '') && m.verb === verb && m.target === target)?.anchors ?? [];
}

/**
 * Mechanisms without a quantitative anchor: marked exploratory in hover and reports (model.md §7). The
 * list comes from the anchor table, not from a hand-kept list: a drug class and mechanism are trusted
 * only where a clinical anchor with them is met. A drug with no mechanism is judged by its class.
 */
export function isExploratoryMechanism(drugClass: string | undefined, verb: string, target: string | undefined): boolean {
    if (drugClass === 'NF_kB_inhibitor' || drugClass === 'cell_therapy' || drugClass === 'NSAID') return true;
    if (verb === '') return false;
    return !ANCHORED.has(`${drugClass ?? ''}|${verb}|${target}`);
}

export const EXPLORATORY_NOTE = 'Exploratory: no clinical anchor the model meets has this mechanism (docs/model.md §4); treat its effect size as an assumption.';
export const LOCAL_RELEASE_NOTE = 'Exploratory: a local release depot (docs/model.md §1.8) releases the dose into the treated site, whose tissue drains into plasma; the drainage half-life and local volume are assumptions, not calibrated.';
export const TARGETED_DELIVERY_NOTE = 'Exploratory: targeted delivery multiplies local exposure and divides systemic exposure by the targeting factor (an assumption, not calibrated).';
