import type { Random } from './random.js';
import { join, tokenize, type Token } from './tokens.js';

/** What the mutator may substitute: the grammar's keywords, the units table, names seen in the corpus. */
export interface Vocabulary {
    readonly keywords: readonly string[];
    readonly units: readonly string[];
    readonly names: readonly string[];
}

export interface Mutant {
    readonly text: string;
    /** The operators applied, in order, e.g. `swap-keyword+truncate`. */
    readonly mutation: string;
}

type Operator = (tokens: Token[], rng: Random, vocabulary: Vocabulary, others: readonly string[]) => Token[];

/** Values at and beyond the edges of IEEE doubles, and the signed zeros. */
export const EXTREME_NUMBERS = ['1e308', '1e-308', '1e999', '1e-999', '-0', '0', '0.0', '-1', '9007199254740993', '.5', '5.', '4.9e-324', '1.7976931348623157e308', '-1e308'];

/** Characters a lexer or a position computation may trip on. */
export const ODD_CHARACTERS = ['\u0000', '\u0007', '\u001b', '\b', '\r', '\t', '\u000b', '\f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u202e',
    '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\udfff', 'α', 'é', 'e\u0301', '😀', '𝔁', '中文', '\\', '"', '/*', '//', '`', '$', '#', '@', '~'];

const LONG_NAME = 10_000;

const significant = (tokens: Token[]) => tokens.map((t, i) => i).filter(i => tokens[i].kind !== 'space');
const indexOf = (tokens: Token[], rng: Random, filter: (t: Token) => boolean = () => true) => {
    const candidates = significant(tokens).filter(i => filter(tokens[i]));
    return candidates.length === 0 ? -1 : rng.pick(candidates);
};
const replaceAt = (tokens: Token[], i: number, ...inserted: Token[]) => [...tokens.slice(0, i), ...inserted, ...tokens.slice(i + 1)];
const insertAt = (tokens: Token[], i: number, ...inserted: Token[]) => [...tokens.slice(0, i), ...inserted, ...tokens.slice(i)];
const raw = (text: string): Token => ({ kind: 'punct', text });

