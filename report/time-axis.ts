/** One time axis for lines that were sampled separately (arms, population arms). */

/** One time axis for all arms: theirs when they agree (the usual case), else the sorted union. */
export function sharedTimes(perArm: readonly number[][]): number[] {
    if (perArm.length === 0) return [];
    const first = perArm[0];
    if (perArm.every(t => t.length === first.length && t.every((v, i) => v === first[i]))) return first.slice();
    return [...new Set(perArm.flat().filter(Number.isFinite))].sort((a, b) => a - b);
}

export function indexLookup(armTimes: readonly number[], times: readonly number[]): (number | undefined)[] {
    const at = new Map<number, number>();
    armTimes.forEach((t, i) => at.set(t, i));
    return times.map(t => at.get(t));
}
