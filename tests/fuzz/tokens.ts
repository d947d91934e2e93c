/**
 * A regex tokenizer matching the Osteo grammar's terminals (osteo.langium): comments, strings, numbers,
 * names and single-character punctuation. Independent of the Langium lexer on purpose, so that the
 * mutator can also cut tokens the real lexer would reject.
 */
export type TokenKind = 'space' | 'comment' | 'string' | 'number' | 'name' | 'punct';

export interface Token {
    readonly kind: TokenKind;
    readonly text: string;
}

const PATTERN = /(\s+)|(\/\*[\s\S]*?\*\/|\/\/[^\n\r]*)|("(?:\\.|[^"\\\r\n])*")|((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)|([\s\S])/g;
const KINDS: TokenKind[] = ['space', 'comment', 'string', 'number', 'name', 'punct'];

export function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    for (const m of text.matchAll(PATTERN)) {
        const group = m.slice(1).findIndex(g => g !== undefined);
        tokens.push({ kind: KINDS[group], text: m[0] });
    }
    return tokens;
}

export function join(tokens: readonly Token[]): string {
    return tokens.map(t => t.text).join('');
}
