import type { CaseReport, FailureKind } from './harness.js';
import { join, tokenize } from './tokens.js';

/**
 * Delta debugging on lines, then on tokens: the smallest text found that still fails with `kind`.
 * Bounded by `maxRuns` so a slow failure cannot keep it going.
 */
export async function minimise(text: string, kind: FailureKind, run: (text: string) => Promise<CaseReport>, maxRuns = 400): Promise<string> {
    let runs = 0;
    const fails = async (candidate: string) => {
        runs++;
        const report = await run(candidate);
        return report.failures.some(f => f.kind === kind);
    };
    const reduce = async (parts: string[], glue: string): Promise<string[]> => {
        let chunk = Math.max(1, Math.floor(parts.length / 2));
        while (chunk >= 1 && runs < maxRuns) {
            let removed = false;
            for (let start = 0; start < parts.length && runs < maxRuns; start += chunk) {
                const candidate = [...parts.slice(0, start), ...parts.slice(start + chunk)];
                if (candidate.length < parts.length && await fails(candidate.join(glue))) {
                    parts = candidate;
                    removed = true;
                    start -= chunk;
                }
            }
            if (!removed) chunk = Math.floor(chunk / 2);
        }
        return parts;
    };
    const lines = await reduce(text.split('\n'), '\n');
    const tokens = await reduce(tokenize(lines.join('\n')).map(t => t.text), '');
    return join(tokens.map(t => ({ kind: 'punct' as const, text: t })));
}
