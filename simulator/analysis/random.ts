/**
 * Seeded random numbers for virtual populations: mulberry32 (a 32-bit generator, fast and good
 * enough for Monte Carlo draws of a few parameters), never Math.random. Each virtual patient gets
 * its own stream from the seed and its index, so results do not depend on which worker runs whom.
 */

/** A generator of uniform numbers in [0, 1). */
export type Uniform = () => number;

export function mulberry32(seed: number): Uniform {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The stream of member `index` of a population with `seed`: the pair is mixed (splitmix32-style) into one state. */
export function memberStream(seed: number, index: number): Uniform {
    let h = (seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b9);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return mulberry32((h ^ (h >>> 16)) >>> 0);
}

/** A standard normal draw (Box–Muller; the second value is discarded so each draw uses two uniforms). */
export function standardNormal(uniform: Uniform): number {
    const u1 = 1 - uniform(); // (0, 1]: log is finite
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
