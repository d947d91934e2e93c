/**
 * Computed facts about declarations and quantities, in words a modeller reads: shared by hover,
 * completion details and the outline. Pure functions over the AST; nothing here throws on partial nodes.
 */
import type { AstNode } from 'langium';
import {
    isArm, isCondition, isConcept, isDataTable, isDrug, isGive, isInfuse, isRegimen, isScenario, isTaper,
    type Arm, type Concept, type Condition, type Dosing, type Drug, type FoldEffect, type Intervention,
    type Mechanism, type Quantity, type Regimen, type Scenario
} from '../generated/ast.js';
import { CANONICAL_UNIT, describeDimension, type Dimension, DRUG_CLASS_INFO, EXPLORATORY_NOTE, isExploratoryMechanism, LOCAL_RELEASE_NOTE, lookupUnit, type ParameterInfo, TARGETED_DELIVERY_NOTE } from '../../../simulator/index.js';
import { kindWord } from '../validation/target-kinds.js';
import { everyOtherInterval, everyOtherUnit, frequencyInterval } from '../dosing-frequency.js';
import { dataFacts } from './osteo-data-describe.js';
import { formatNumber } from './format-number.js';

export { formatNumber } from './format-number.js';

/** The quantity as a modeller writes it: "40 mg", "×4", "64 %". Undefined for a missing or partial quantity. */
export function quantityWords(q: Quantity | undefined): string | undefined {
    if (!q || typeof q.value !== 'number' || !Number.isFinite(q.value)) return undefined;
    if (q.fold || q.unit === 'x') return `×${formatNumber(q.value)}`;
    return q.unit ? `${formatNumber(q.value)} ${q.unit}` : formatNumber(q.value);
}

/** The quantity in its dimension's canonical unit ("730.5 days"), or undefined when it already is, or cannot be. */
export function canonicalWords(q: Quantity | undefined): string | undefined {
    if (!q || !q.unit || q.fold || typeof q.value !== 'number' || !Number.isFinite(q.value)) return undefined;
    const unit = lookupUnit(q.unit);
    if (!unit) return undefined;
    const value = q.value * unit.factor;
    if (unit.dimension === 'fraction') return `fraction ${formatNumber(value)}`;
    if (unit.dimension === 'fold') return undefined;
    const canonical = CANONICAL_UNIT[unit.dimension];
    if (canonical === unit.name) return undefined;
    return `${formatNumber(value)} ${canonical}`;
}

/** A one-line description of what a quantity means in canonical units, for hover on a number or unit. */
export function describeQuantity(q: Quantity, expected?: readonly Dimension[], label?: string): string {
    const written = quantityWords(q) ?? q.$cstNode?.text ?? '';
    const head = label ? `**${label}** ${written}` : `**${written}**`;
    if (q.fold || q.unit === 'x') return `${head} — fold change over the healthy baseline`;
    if (!q.unit) {
        if (expected?.includes('fraction')) return `${head} — a fraction: ${formatNumber(q.value * 100)} %`;
        if (expected?.includes('fold')) return `${head} — fold change ×${formatNumber(q.value)}`;
        return expected && expected.length > 0
            ? `${head} — no unit; expected ${expected.map(describeDimension).join(' or ')}`
            : `${head} — a bare number`;
    }
    const unit = lookupUnit(q.unit);
    if (!unit) return `${head} — unknown unit '${q.unit}'${expected && expected.length > 0 ? `; expected ${expected.map(describeDimension).join(' or ')}` : ''}`;
    const canonical = canonicalWords(q);
    const dimension = describeDimension(unit.dimension).replace(/ \(.*\)$/, '');
    return canonical ? `${head} = ${canonical} (${dimension})` : `${head} (${dimension})`;
}

/** "neutralizes TNF_alpha", "suppresses inflammation". */
export function mechanismWords(m: Mechanism): string {
    if (m.verb === 'suppresses') return 'suppresses inflammation';
    return `${m.verb ?? '?'} ${m.target?.$refText || '?'}`;
}

/** Whether any mechanism of the drug is exploratory (pharmacology.ts). */
export function isExploratoryDrug(drug: Drug): boolean {
    if (drug.mechanisms.length === 0) return isExploratoryMechanism(drug.drugClass, '', undefined);
    return drug.mechanisms.some(m => isExploratoryMechanism(drug.drugClass, m.verb, m.target?.$refText));
}

export function drugClassLabel(drugClass: string | undefined): string | undefined {
    return drugClass ? DRUG_CLASS_INFO[drugClass]?.label ?? drugClass : undefined;
}

