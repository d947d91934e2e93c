import { GrammarUtils, type ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { isCondition, type FoldEffect, type Mechanism } from '../generated/ast.js';
import { issue, IssueCodes } from './issue-codes.js';
import { orList } from './name-suggestions.js';
import { FOLD_TARGET_KINDS, kindsWord, kindWord, VERB_TARGET_KINDS, verbAcceptsTarget, verbsFor, withArticle } from './target-kinds.js';

/** A mechanism's target must be of the kind its verb acts on (docs/language.md §4). */
export function checkMechanismTarget(mechanism: Mechanism, accept: ValidationAcceptor): void {
    if (mechanism.verb === 'suppresses') {
        if (!mechanism.inflammation) {
            accept('error', '`suppresses` acts on inflammation: write `mechanism suppresses inflammation`.',
                { node: mechanism, property: 'verb', ...issue(IssueCodes.WrongTargetKind) });
        }
        return;
    }
    const accepted = VERB_TARGET_KINDS[mechanism.verb];
    const target = mechanism.target?.ref;
    if (target?.$type === 'Mediator' && accepted?.includes('Mediator') && !verbAcceptsTarget(mechanism.verb, target.$type, target.name)) {
        // Only PTH analogues are supplied as drugs (docs/model.md §1.9); other mediators are given with `infuse`.
        accept('error', `\`supplies\` takes a cell or PTH (a PTH analogue such as teriparatide), but '${target.name}' is another mediator. Give it with \`infuse ${target.name} at … pM/day\` in an arm, or use \`binds ${target.name}\` for a drug that takes it out of play.`,
            { node: mechanism, property: 'target', ...issue(IssueCodes.WrongTargetKind) });
        return;
    }
    if (!accepted || !target || accepted.includes(target.$type)) return;
    const verbs = verbsFor(target.$type);
    const alternative = verbs.length > 0 ? ` or a verb that acts on ${withArticle(kindWord(target.$type))}: ${orList(verbs, '`')}` : '';
    accept('error', `\`${mechanism.verb}\` acts on ${withArticle(kindsWord(accepted))}, but '${target.name}' is ${withArticle(kindWord(target.$type))}. Use ${withArticle(kindsWord(accepted))}${alternative}.`,
        { node: mechanism, property: 'target', ...issue(IssueCodes.WrongTargetKind, { verbs, verbRange: verbRange(mechanism) }) });
}

/** `drives` raises cytokines, `activates` raises cells. */
export function checkFoldTarget(effect: FoldEffect, accept: ValidationAcceptor): void {
    const container = effect.$container;
    if (!isCondition(container)) return;
    const property = effect.$containerProperty;
    const accepted = property ? FOLD_TARGET_KINDS[property] : undefined;
    const target = effect.target?.ref;
    if (!accepted || !target || accepted.includes(target.$type)) return;
    const other = Object.entries(FOLD_TARGET_KINDS).find(([, kinds]) => kinds.includes(target.$type))?.[0];
    accept('error', `\`${property}\` takes ${withArticle(kindsWord(accepted))}, but '${target.name}' is ${withArticle(kindWord(target.$type))}.${other ? ` Put it under \`${other}\`.` : ''}`,
        { node: effect, property: 'target', ...issue(IssueCodes.WrongTargetKind) });
}

function verbRange(mechanism: Mechanism): Range | undefined {
    return GrammarUtils.findNodeForProperty(mechanism.$cstNode, 'verb')?.range;
}
