/**
 * Dosing shorthands after a dose amount (`daily`, `twice daily`, `q2w` …): the grammar reads them as plain words
 * (so an arm may still be called `daily`), so the default provider cannot propose them. Each item shows its long
 * form from the one table in dosing-frequency.ts, so picking one never gives a different schedule than it says.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { everyOtherInterval, frequencyInterval } from '../dosing-frequency.js';

/** In the order a prescriber reaches for them. */
const SHORTHANDS = ['daily', 'twice daily', 'three times daily', 'weekly', 'every other week', 'bid', 'tid', 'q12h', 'q2w', 'q4w', 'q6m'];

/** Shorthand items; call only where the grammar expects a dosing frequency (after `every` and `once` are proposed). */
export function frequencyCompletion(): CompletionItem[] {
    return SHORTHANDS.map((text, i) => {
        const interval = text.startsWith('every other ') ? everyOtherInterval(text.slice('every other '.length)) : frequencyInterval(text);
        return {
            label: text,
            kind: CompletionItemKind.Keyword,
            detail: `dosing shorthand · ${interval!.longForm}`,
            // After the grammar's own `every` and `once`, which the user may want to spell out.
            sortText: `z${String(i).padStart(2, '0')}`
        };
    });
}

/** True when the default list is the one after a dose amount: `every` and `once` are offered only there. */
export function isAfterDoseAmount(items: readonly CompletionItem[]): boolean {
    const keywords = new Set(items.filter(i => i.kind === CompletionItemKind.Keyword).map(i => i.label));
    return keywords.has('every') && keywords.has('once');
}