/** Markdown lines: class, mechanism, route, half-lives, potency. */
export function drugFacts(drug: Drug): string[] {
    const lines: string[] = [];
    const info = drug.drugClass ? DRUG_CLASS_INFO[drug.drugClass] : undefined;
    if (drug.drugClass) lines.push(`Class: ${info ? `${info.label} — ${info.description}` : drug.drugClass}`);
    if (drug.mechanisms.length > 0) lines.push(`Mechanism: ${drug.mechanisms.map(mechanismWords).join(', ')}`);
    if (drug.route) lines.push(`Route: ${drug.route.replace(/_/g, '-')}`);
    const pk: string[] = [];
    const add = (label: string, q: Quantity | undefined) => {
        const words = quantityWords(q);
        if (words) pk.push(`${label} ${words}`);
    };
    add('half-life', drug.halfLife);
    add('absorption half-life', drug.absorptionHalfLife);
    add('bioavailability', drug.bioavailability);
    add('volume', drug.volume);
    add('clearance', drug.clearance);
    add('bone half-life', drug.boneHalfLife);
    add('bone uptake', drug.boneUptake);
    if (pk.length > 0) lines.push(`PK: ${pk.join(', ')}`);
    const potency: string[] = [];
    const ic50 = quantityWords(drug.ic50);
    const emax = quantityWords(drug.emax);
    if (ic50) potency.push(`IC50 ${ic50}`);
    if (emax) potency.push(`Emax ${emax}`);
    if (potency.length > 0) lines.push(`Potency: ${potency.join(', ')}`);
    if (isExploratoryDrug(drug)) lines.push(`⚠ ${EXPLORATORY_NOTE}`);
    return lines;
}

/** "40 mg every 2 weeks", "5 mg once". */
export function dosingWords(dosing: Dosing | undefined): string | undefined {
    if (!dosing) return undefined;
    const amount = quantityWords(dosing.amount);
    if (!amount) return undefined;
    if (dosing.once) return `${amount} once`;
    const interval = quantityWords(dosing.interval);
    if (interval) return `${amount} every ${interval}`;
    // Shorthands are shown with their long form: "5 mg twice daily (every 12 hours)".
    const other = everyOtherUnit(dosing);
    const shorthand = other ? { text: `every other ${other}`, ...everyOtherInterval(other) }
        : dosing.frequency.length > 0 ? { text: dosing.frequency.join(' '), ...frequencyInterval(dosing.frequency) } : undefined;
    return shorthand?.longForm ? `${amount} ${shorthand.text} (${shorthand.longForm})` : amount;
}

/** "adalimumab 40 mg every 2 weeks (loading 80 mg), nanoparticle delivery ×4" (or "…, hydrogel delivery, release half-time 7 days"). */
export function regimenSchedule(regimen: Regimen): string {
    const parts = [regimen.drug?.$refText || 'no drug'];
    const dose = dosingWords(regimen.dosing);
    if (dose) parts.push(dose);
    const loading = quantityWords(regimen.loading);
    let text = parts.join(' ');
    if (loading) text += ` (loading ${loading})`;
    if (regimen.delivery?.kind) {
        const factor = quantityWords(regimen.delivery.targeting);
        text += `, ${regimen.delivery.kind} delivery${factor ? ` ${factor.startsWith('×') ? factor : `×${factor}`}` : ''}`;
        const release = quantityWords(regimen.delivery.release);
        if (release) text += `, release half-time ${release}`;
    }
    return text;
}

/** "AntiTNF from 0 months", "denosumab 60 mg every 6 months from 0 months until 2 years". */
export function interventionWords(intervention: Intervention): string {
    const when = (from: Quantity | undefined, until: Quantity | undefined) => {
        const start = quantityWords(from);
        const stop = quantityWords(until);
        return `${start ? ` from ${start}` : ''}${stop ? ` until ${stop}` : ''}`;
    };
    if (isInfuse(intervention)) {
        const rate = quantityWords(intervention.rate);
        return `infuse ${intervention.mediator?.$refText || '?'}${rate ? ` at ${rate}` : ''}${when(intervention.from, intervention.until)}`;
    }
    if (isTaper(intervention)) {
        const [high, low, step] = [intervention.high, intervention.low, intervention.step].map(quantityWords);
        return `taper ${intervention.target?.$refText || '?'} from ${high ?? '?'} to ${low ?? '?'} step ${step ?? '?'} every ${quantityWords(intervention.stepInterval) ?? '?'}`;
    }
    const dose = dosingWords(intervention.dosing);
    return `${intervention.target?.$refText || '?'}${dose ? ` ${dose}` : ''}${when(intervention.from, intervention.until)}`;
}

