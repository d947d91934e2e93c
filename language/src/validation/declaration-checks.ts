import { AstUtils, CstUtils, GrammarAST, type AstNode, type ValidationAcceptor } from 'langium';
import {
    isArm, isDrug, isDurationSpec, isPatient, isRegimen, isSampleSpec,
    type Concept, type Drug, type Give, type Regimen, type Scenario
} from '../generated/ast.js';
import { isLibraryUri } from '../builtins/library.js';
import { issue, IssueCodes } from './issue-codes.js';
import { kindWord } from './target-kinds.js';
import { drugProperty } from '../drug-inheritance.js';

/** Declarations and their required parts (docs/language.md §2, §3). */

export function checkReservedKind(concept: Concept, accept: ValidationAcceptor): void {
    const document = AstUtils.findRootNode(concept).$document;
    if (!document || isLibraryUri(document.uri)) return;
    accept('error', `${kindWord(concept.$type)} declarations belong to the standard library: the simulator has no mechanism for a new ${kindWord(concept.$type)}. Use a built-in one, or declare a condition or drug instead.`,
        { node: concept, keyword: kindWord(concept.$type), ...issue(IssueCodes.ReservedKind) });
}

/** What the pharmacokinetic model cannot do without (docs/model.md). */
export function checkDrugCompleteness(drug: Drug, accept: ValidationAcceptor): void {
    const missing: string[] = [];
    // A drug `from` another inherits what it does not state.
    const has = (p: Parameters<typeof drugProperty>[1]) => drugProperty(drug, p) !== undefined;
    if (!has('drugClass')) missing.push('`class` (e.g. `class anti_TNF`)');
    if (!has('mechanisms')) missing.push('`mechanism` (e.g. `mechanism neutralizes TNF_alpha`)');
    if (!has('route')) missing.push('`route` (oral, subcutaneous, intravenous, intra_articular or local)');
    if (!has('halfLife') && !has('boneHalfLife') && !has('clearance')) missing.push('`half_life` (or `clearance`, or `bone_half_life` for a bisphosphonate)');
    if (!has('volume')) missing.push('`volume` (apparent volume of distribution, e.g. `volume 5 L`)');
    // Without a name the parser already reports the broken declaration.
    if (missing.length === 0 || !drug.name) return;
    accept('error', `Drug '${drug.name}' cannot be simulated without ${missing.join(', ')}.`,
        { node: drug, property: 'name', ...issue(IssueCodes.MissingProperty) });
}

export function checkRegimenCompleteness(regimen: Regimen, accept: ValidationAcceptor): void {
    const missing: string[] = [];
    if (!regimen.drug) missing.push('`drug` (which drug it gives)');
    if (!regimen.dosing) missing.push('`dose` (e.g. `dose 40 mg every 2 weeks` or `dose 5 mg once`)');
    if (missing.length === 0 || !regimen.name) return;
    accept('error', `Regimen '${regimen.name}' needs ${missing.join(' and ')}.`,
        { node: regimen, property: 'name', ...issue(IssueCodes.MissingProperty) });
}

/** A drug given directly needs its dose; a regimen brings its own. */
export function checkGiveDose(give: Give, accept: ValidationAcceptor): void {
    const target = give.target?.ref;
    if (isDrug(target) && !give.dosing) {
        accept('error', `Giving the drug '${target.name}' directly needs a dose: \`give ${target.name} 40 mg every 2 weeks\`, or give a regimen.`,
            { node: give, property: 'target', ...issue(IssueCodes.MissingProperty) });
    } else if (isRegimen(target) && give.dosing) {
        accept('error', `Regimen '${target.name}' already has a dose: remove the inline dose, or give its drug${target.drug?.ref ? ` '${target.drug.ref.name}'` : ''} with this dose instead.`,
            { node: give, property: 'dosing', ...issue(IssueCodes.ConflictingDose) });
    }
}

export function checkScenarioStructure(scenario: Scenario, accept: ValidationAcceptor): void {
    const members = scenario.members ?? [];
    if (!members.some(isDurationSpec) && scenario.name) {
        accept('error', `Scenario '${scenario.name}' needs a \`duration\` (the simulated horizon), e.g. \`duration 2 years\`.`,
            { node: scenario, property: 'name', ...issue(IssueCodes.MissingProperty) });
    }
    for (const [is, keyword] of [[isDurationSpec, 'duration'], [isSampleSpec, 'sample'], [isPatient, 'patient']] as const) {
        members.filter(is).slice(1).forEach(extra => accept('error',
            `\`${keyword}\` is given more than once in this scenario; only one is used. Remove the extra one.`,
            { node: extra, keyword, ...issue(IssueCodes.DuplicateProperty) }));
    }
    const seen = new Set<string>();
    for (const arm of members.filter(isArm)) {
        if (!arm.name) continue;
        if (seen.has(arm.name)) {
            accept('error', `Arm '${arm.name}' is declared twice in ${scenario.name ? `scenario '${scenario.name}'` : 'this scenario'}: arms are compared by name, so rename one.`,
                { node: arm, property: 'name', ...issue(IssueCodes.DuplicateArm) });
        }
        seen.add(arm.name);
    }
}

/** Keywords of properties that hold one value: written twice, the parser keeps the last, which hides typos. */
const SINGLE_VALUED: Readonly<Record<string, ReadonlySet<string>>> = {
    Drug: new Set(['class', 'route', 'half_life', 'absorption_half_life', 'bioavailability', 'volume', 'clearance', 'peripheral_volume',
        'intercompartmental_clearance', 'vmax', 'km', 'molar_mass', 'ic50', 'emax', 'bone_half_life', 'bone_uptake', 'iu_per_mg']),
    Regimen: new Set(['drug', 'dose', 'loading', 'delivery']),
    Condition: new Set(['scope', 'local_excess']),
    ConditionUse: new Set(['severity', 'onset', 'resolves']),
    Patient: new Set(['age', 'sex', 'menopause', 'weight', 'height'])
};

export function checkDuplicateProperties(node: AstNode, accept: ValidationAcceptor): void {
    const keywords = SINGLE_VALUED[node.$type];
    if (!keywords || !node.$cstNode) return;
    const counts = new Map<string, number>();
    for (const cst of CstUtils.streamCst(node.$cstNode)) {
        if (cst.astNode !== node || !GrammarAST.isKeyword(cst.grammarSource) || !keywords.has(cst.grammarSource.value)) continue;
        const keyword = cst.grammarSource.value;
        const index = counts.get(keyword) ?? 0;
        counts.set(keyword, index + 1);
        if (index > 0) {
            accept('error', `\`${keyword}\` is given more than once here; only the last value would be used. Remove the duplicate.`,
                { node, keyword, index, ...issue(IssueCodes.DuplicateProperty) });
        }
    }
}
