/** A small seeded generator (mulberry32): every fuzz case is reproducible from (seed, case index). */
export interface Random {
    /** Uniform in [0, 1). */
    next(): number;
    /** Integer in [0, n). */
    int(n: number): number;
    pick<T>(items: readonly T[]): T;
    chance(p: number): boolean;
}

export function createRandom(seed: number): Random {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number) => Math.floor(next() * n);
    return { next, int, pick: items => items[int(items.length)], chance: p => next() < p };
}

/** The seed of case `index` of a campaign: cases do not depend on each other, so any one can be replayed alone. */
export function caseSeed(seed: number, index: number): number {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
}
