/**
 * Finds the scenarios of an Osteo text without the language server, so the run command can pick the
 * one under the cursor instantly (and even while the server is still starting). Comments and strings
 * are skipped; an unclosed block runs to the end of the text.
 */

export interface ScenarioLocation {
    readonly name: string;
    /** Offset of the `scenario` keyword (or of the doc comment right before it). */
    readonly start: number;
    /** Offset just after the closing brace. */
    readonly end: number;
}

export function locateScenarios(text: string): ScenarioLocation[] {
    const found: ScenarioLocation[] = [];
    let depth = 0;
    let lastDocComment: { start: number; end: number } | undefined;
    let open: { name: string; start: number; depthAtStart: number; sawBrace: boolean } | undefined;
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === '/' && text[i + 1] === '/') {
            i = lineEnd(text, i);
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const close = text.indexOf('*/', i + 2);
            const end = close < 0 ? text.length : close + 2;
            if (text[i + 2] === '*' && text[i + 3] !== '/') lastDocComment = { start: i, end };
            i = end;
            continue;
        }
        if (c === '"') {
            i = stringEnd(text, i);
            continue;
        }
        if (c === '{') {
            depth++;
            if (open && !open.sawBrace) open.sawBrace = true;
        } else if (c === '}') {
            depth = Math.max(0, depth - 1);
            if (open?.sawBrace && depth === open.depthAtStart) {
                found.push({ name: open.name, start: open.start, end: i + 1 });
                open = undefined;
            }
        } else if (isIdStart(c) && (i === 0 || !isIdPart(text[i - 1]))) {
            let j = i + 1;
            while (j < text.length && isIdPart(text[j])) j++;
            const word = text.slice(i, j);
            if (word === 'scenario' && depth === 0 && !open) {
                const name = nextIdentifier(text, j);
                if (name) {
                    const attached = lastDocComment && /^\s*$/.test(text.slice(lastDocComment.end, i));
                    open = { name: name.text, start: attached ? lastDocComment!.start : i, depthAtStart: depth, sawBrace: false };
                }
            }
            i = j;
            continue;
        }
        i++;
    }
    if (open) found.push({ name: open.name, start: open.start, end: text.length });
    return found;
}

/** The scenario whose text contains `offset`, if any. */
export function scenarioAt(scenarios: readonly ScenarioLocation[], offset: number): ScenarioLocation | undefined {
    return scenarios.find(s => offset >= s.start && offset <= s.end);
}

function nextIdentifier(text: string, from: number): { text: string } | undefined {
    const match = /^(?:\s|\/\/[^\n\r]*|\/\*[\s\S]*?\*\/)*([A-Za-z_]\w*)/.exec(text.slice(from, from + 500));
    return match ? { text: match[1] } : undefined;
}

function lineEnd(text: string, from: number): number {
    const n = text.indexOf('\n', from);
    return n < 0 ? text.length : n;
}

function stringEnd(text: string, from: number): number {
    for (let i = from + 1; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '"' || text[i] === '\n') return i + 1;
    }
    return text.length;
}

function isIdStart(c: string): boolean {
    return /[A-Za-z_]/.test(c);
}

function isIdPart(c: string): boolean {
    return /\w/.test(c);
}
