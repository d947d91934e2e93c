import type { ValidationAcceptor } from 'langium';
import { isConditionUse, isCytokine, isGive, type Arm, type Cytokine, type Give, type Scenario } from '../generated/ast.js';
import { ANTIRESORPTIVE_CLASSES, BIOLOGIC_CLASSES, DAYS_PER_MONTH, DAYS_PER_YEAR, DRUG_CLASS_INFO, SHORT_TERM_CLASSES } from '../../../simulator/index.js';
import { issue, IssueCodes } from './issue-codes.js';
import { days, formatDays, valueAs } from './quantities.js';
import { dosingOf, drugOf, scenarioDuration, windowOf, type Window } from './scenario-facts.js';

/**
 * The source article's lessons as warnings and hints (language spec §6), one rationale per message.
 * Every claim a message makes about what will happen is simulated in tests/simulator/warning-claims.test.ts.
 * Only gives whose drug, class and times are all known take part: partial input yields no guess.
 */

interface GiveFacts {
    readonly give: Give;
    readonly drugName: string;
    readonly drugClass: string;
    readonly window: Window;
    readonly once: boolean;
}

function factsOf(give: Give): GiveFacts | undefined {
    const drug = drugOf(give);
    const written = windowOf(give);
    if (!drug?.drugClass || !written) return undefined;
    // Stopped before it starts (a time-order error): never given, so no lesson applies to it (no cascades).
    if (written.until !== undefined && written.until <= written.from) return undefined;
    const once = dosingOf(give)?.once === true;
    // A single dose acts for about five half-lives, not until the end of the scenario.
    const halfLife = days(drug.halfLife);
    const window = once && written.until === undefined && halfLife !== undefined
        ? { from: written.from, until: written.from + 5 * halfLife } : written;
    return { give, drugName: drug.name, drugClass: drug.drugClass, window, once };
}

function overlaps(a: Window, b: Window): boolean {
    return a.from < (b.until ?? Infinity) && b.from < (a.until ?? Infinity);
}

function classLabel(drugClass: string): string {
    return DRUG_CLASS_INFO[drugClass]?.label ?? drugClass;
}

/** Cytokine → fold at full activity, over the conditions of the scenario not in remission. */
function raisedCytokines(scenario: Scenario | undefined, minimumFold: number): Map<string, { fold: number, condition: string }> {
    const raised = new Map<string, { fold: number, condition: string }>();
    for (const use of scenario?.members?.filter(isConditionUse) ?? []) {
        const condition = use.condition?.ref;
        if (!condition || use.severity === 'remission') continue;
        const folds = new Map<string, number>();
        for (const effect of [...(condition.drives ?? []), ...(use.overrides ?? [])]) {
            const target = effect.target?.ref;
            const fold = valueAs(effect.fold, 'fold');
            if (isCytokine(target) && fold !== undefined) folds.set(target.name, fold);
        }
        for (const [cytokine, fold] of folds) {
            if (fold >= minimumFold && fold > (raised.get(cytokine)?.fold ?? 0)) raised.set(cytokine, { fold, condition: condition.name });
        }
    }
    return raised;
}

const LONG_TERM_RISK: Record<string, string> = {
    NSAID: 'long-term NSAIDs carry gastrointestinal, renal and cardiovascular risk and barely touch the cytokine drivers of bone loss',
    glucocorticoid: 'long-term glucocorticoids themselves cause bone loss (osteoblast apoptosis, glucocorticoid-induced osteoporosis) and metabolic harm'
};

/** An inflammatory condition: raises some cytokine at least two-fold (RA, periodontitis, infection, metabolic). */
const INFLAMMATORY_FOLD = 2;
/** How long one denosumab dose keeps RANKL suppressed (its dosing interval). */
const DENOSUMAB_EFFECT_DAYS = 6 * DAYS_PER_MONTH;

