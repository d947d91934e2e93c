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
});
