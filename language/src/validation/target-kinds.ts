/** Which concept kinds each reference position accepts (docs/language.md §3, §4); shared with completion. */

/** Mechanism verb → the AST types of its possible targets. */
export const VERB_TARGET_KINDS: Readonly<Record<string, readonly string[]>> = {
    neutralizes: ['Cytokine'],
    blocks: ['Cytokine'],
    inhibits: ['Pathway'],
    binds: ['Mediator'],
    kills: ['Cell'],
    stimulates: ['Cell'],
    supplies: ['Cell', 'Mediator'],
    polarizes: ['Cell']
};

/** Mediators a drug may `supply`: only PTH analogues are given as drugs (docs/model.md §1.9); others use `infuse`. */
export const SUPPLIABLE_MEDIATORS: readonly string[] = ['PTH'];

/** Whether `verb` may name this target: its kind, and for `supplies` a mediator only when it is suppliable. Shared by validation and completion. */
export function verbAcceptsTarget(verb: string, type: string, name: string): boolean {
    const kinds = VERB_TARGET_KINDS[verb];
    if (kinds && !kinds.includes(type)) return false;
    return !(verb === 'supplies' && type === 'Mediator' && !SUPPLIABLE_MEDIATORS.includes(name));
}

/** Condition property → the kind its fold effects act on. */
export const FOLD_TARGET_KINDS: Readonly<Record<string, readonly string[]>> = {
    drives: ['Cytokine'],
    activates: ['Cell']
};

/** Words for AST types and reference types in messages. */
const KIND_WORDS: Readonly<Record<string, string>> = {
    Drug: 'drug', Regimen: 'regimen', Condition: 'condition', Scenario: 'scenario', DataTable: 'data',
    Cytokine: 'cytokine', Mediator: 'mediator', Cell: 'cell', Pathway: 'pathway', Site: 'site', Output: 'output',
    Givable: 'regimen or drug', MechanismTarget: 'cytokine, mediator, cell or pathway', FoldTarget: 'cytokine or cell',
    Reportable: 'output, cell, mediator, cytokine or drug'
};

export function kindWord(type: string): string {
    return KIND_WORDS[type] ?? type.toLowerCase();
}

export function kindsWord(types: readonly string[]): string {
    const words = types.map(kindWord);
    return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** "a cytokine", "an output". */
export function withArticle(word: string): string {
    return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** Verbs that accept a target of the given type. */
export function verbsFor(type: string): string[] {
    return Object.entries(VERB_TARGET_KINDS).filter(([, kinds]) => kinds.includes(type)).map(([verb]) => verb);
}
