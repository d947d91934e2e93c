/**
 * Turns an anchor of scripts/calibration/anchors.ts into test cases, one per check, so that a known
 * miss hides nothing: the checks it meets are tested to pass like any other, the checks listed in
 * `missedChecks` are tested to miss (a model change that meets one turns it red until the table is
 * updated), and an anchor whose checks cannot be read (a crash, a missing arm, a stale list) always
 * fails. New anchors need nothing here: every entry of ANCHORS gets its cases.
 */
import { passes, type Anchor, type ArmRunner, type Check } from '../../scripts/calibration/anchors.js';

export interface AnchorCase {
    readonly name: string;
    /** Throws, with the reason, when the case does not hold. */
    readonly verify: () => void;
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));
const where = (id: string, c: Check) => `${id} ${c.label} = ${fmt(c.value)} ${c.unit}, pass band [${fmt(c.lo)}, ${fmt(c.hi)}]`;
const failing = (name: string, message: string): AnchorCase => ({ name, verify: () => { throw new Error(message); } });

export function anchorCases(anchor: Anchor, run: ArmRunner): AnchorCase[] {
    const id = anchor.id;
    let checks: Check[];
    try {
        checks = anchor.checks(run);
    } catch (error) {
        return [failing(`${id}: reads its scenario`, `${id} could not be read from tests/anchors/${anchor.file}: ${(error as Error).message}`)];
    }
    const cases: AnchorCase[] = [];
    const missed = new Set(anchor.missedChecks ?? []);
    const labels = checks.map(c => c.label);
    if (checks.length === 0) cases.push(failing(`${id}: has checks`, `${id} returned no checks: an anchor without a readout passes nothing`));
    const twice = labels.filter((l, i) => labels.indexOf(l) !== i);
    if (twice.length > 0) cases.push(failing(`${id}: check labels are unique`, `${id} has the check label(s) ${twice.join(', ')} more than once: a known miss could not name one of them`));
    if (anchor.knownMiss !== undefined && missed.size === 0) {
        cases.push(failing(`${id}: names its missed checks`, `${id} has a knownMiss reason but no missedChecks: list the labels of the checks it misses`));
    }
    if (missed.size > 0 && anchor.knownMiss === undefined) {
        cases.push(failing(`${id}: says why it misses`, `${id} lists missedChecks but gives no knownMiss reason`));
    }
    for (const label of missed) {
        if (!labels.includes(label)) cases.push(failing(`${id}: missed check '${label}' exists`, `${id} lists '${label}' in missedChecks, but it has no such check (its checks: ${labels.join('; ')})`));
    }
    for (const c of checks) {
        if (missed.has(c.label)) {
            cases.push({
                name: `${id} ${c.label}: KNOWN MISS — ${anchor.knownMiss}`,
                verify: () => {
                    // A value that is not a number is a broken reading, not a miss.
                    if (!Number.isFinite(c.value)) throw new Error(`${where(id, c)}: not a number`);
                    if (passes(c)) throw new Error(`${where(id, c)}: now PASSES — remove it from ${id}.missedChecks (and update knownMiss and docs/model.md)`);
                }
            });
        } else {
            cases.push({
                name: `${id} ${c.label} within [${fmt(c.lo)}, ${fmt(c.hi)}] ${c.unit}`,
                verify: () => {
                    if (!passes(c)) throw new Error(`${where(id, c)}: MISSES`);
                }
            });
        }
    }
    return cases;
}
