/** What the language's keywords mean (docs/language.md §3–§5), for hover on a keyword. */
import { DRUG_CLASS_INFO } from '../../../simulator/index.js';
import { VERB_TARGET_KINDS, kindsWord } from '../validation/target-kinds.js';

const VERB_MEANING: Readonly<Record<string, string>> = {
    neutralizes: 'binds the cytokine itself so it cannot signal (anti-TNF antibodies)',
    blocks: 'blocks the cytokine\'s receptor signalling (anti-IL-6R, IL-1 receptor antagonist)',
    inhibits: 'inhibits an intracellular signalling pathway (JAK inhibitors, NF-κB inhibitors)',
    binds: 'binds a mediator and takes it out of play (denosumab binds RANKL, like OPG; romosozumab binds sclerostin)',
    kills: 'kills the cells (bisphosphonates: osteoclast apoptosis)',
    stimulates: 'stimulates the cells (anabolic: bone formation)',
    supplies: 'adds cells to the pool (stem-cell therapy) or a mediator to its level (teriparatide supplies PTH)',
    polarizes: 'shifts cells to another state (M1 → M2 macrophages)'
};

const KEYWORDS: Readonly<Record<string, string>> = {
    drug: 'A drug: class, mechanism(s), route and pharmacokinetics (docs/language.md §3.1).',
    regimen: 'A reusable dosing plan: a drug, a dose and interval, an optional loading dose and targeted delivery (§3.2).',
    condition: 'An inflammatory driver: the cytokines it raises and the cells it activates, systemically or at named sites (§3.3).',
    scenario: 'A question to simulate: horizon, patient, active conditions, the arms to compare and what to report (§3.4).',
    arm: 'One treatment arm: simulated separately and compared with the other arms of the scenario.',
    give: 'Gives a regimen, or a drug with an inline dose, `from` a start time (default 0) and optionally `until` a stop time.',
    infuse: 'An exogenous mediator (RANKL, OPG, PTH) at a constant rate, for mechanistic experiments.',
    report: 'What to plot and summarise. Without any `report`: `bmd at lumbar_spine, total_hip`, `osteoclasts`, `osteoblasts`.',
    set: 'Overrides a model parameter by its name in the model\'s parameter table (docs/model.md).',
    duration: 'Simulated horizon (> 0, at most 100 years).',
    sample: 'Output spacing; default 1 day up to 2 years, else 1 week.',
    patient: 'The simulated patient; defaults: age 50 years, female, premenopausal, 70 kg.',
    half_life: 'Elimination half-life of the drug in the central compartment.',
    absorption_half_life: 'Absorption half-life from the dosing site; default by route.',
    bioavailability: 'Fraction of the dose reaching the circulation; default 100 % for intravenous.',
    volume: 'Apparent (central) volume of distribution.',
    ic50: 'Concentration (or, for bisphosphonates, bone-bound amount) giving half the maximal effect.',
    emax: 'Maximal fractional effect; default 100 %.',
    bone_half_life: 'Skeletal retention half-life (bisphosphonates).',
    bone_uptake: 'Fraction of the absorbed dose taken up by bone (bisphosphonates).',
    loading: 'A first dose that differs from the maintenance dose.',
    delivery: 'Delivery of a regimen: `targeting F` multiplies bone/joint exposure by F and divides systemic exposure by it; `release T` puts each dose into a depot at the local site that releases with half-time T (both assumptions, not calibrated).',
    release: 'Release half-time of a local delivery depot (docs/model.md §1.8): each dose goes into a depot at the scenario\'s local sites (hand, alveolar_bone) and is released into the site\'s tissue, which drains into plasma; the site sees its tissue level plus plasma, so the local/systemic ratio is high early and falls as the depot empties (exploratory).',
    every: 'Repeat interval of the dose (or, after `sample`, of the output).',
    targeting: 'Targeting factor of the delivery: exposure at bone/joint × the factor, systemic exposure ÷ it.',
    remission: 'Condition in remission: activity 0.1 of its full drives (docs/model.md).',
    mild: 'Mild condition: activity 0.33 of its full drives (docs/model.md).',
    moderate: 'Moderate condition (the default): activity 0.66 of its full drives (docs/model.md).',
    high: 'High activity: the condition\'s drives at full strength, activity 1.0 (docs/model.md).',
    once: 'A single dose.',
    taper: 'A stepwise dose reduction: `taper DRUG from 10 mg to 0 mg step 2.5 mg every 2 weeks` (dosed daily unless stated; docs/language.md).',
    height: 'Body height (cm or m): with the weight it gives the body surface area of mg/m² doses (Mosteller).',
    iu_per_mg: 'International units per mg of the drug: converts doses written in IU.',
    severity: 'Activity of the condition: remission, mild, moderate (default) or high.',
    onset: 'When the condition starts (default 0).',
    resolves: 'When the condition resolves (optional).',
    menopause: 'Age at menopause: drives postmenopausal loss from that age on.',
    drives: 'Cytokines raised by the condition, as fold changes over the healthy baseline at full activity.',
    activates: 'Cells activated by the condition, as fold changes.',
    local_excess: 'Extra fold change at the condition\'s own sites, on top of the systemic level.',
    scope: 'systemic (whole skeleton) or local (named sites only).',
    mechanism: 'What the drug does: a verb and the concept it acts on (docs/language.md §4).',
    class: 'The drug class (docs/language.md §4).',
    route: 'oral | subcutaneous | intravenous | intra_articular | local. `local` doses go into a release depot at the scenario\'s local sites (released with the absorption half-life; docs/language.md §9).',
    suppresses: 'suppresses inflammation broadly (NSAIDs, glucocorticoids, DMARDs).',
    sweep: 'Re-runs one arm for each value of one input (a curve) or each pair of two (a grid, at most 10,000 runs) and reports one measured output per run.',
    population: 'Virtual patients: every arm re-run with model parameters drawn per patient (seeded, reproducible); reports the median and 5th–95th percentiles.',
    vary: 'What a sweep or population varies: `start of`/`dose of`/`interval of` a regimen `in` an arm, `severity of` a condition, or a model parameter; a population also a drug\'s `DRUG.clearance|volume|half_life|ic50|ka|bioavailability` and the patient\'s `weight`, `age`, `height`.',
    dose: 'The amount given each time (`dose 40 mg every 2 weeks`); in a sweep or a population, `dose of R in ARM` varies it.',
    correlate: 'Correlates two continuous `vary` lines of a population through their normal scores (a Gaussian copula, r between −1 and 1): `correlate weight, adalimumab.clearance 0.6`.',
    responders: 'Counts, per arm, the virtual patients whose output at a time is above (or below) a threshold: `responders bmd at total_hip > 0 at 2 years` (failed runs left out).',
    measure: 'The output each sweep run reports, e.g. `measure bmd at lumbar_spine at 3 years` (default time: the end of the scenario); in a sensitivity block also `in ARM` and several times (`at 1 year, 3 years, 5 years`: indices over time).',
    sensitivity: 'Which parameters drive a series (docs/language.md §3.7): `method local|morris|sobol`, a `measure` line (series, `in ARM`, one or several times), `samples`, `seed`, and `vary PARAMETER [from LOW to HIGH]` lines (default: every parameter, ½ to 2 × its value). `osteo run` and the results view include it; `osteo sensitivity` starts from it.',
    method: 'How a sensitivity block measures influence: `local` (coefficients at the parameters\' values, the default), `morris` (screening: μ*, σ) or `sobol` (first-order and total indices with 95 % intervals).',
    local: 'Route: applied at the site. In a sensitivity block: the local method (d ln output / d ln parameter at the parameters\' values).',
    morris: 'Morris screening: r trajectories on a 4-level grid; μ* ranks influence, σ flags interactions or non-linearity (r (k + 1) runs).',
    sobol: 'Sobol indices by Saltelli sampling from a low-discrepancy sequence: first-order (alone) and total (with interactions) shares of the output\'s variance, with bootstrap 95 % intervals (N (k + 2) runs).',
    samples: 'Sobol: base samples N (runs N (k + 2), default 64); Morris: trajectories r (runs r (k + 1), default 10).',
    lognormal: 'Log-normal spread around the parameter\'s value (the median), with the given coefficient of variation.',
    uniform: 'Uniform draws between two bounds, in the parameter\'s unit and within its valid range.',
    size: 'Number of virtual patients (1 to 10,000; default 100).',
    seed: 'Seed of the random draws (default 1): the same seed gives the same patients (a population) or the same Morris trajectories and bootstrap (a sensitivity block), and so the same results.',
    step: 'Spacing of the sweep values from `from` to `to`.',
    values: 'An explicit list of sweep values (numbers with units, or severities).'
};

/** Markdown for a keyword, or undefined when it needs no explanation. */
export function keywordDoc(keyword: string): string | undefined {
    const drugClass = DRUG_CLASS_INFO[keyword];
    if (drugClass) return `**${drugClass.label}** — ${drugClass.description}`;
    const verb = VERB_MEANING[keyword];
    if (verb) return `**${keyword}** ${kindsWord(VERB_TARGET_KINDS[keyword] ?? [])}: ${verb}`;
    const text = KEYWORDS[keyword];
    return text ? `**${keyword}** — ${text}` : undefined;
}
