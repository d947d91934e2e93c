import { LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

/**
 * Syntax error messages where a name is expected. The `Name` rule (osteo.langium) accepts an identifier or one of
 * the soft keywords, so a miss there would otherwise list every alternative; instead it says what is wrong: a
 * reserved word used as a name, or something that is not a name at all.
 */
export class OsteoParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildNoViableAltMessage(options: Parameters<LangiumParserErrorMessageProvider['buildNoViableAltMessage']>[0]): string {
        // Langium suffixes rule names with a zero-width space inside Chevrotain.
        if (options.ruleName.replace(/\u200B/g, '') === 'Name') return nameMessage(options.actual[0]);
        return super.buildNoViableAltMessage(options);
    }

    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        if (options.expected.name === 'ID') return nameMessage(options.actual);
        return super.buildMismatchTokenMessage(options);
    }
}

/** `give` is a keyword …, or "Expecting a name but found `{`". */
export function nameMessage(actual: IToken | undefined): string {
    const image = actual?.image ?? '';
    if (isReservedWord(actual)) return `\`${image}\` is a keyword of the language; choose another name.`;
    return image ? `Expecting a name but found \`${image}\`.` : 'Expecting a name at the end of the file.';
}

/** A keyword token that looks like a word (not punctuation): reserved where a name was expected. */
function isReservedWord(token: IToken | undefined): boolean {
    if (!token || token.tokenType.name === 'ID') return false;
    return /^[A-Za-z_]\w*$/.test(token.image) && token.tokenType.name === token.image;
}