export function checkArmPharmacology(arm: Arm, accept: ValidationAcceptor): void {
    const scenario = arm.$container as Scenario | undefined;
    const horizon = scenarioDuration(scenario);
    const gives = (arm.interventions ?? []).filter(isGive);
    const facts = gives.map(factsOf);
    const known = facts.filter((f): f is GiveFacts => f !== undefined);

    // Two drugs of one biologic class at once.
    known.forEach((b, j) => {
        // Doses of one drug (induction then maintenance) are a schedule, not two drugs.
        const a = known.slice(0, j).find(a => a.drugName !== b.drugName && a.drugClass === b.drugClass
            && BIOLOGIC_CLASSES.has(a.drugClass) && overlaps(a.window, b.window));
        if (!a) return;
        accept('warning', `${b.drugName} overlaps in time with ${a.drugName} in arm '${arm.name}', both ${classLabel(b.drugClass)}s: two drugs on one target add infection risk for little added benefit. Stagger them with from/until, or keep one.`,
            { node: b.give, property: 'target', ...issue(IssueCodes.OverlappingClass) });
    });

    // NSAIDs and glucocorticoids beyond a year.
    for (const f of known) {
        if (!SHORT_TERM_CLASSES.has(f.drugClass) || f.once) continue;
        const end = f.window.until ?? horizon;
        if (end === undefined || end - f.window.from <= DAYS_PER_YEAR) continue;
        accept('warning', `${f.drugName} is given for ${formatDays(end - f.window.from)}: ${LONG_TERM_RISK[f.drugClass]}. Limit it to a year with \`until\`, or add a steroid-sparing therapy.`,
            { node: f.give, property: 'target', ...issue(IssueCodes.LongAntiInflammatory) });
    }

    // Denosumab stopped without a follow-on antiresorptive. The message says what trials show and what the
    // model shows; tests/simulator/warning-claims.test.ts simulates it and ties the wording to anchor R11.
    for (const f of known) {
        if (f.drugClass !== 'RANKL_inhibitor' || horizon === undefined) continue;
        const until = f.give.until ? days(f.give.until) : undefined;
        const stop = until ?? (f.once ? f.window.from + DENOSUMAB_EFFECT_DAYS : undefined);
        if (stop === undefined || stop >= horizon) continue;
        const followOn = known.some(o => o !== f && ANTIRESORPTIVE_CLASSES.has(o.drugClass) && o.window.from >= f.window.from
            && (o.give.until ? (days(o.give.until) ?? 0) > stop : !o.once || o.window.from >= stop - DENOSUMAB_EFFECT_DAYS));
        if (followOn) continue;
        accept('warning', `${f.drugName} ${until !== undefined ? `stops at ${formatDays(stop)}` : 'is given once and wears off after about 6 months'}, before the end of the scenario (${formatDays(horizon)}), with no follow-on antiresorptive: in trials, resorption rebounds above baseline and the bone gained is lost within about a year (Bone et al., JCEM 2011); this model shows the gain lost more slowly and no rebound (anchor R11 is a known miss, docs/model.md). Continue it, or follow it with a bisphosphonate (e.g. \`give zoledronate 5 mg once from ${formatDays(stop)}\`).`,
            { node: f.give, property: f.give.until ? 'until' : 'target', ...issue(IssueCodes.DenosumabStop) });
    }

    // An antiresorptive alone against inflammation.
    const inflammatory = raisedCytokines(scenario, INFLAMMATORY_FOLD);
    if (gives.length > 0 && known.length === gives.length && known.every(f => ANTIRESORPTIVE_CLASSES.has(f.drugClass)) && inflammatory.size > 0) {
        const byCondition = new Map<string, string[]>();
        for (const [cytokine, { condition }] of inflammatory) byCondition.set(condition, [...(byCondition.get(condition) ?? []), cytokine]);
        const drivers = [...byCondition].map(([condition, cytokines]) => `${condition} raises ${cytokines.join(', ')}`).join('; ');
        accept('hint', `Arm '${arm.name}' only slows resorption (${[...new Set(known.map(f => f.drugName))].join(', ')}) while ${drivers}: an antiresorptive does not address the inflammatory drivers of bone loss. Consider adding an anti-inflammatory therapy for comparison.`,
            { node: arm, property: 'name', ...issue(IssueCodes.AntiresorptiveAlone) });
    }

    // Anti-cytokine drugs whose target is not raised.
    const raised = raisedCytokines(scenario, 1 + 1e-9);
    for (const f of known) {
        const drug = drugOf(f.give);
        for (const mechanism of drug?.mechanisms ?? []) {
            if (mechanism.verb !== 'neutralizes' && mechanism.verb !== 'blocks') continue;
            const target = mechanism.target?.ref;
            if (!isCytokine(target) || raised.has(target.name)) continue;
            accept('hint', `${f.drugName} ${mechanism.verb} ${displayName(target)}, but no condition of this scenario raises it: expect little effect on bone. Add a condition that drives ${target.name}, or choose a drug against a raised cytokine.`,
                { node: f.give, property: 'target', ...issue(IssueCodes.UntargetedCytokine) });
        }
    }
}

function displayName(c: Cytokine): string {
    return c.title ? c.title.replace(/^"|"$/g, '') : c.name;
}
