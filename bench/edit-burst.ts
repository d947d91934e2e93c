/**
 * Typing as an editor sends it: one `didChange` per character, each an incremental range edit, inserting `typed`
 * just before the closing brace of the file's first scenario. The intermediate texts are as broken as half-typed
 * lines are; the final one is whole. Used by `npm run bench` (editor under load) and by
 * tests/server/edit-burst.test.ts (the diagnostics after a burst equal those of a fresh open).
 */
export interface TypingEdit {
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
    readonly text: string;
}

export function typingEdits(source: string, typed: string): { edits: TypingEdit[]; finalText: string; completionAt: { line: number; character: number } } {
    const lines = source.split('\n');
    const close = lines.findIndex(l => l === '}');
    if (close < 0) throw new Error('no scenario closing brace at the start of a line');
    const edits: TypingEdit[] = [];
    let line = close, character = 0;
    for (const c of typed) {
        edits.push({ range: { start: { line, character }, end: { line, character } }, text: c });
        if (c === '\n') { line++; character = 0; } else character++;
    }
    if (!typed.endsWith('\n')) throw new Error('typed text must end with a line break');
    const finalText = [...lines.slice(0, close), ...typed.split('\n').slice(0, -1), ...lines.slice(close)].join('\n');
    // After `give ` in the file's first arm that gives something: where completion is asked during the burst.
    const giveLine = lines.findIndex(l => /\barm \w+ \{ give /.test(l));
    return { edits, finalText, completionAt: { line: giveLine, character: lines[giveLine].indexOf('give ') + 5 } };
}

/**
 * `n` lines of arms, each `arm tK { give AntiTNF from K months }`, about `n × 40` characters; the last one misspells
 * the regimen, so the final text has an error to compare.
 */
export function typedArms(n: number): string {
    return Array.from({ length: n }, (_, k) => `    arm t${k} { give ${k === n - 1 ? 'AntiTFN' : 'AntiTNF'} from ${k} months }\n`).join('');
}
