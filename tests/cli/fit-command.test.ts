import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { FitResult } from '../../simulator/index.js';
import { ROOT } from './bundle.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-fit-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

fs.writeFileSync(path.join(dir, 'spine.csv'), '# test data\nmonth,bmd,sd\n0,0,0.5\n6,-1.1,0.5\n12,-2.0,0.5\n18,-2.6,0.5\n24,-3.1,0.5\n');
fs.writeFileSync(path.join(dir, 'fit.osteo'), 'data Spine {\n    file "spine.csv"\n    time column "month" in months\n    value column "bmd"\n    error column "sd" as sd\n}\n'
    + 'scenario S {\n    duration 2 years\n    patient { menopause at 50 years }\n    condition postmenopausal_osteoporosis\n    observe bmd at lumbar_spine from Spine\n'
    + '    fit Gain {\n        estimate bmd_goc_lumbar_spine from 0.05 to 2 log\n        starts 2\n    }\n}\n');
fs.writeFileSync(path.join(dir, 'nofit.osteo'), 'scenario S { duration 1 year }\n');

describe('osteo fit (docs/data-and-fit.md §5)', () => {
    test('json: the contract, progress per start on stderr', () => {
        const r = osteo('fit', 'fit.osteo', '--format', 'json', '--intervals', 'fisher');
        expect(r.code).toBe(0);
        expect(r.stderr.trim().split('\n')).toEqual(['osteo fit: start 1/2 finished', 'osteo fit: start 2/2 finished']);
        const result = JSON.parse(r.stdout) as FitResult;
        expect(result).toMatchObject({ scenario: 'S', fit: 'Gain', interval: 'fisher', objective: { kind: 'weighted-least-squares', points: 5 } });
        const [e] = result.estimates;
        expect(e).toMatchObject({ name: 'bmd_goc_lumbar_spine', arm: null, bounds: [0.05, 2], scale: 'log' });
        expect(e.ci95[0]).toBeLessThan(e.value);
        expect(e.ci95[1]).toBeGreaterThan(e.value);
        expect(result.starts.map(s => s.start)).toEqual([1, 2]);
        expect(result.correlations).toEqual([[1]]);
        expect(Number.isFinite(result.aic) && Number.isFinite(result.bic) && result.rmse > 0).toBe(true);
    }, 300_000);

    test('usage mistakes exit 2 with a one-line reason', () => {
        const noFit = osteo('fit', 'nofit.osteo');
        expect(noFit.code).toBe(2);
        expect(noFit.stderr).toMatch(/has no scenario with a fit block/);
        const starts = osteo('fit', 'fit.osteo', '--starts', '0');
        expect(starts.code).toBe(2);
        expect(starts.stderr).toMatch(/--starts takes a whole number from 1 to 1000, not '0'/);
        const unknownFit = osteo('fit', 'fit.osteo', '--fit', 'Nope', '--quiet');
        expect(unknownFit.code).toBe(1);
        expect(unknownFit.stderr).toMatch(/no fit named 'Nope'; its fits are Gain/);
    }, 120_000);

    test('--shard K/N runs a range of the starts; osteo merge picks the best and equals the unsplit fit (profiles included)', () => {
        const whole = osteo('fit', 'fit.osteo', '--starts', '3', '--format', 'json', '--quiet');
        expect(whole.code).toBe(0);
        for (const k of [1, 2, 3]) {
            const shard = osteo('fit', 'fit.osteo', '--starts', '3', '--shard', `${k}/3`, '--out', `fit-${k}.json`, '--quiet');
            expect(shard.code).toBe(0);
        }
        const second = JSON.parse(fs.readFileSync(path.join(dir, 'fit-2.json'), 'utf8'));
        expect(second.shard.manifest).toMatchObject({ command: 'fit', runs: 3, range: { first: 1, count: 1 }, selection: { scenario: 'S', fit: 'Gain', starts: 3, seed: 1, intervals: 'profile' } });
        // The data file is an input: a changed CSV refuses the merge.
        expect(second.shard.manifest.inputs.map((i: { path: string }) => path.basename(i.path))).toEqual(['fit.osteo', 'spine.csv']);
        const merged = osteo('merge', 'fit-3.json', 'fit-1.json', 'fit-2.json');
        expect(merged.stderr).toBe('');
        expect(merged.code).toBe(0);
        const withoutSeconds = (text: string) => { const { seconds: _seconds, ...rest } = JSON.parse(text) as FitResult; return rest; };
        const result = withoutSeconds(merged.stdout);
        expect(result).toEqual(withoutSeconds(whole.stdout));
        expect(result.starts.map(s => s.start)).toEqual([1, 2, 3]);
        expect(result.estimates[0].profile!.length).toBeGreaterThan(2);
        const missing = osteo('merge', 'fit-1.json', 'fit-3.json');
        expect(missing.code).toBe(4);
        expect(missing.stderr).toMatch(/missing shard 2 of 3: its task failed or did not finish; rerun with --shard 2\/3/);
        fs.appendFileSync(path.join(dir, 'spine.csv'), '30,-3.5,0.5\n');
        const changed = osteo('merge', 'fit-1.json', 'fit-2.json', 'fit-3.json');
        expect(changed.code).toBe(4);
        expect(changed.stderr).toMatch(/spine\.csv changed since the shards ran/);
        const table = osteo('fit', 'fit.osteo', '--shard', '1/2', '--format', 'table');
        expect(table.code).toBe(2);
        expect(table.stderr).toMatch(/a shard is written as JSON/);
    }, 300_000);
});