function foldList(effects: FoldEffect[]): string {
    return effects.map(e => `${e.target?.$refText || '?'} ${quantityWords(e.fold) ?? ''}`.trim()).join(', ');
}

export function conditionFacts(condition: Condition): string[] {
    const lines: string[] = [];
    if (condition.scope) lines.push(`Scope: ${condition.scope === 'local' ? 'local (named sites only)' : 'systemic (whole skeleton)'}`);
    if (condition.drives.length > 0) lines.push(`Drives: ${foldList(condition.drives)}`);
    if (condition.activates.length > 0) lines.push(`Activates: ${foldList(condition.activates)}`);
    if (condition.processes.length > 0) lines.push(`Processes: ${condition.processes.join(', ').replace(/_/g, ' ')}`);
    if (condition.sites.length > 0) lines.push(`Sites: ${condition.sites.map(s => s.$refText).join(', ')}`);
    const excess = quantityWords(condition.localExcess);
    if (excess) lines.push(`Local excess at its sites: ${excess}`);
    return lines;
}

export function conceptFacts(concept: Concept): string[] {
    const lines: string[] = [];
    const baseline = quantityWords(concept.baseline);
    if (baseline) lines.push(`Healthy baseline: ${baseline}${canonicalWords(concept.baseline) ? ` (${canonicalWords(concept.baseline)})` : ''}`);
    if (concept.unit) lines.push(`Reported in: ${concept.unit}`);
    if (concept.scope) lines.push(`Scope: ${concept.scope}`);
    if (concept.perSite) lines.push('Reported per site: write `at SITE`');
    return lines;
}

export function scenarioFacts(scenario: Scenario): string[] {
    const lines: string[] = [];
    for (const member of scenario.members) {
        if (member.$type === 'DurationSpec') {
            const d = quantityWords(member.value);
            if (d) lines.push(`Horizon: ${d}`);
        }
    }
    const arms = scenario.members.filter(isArm);
    lines.push(arms.length === 0 ? 'Arms: one implicit arm `baseline` (no interventions)' : `Arms: ${arms.map(a => a.name).join(', ')}`);
    return lines;
}

export function armSummary(arm: Arm): string {
    return arm.interventions.length === 0 ? 'no interventions' : arm.interventions.map(interventionWords).join('; ');
}

/** Markdown facts for a `set` parameter from the model's parameter table. */
export function parameterFacts(p: ParameterInfo): string[] {
    const unit = p.unit && p.unit !== '–' && p.unit !== '-' ? ` ${p.unit}` : '';
    return [
        `**${p.name}** (${p.symbol}) — ${p.meaning}`,
        `Default: ${formatNumber(p.value)}${unit} · allowed [${formatNumber(p.min)}, ${p.max >= Number.MAX_VALUE ? '∞' : formatNumber(p.max)}]`,
        `Source: ${p.source} (${p.basis})`
    ];
}

/** "drug · Anti-TNF biologic", "regimen · adalimumab 40 mg every 2 weeks", "cytokine": completion detail. */
export function shortDetail(node: AstNode | undefined, fallbackType: string): string {
    if (isDrug(node)) {
        const label = drugClassLabel(node.drugClass);
        return label ? `drug · ${label}` : 'drug';
    }
    if (isRegimen(node)) return `regimen · ${regimenSchedule(node)}`;
    if (isCondition(node)) return node.title ? `condition · ${node.title}` : 'condition';
    if (isConcept(node)) return node.title ? `${kindWord(node.$type)} · ${node.title}` : kindWord(node.$type);
    if (isScenario(node)) return 'scenario';
    if (isGive(node)) return interventionWords(node);
    return kindWord(fallbackType);
}

/** Headline of a hover: "**drug** `adalimumab` — Adalimumab". */
export function headline(node: AstNode & { name?: string, title?: string }): string {
    const title = node.title ? ` — ${node.title}` : '';
    return `**${kindWord(node.$type)}** \`${node.name ?? ''}\`${title}`;
}

/** All computed facts for a declaration, as markdown lines. */
export function declarationFacts(node: AstNode): string[] {
    if (isDrug(node)) return drugFacts(node);
    if (isRegimen(node)) {
        const lines = [`Schedule: ${regimenSchedule(node)}`];
        if (node.delivery) lines.push(`⚠ ${node.delivery.release ? LOCAL_RELEASE_NOTE : TARGETED_DELIVERY_NOTE}`);
        return lines;
    }
    if (isCondition(node)) return conditionFacts(node);
    if (isConcept(node)) return conceptFacts(node);
    if (isScenario(node)) return scenarioFacts(node);
    if (isArm(node)) return [`Interventions: ${armSummary(node)}`];
    if (isDataTable(node)) return dataFacts(node);
    return [];
}
