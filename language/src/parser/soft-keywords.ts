import { AstUtils, GrammarAST } from 'langium';
import { OsteoGrammar } from '../generated/grammar.js';

/**
 * Soft keywords: the words the `Name` rule of osteo.langium accepts as names besides identifiers. They are
 * keywords only inside a block or after another keyword (`start`, `dose`, `values` …), names elsewhere.
 */
export function softKeywords(): ReadonlySet<string> {
    const rule = OsteoGrammar().rules.find(r => r.name === 'Name');
    return new Set(rule ? AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).map(k => k.value) : []);
}

/** A keyword of the grammar that stands for a name here (one of the `Name` rule's alternatives), not a keyword. */
export function isNameAlternative(keyword: GrammarAST.Keyword): boolean {
    return AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name === 'Name';
}
