/**
 * Syntax errors at the places users actually stumble, rewritten as one sentence with the fix (and the edit
 * for a quick fix where the edit keeps the meaning). The parser's own message lists expected tokens, which
 * tells a pharmacologist nothing about `give 5 mg tofacitinib` or `severity severe`.
 * Errors that only follow from the stumble on the same line (recovery cascades) are dropped.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentValidator } from 'langium';
import { decimalCommaAt, decimalCommaMessage } from './decimal-comma.js';
import { everyUnitMessage } from '../dosing-frequency.js';
import { issue, IssueCodes } from './issue-codes.js';
import { lookupUnit } from '../../../simulator/index.js';

/** Words people use for a severity → the language's category with that meaning. */
export const SEVERITY_SYNONYMS: Readonly<Record<string, string>> = {
    severe: 'high', active: 'high', strong: 'high', low: 'mild', light: 'mild', medium: 'moderate', mid: 'moderate',
    none: 'remission', inactive: 'remission', remitted: 'remission'
};

interface Rewrite {
    readonly message: string;
    readonly start: number;
    readonly end: number;
    /** The quick-fix edit, when it is safe. */
    readonly fix?: { start: number, end: number, newText: string, title: string };
    readonly code: typeof IssueCodes.DecimalComma | typeof IssueCodes.SyntaxStumble | typeof IssueCodes.EveryWithoutNumber;
}

/** The word before `offset` (skipping spaces): `give` in `give 5 mg`. */
function previousWord(text: string, offset: number): string {
    const m = /([A-Za-z_]\w*)\s*$/.exec(text.slice(Math.max(0, offset - 40), offset));
    return m ? m[1] : '';
}

function explain(text: string, offset: number): Rewrite | undefined {
    const comma = decimalCommaAt(text, offset);
    if (comma) {
        return {
            message: decimalCommaMessage(comma.written, comma.replacement), start: comma.start, end: comma.end, code: IssueCodes.DecimalComma,
            fix: { start: comma.start, end: comma.end, newText: comma.replacement, title: `Write ${comma.replacement}` }
        };
    }
    const before = previousWord(text, offset);
    const rest = text.slice(offset, offset + 120);
    const word = /^[A-Za-z_]\w*/.exec(rest)?.[0];
    if (before === 'give') {
        // `give 5 mg tofacitinib …`: the dose came first.
        const m = /^(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[ \t]*(?:[A-Za-z_\u00b5\u03bc][\w\u00b2]*(?:\/[A-Za-z_][\w\u00b2]*)?|%))?)[ \t]+([A-Za-z_]\w*)/.exec(rest);
        if (m && /^[-\d.]/.test(rest)) {
            const [all, dose, name] = m;
            return {
                message: `Name the drug before the dose: write \`give ${name} ${dose} …\`.`, start: offset, end: offset + all.length, code: IssueCodes.SyntaxStumble,
                fix: { start: offset, end: offset + all.length, newText: `${name} ${dose}`, title: `Write 'give ${name} ${dose}'` }
            };
        }
    }
    if (before === 'severity' && word) {
        const meant = SEVERITY_SYNONYMS[word.toLowerCase()];
        return {
            message: `Severity is one of remission, mild, moderate or high${meant ? `: for '${word}' write \`${meant}\`` : ''}.`,
            start: offset, end: offset + word.length, code: IssueCodes.SyntaxStumble,
            fix: meant ? { start: offset, end: offset + word.length, newText: meant, title: `Change to '${meant}'` } : undefined
        };
    }
    if (before === 'every' && word && lookupUnit(word)?.dimension === 'time') {
        return {
            message: everyUnitMessage(word), start: offset, end: offset + word.length, code: IssueCodes.EveryWithoutNumber,
            fix: { start: offset, end: offset, newText: '1 ', title: `Write 'every 1 ${word.replace(/s$/, '')}'` }
        };
    }
    if (word === 'release' && !/^(nanoparticle|liposome|hydrogel)$/.test(before)) {
        // `release 7 days` on its own line, or after `targeting F` in the wrong place: it belongs to a delivery.
        return {
            message: "`release` is the half-time of a local delivery depot: write it in the regimen's delivery, after the kind and any targeting (e.g. `delivery hydrogel release 7 days`).",
            start: offset, end: offset + word.length, code: IssueCodes.SyntaxStumble
        };
    }
    if (before === 'once' && word && /^(daily|weekly)$/.test(word)) {
        const start = text.lastIndexOf('once', offset);
        return {
            message: `'once ${word}' reads as ${word}: write \`${word}\` (\`once\` alone means a single dose).`, start, end: offset + word.length, code: IssueCodes.SyntaxStumble,
            fix: { start, end: offset + word.length, newText: word, title: `Write '${word}'` }
        };
    }
    return undefined;
}

const PARSING = DocumentValidator.ParsingError;

/** Rewrites the parser's diagnostics at known stumbles and drops the cascade that follows each on its line. */
export function rewriteStumbles(diagnostics: Diagnostic[], textDocument: TextDocument): Diagnostic[] {
    const text = textDocument.getText();
    const rewritten: Diagnostic[] = [];
    const cascades: Array<{ line: number, from: number }> = [];
    for (const d of diagnostics) {
        const code = (d.data as { code?: string } | undefined)?.code;
        const offset = textDocument.offsetAt(d.range.start);
        if (cascades.some(c => c.line === d.range.start.line && offset >= c.from) && (code === PARSING || code === IssueCodes.UnresolvedReference)) continue;
        const stumble = code === PARSING ? explain(text, offset) : undefined;
        if (!stumble) { rewritten.push(d); continue; }
        const range = { start: textDocument.positionAt(stumble.start), end: textDocument.positionAt(stumble.end) };
        const fix = stumble.fix && {
            title: stumble.fix.title,
            range: { start: textDocument.positionAt(stumble.fix.start), end: textDocument.positionAt(stumble.fix.end) },
            newText: stumble.fix.newText
        };
        const { code: newCode, data } = issue(stumble.code, fix ? { fix } : {});
        rewritten.push({ ...d, range, message: stumble.message, code: newCode, data });
        cascades.push({ line: d.range.start.line, from: Math.min(offset, stumble.start) });
    }
    // A cascade reported before its stumble in the list (linking errors come after parsing errors) is covered above;
    // one reported before it on the same line is kept, as it is independent.
    return rewritten;
}