export const OPERATORS: Record<string, Operator> = {
    'delete-token': (tokens, rng) => {
        const i = indexOf(tokens, rng);
        return i < 0 ? tokens : replaceAt(tokens, i);
    },
    'duplicate-token': (tokens, rng) => {
        const i = indexOf(tokens, rng);
        return i < 0 ? tokens : insertAt(tokens, i, tokens[i], raw(' '));
    },
    'swap-tokens': (tokens, rng) => {
        const all = significant(tokens);
        if (all.length < 2) return tokens;
        const k = rng.int(all.length - 1);
        // Mostly neighbours (a typo), sometimes anywhere in the file.
        const [i, j] = rng.chance(0.7) ? [all[k], all[k + 1]] : [rng.pick(all), rng.pick(all)];
        const out = tokens.slice();
        [out[i], out[j]] = [out[j], out[i]];
        return out;
    },
    'swap-keyword': (tokens, rng, v) => {
        const keywords = new Set(v.keywords);
        const i = indexOf(tokens, rng, t => keywords.has(t.text));
        return i < 0 ? tokens : replaceAt(tokens, i, { kind: 'name', text: rng.pick(v.keywords) });
    },
    'insert-keyword': (tokens, rng, v) => insertAt(tokens, rng.int(tokens.length + 1), raw(' '), { kind: 'name', text: rng.pick(v.keywords) }, raw(' ')),
    'swap-name': (tokens, rng, v) => {
        const i = indexOf(tokens, rng, t => t.kind === 'name');
        return i < 0 || v.names.length === 0 ? tokens : replaceAt(tokens, i, { kind: 'name', text: rng.pick(v.names) });
    },
    'odd-characters': (tokens, rng) => {
        const out = tokens.slice();
        for (let n = 1 + rng.int(3); n > 0; n--) out.splice(rng.int(out.length + 1), 0, raw(rng.pick(ODD_CHARACTERS)));
        return out;
    },
    'random-unicode': (tokens, rng) => {
        let text = '';
        for (let n = 1 + rng.int(12); n > 0; n--) text += String.fromCharCode(rng.int(0x10000));
        return insertAt(tokens, rng.int(tokens.length + 1), raw(text));
    },
    'long-name': (tokens, rng) => {
        const i = indexOf(tokens, rng, t => t.kind === 'name');
        const name = (rng.chance(0.5) ? 'n' : '_') + 'a'.repeat(LONG_NAME - 1);
        return i < 0 ? [...tokens, raw(name)] : replaceAt(tokens, i, { kind: 'name', text: name });
    },
    'long-string': (tokens, rng) => {
        const i = indexOf(tokens, rng, t => t.kind === 'string');
        const text = `"${'α'.repeat(LONG_NAME)}"`;
        return i < 0 ? insertAt(tokens, rng.int(tokens.length + 1), raw(text)) : replaceAt(tokens, i, { kind: 'string', text });
    },
    'extreme-number': (tokens, rng) => {
        const i = indexOf(tokens, rng, t => t.kind === 'number');
        if (i < 0) return tokens;
        const value = rng.pick(EXTREME_NUMBERS);
        // A leading minus is its own token in the grammar; keep it apart so `-0` lands where `- NUMBER` may.
        return replaceAt(tokens, i, ...(value.startsWith('-') ? [raw('-'), { kind: 'number' as const, text: value.slice(1) }] : [{ kind: 'number' as const, text: value }]));
    },
    'negate-number': (tokens, rng) => {
        const i = indexOf(tokens, rng, t => t.kind === 'number');
        return i < 0 ? tokens : insertAt(tokens, i, raw('-'));
    },
    'swap-unit': (tokens, rng, v) => {
        // The unit is what follows a number: a name, `%`, or `name / name`.
        const numbers = significant(tokens).filter(i => tokens[i].kind === 'number');
        if (numbers.length === 0) return tokens;
        const i = rng.pick(numbers);
        let j = i + 1;
        while (j < tokens.length && tokens[j].kind === 'space') j++;
        let end = j;
        if (j < tokens.length && (tokens[j].kind === 'name' || tokens[j].text === '%' || tokens[j].text === '/')) {
            end = j + 1;
            while (end + 1 < tokens.length && tokens[end].text === '/' && tokens[end + 1].kind === 'name') end += 2;
        }
        const unit = rng.chance(0.1) ? rng.pick(['', 'xyz', 'mg/', '/', 'x x', 'years/kg', '%%']) : rng.pick(v.units);
        return [...tokens.slice(0, i + 1), raw(' '), raw(unit), ...tokens.slice(end)];
    },
    'deep-nesting': (tokens, rng) => {
        const depth = 1000 + rng.int(4000);
        const open = rng.pick(['{', '(', '{ arm a {', 'scenario S { ']);
        const text = open.repeat(Math.ceil(depth / open.length)) + (rng.chance(0.5) ? '}'.repeat(depth) : '');
        return insertAt(tokens, rng.int(tokens.length + 1), raw(text));
    },
    'truncate': (tokens, rng) => {
        const text = join(tokens);
        return tokenize(text.slice(0, rng.int(text.length + 1)));
    },
    'splice': (tokens, rng, _v, others) => {
        // Crossover: a run of tokens from another corpus file, pasted somewhere (grammatical pieces in odd places).
        const donor = tokenize(rng.pick(others));
        const start = rng.int(donor.length);
        const piece = donor.slice(start, start + 1 + rng.int(40));
        return insertAt(tokens, rng.int(tokens.length + 1), raw(' '), ...piece, raw(' '));
    },
    'repeat-block': (tokens, rng) => {
        // Many copies of one declaration or arm: duplicates and large workloads.
        const text = join(tokens);
        const braces = [...text.matchAll(/\b(arm|drug|regimen|condition|scenario)\b[^{}]*\{[^{}]*\}/g)];
        if (braces.length === 0) return tokens;
        const m = rng.pick(braces);
        const copies = 2 + rng.int(rng.chance(0.2) ? 200 : 10);
        const at = m.index! + m[0].length;
        return tokenize(text.slice(0, at) + `\n${m[0]}`.repeat(copies) + text.slice(at));
    },
    'self-import': tokens => [raw('import "./case.osteo"\n'), ...tokens],
    'crlf': tokens => tokenize(join(tokens).replace(/\n/g, '\r\n'))
};

export const OPERATOR_NAMES = Object.keys(OPERATORS);

/** One to three operators applied to a corpus file. */
export function mutate(source: string, rng: Random, vocabulary: Vocabulary, others: readonly string[], only?: string): Mutant {
    let tokens = tokenize(source);
    const names: string[] = [];
    for (let n = only ? 1 : 1 + rng.int(rng.chance(0.7) ? 1 : 3); n > 0; n--) {
        const name = only ?? rng.pick(OPERATOR_NAMES);
        tokens = OPERATORS[name](tokens, rng, vocabulary, others);
        names.push(name);
    }
    return { text: join(tokens), mutation: names.join('+') };
}
