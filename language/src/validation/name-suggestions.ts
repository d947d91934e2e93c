/** "Did you mean …": the candidates closest to a misspelt name, by edit distance. */

/** Edit distance counting a swap of two neighbouring characters as one edit (the commonest typo). */
export function editDistance(a: string, b: string): number {
    if (a === b) return 0;
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/**
 * Up to `limit` candidates close enough to be a plausible typo: a case-insensitive distance of at most
 * a third of the name's length (minimum 1, so `IL6` finds `IL_6`), or one name a prefix of the other.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
    const lower = name.toLowerCase();
    const maxDistance = Math.max(1, Math.floor(name.length / 3));
    const scored: Array<{ candidate: string, score: number }> = [];
    for (const candidate of new Set(candidates)) {
        if (candidate === name || candidate.length === 0) continue;
        const other = candidate.toLowerCase();
        let score = editDistance(lower, other);
        if (score > maxDistance && name.length >= 3 && (other.startsWith(lower) || lower.startsWith(other))) {
            score = maxDistance;
        }
        if (score <= maxDistance) scored.push({ candidate, score });
    }
    scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
    return scored.slice(0, limit).map(s => s.candidate);
}

/** "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
export function orList(items: readonly string[], quote = '\''): string {
    const quoted = items.map(i => quote ? `${quote}${i}${quote}` : i);
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
