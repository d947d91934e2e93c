/** `osteo sensitivity --method sobol|morris` as a user runs it: the JSON contract of issue 14, the table, the mistakes. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { GlobalSensitivityResult } from '../../simulator/results.js';

const ROOT = path.resolve(__dirname, '../..');
const FILE = 'examples/ra-anchor-assumptions.osteo';

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('osteo sensitivity --method sobol|morris', () => {
    test('sobol json: the documented keys, ranked by total index, ranges from the table or written', () => {
        const r = osteo('sensitivity', FILE, '--output', 'osteoclasts', '--at', '3 months, 6 months', '--method', 'sobol', '--samples', '4',
            '--parameters', 'rankl_per_tnf,oc_apoptosis=0.5..0.9', '--seed', '7', '--format', 'json');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const s: GlobalSensitivityResult = JSON.parse(r.stdout);
        expect(s).toMatchObject({ method: 'sobol', output: 'osteoclasts', at: 182.625, samples: 4, runs: 16, seed: 7 });
        expect(s.parameters.map(p => p.name).sort()).toEqual(['oc_apoptosis', 'rankl_per_tnf']);
        for (const p of s.parameters) {
            expect(Object.keys(p)).toEqual(expect.arrayContaining(['name', 'low', 'high', 'first', 'firstCi95', 'total', 'totalCi95', 'assumption']));
            expect(p.firstCi95).toHaveLength(2);
            expect(p.totalCi95).toHaveLength(2);
        }
        expect(s.parameters.find(p => p.name === 'oc_apoptosis')).toMatchObject({ low: 0.5, high: 0.9, assumption: false });
        expect(s.parameters.find(p => p.name === 'rankl_per_tnf')!.assumption).toBe(true);
        expect(s.parameters[0].total!).toBeGreaterThanOrEqual(s.parameters[1].total!);
        expect(s.overTime.map(t => t.at)).toEqual([91.3125, 182.625]);
        expect(s.notes.join(' ')).toMatch(/rankl_per_tnf\) go from ½ to 2 × the value/);
    });

    test('morris json: μ* and σ per parameter; the table ranks them and states the basis', () => {
        const args = ['sensitivity', FILE, '--output', 'bmd.lumbar_spine', '--at', '6 months', '--method', 'morris', '--samples', '3', '--parameters', 'rankl_per_tnf,ob_apoptosis'];
        const r = osteo(...args, '--format', 'json');
        expect(r.code).toBe(0);
        const m: GlobalSensitivityResult = JSON.parse(r.stdout);
        expect(m).toMatchObject({ method: 'morris', output: 'bmd.lumbar_spine', at: 182.625, samples: 3, runs: 9 });
        for (const p of m.parameters) expect(Object.keys(p)).toEqual(expect.arrayContaining(['name', 'low', 'high', 'muStar', 'sigma', 'assumption']));
        expect(m.parameters[0].muStar!).toBeGreaterThan(0);
        const table = osteo(...args);
        expect(table.code).toBe(0);
        expect(table.stdout).toMatch(/^Morris screening of bmd\.lumbar_spine \(% change\) at day 182\.625/);
        expect(table.stdout).toMatch(/parameter\s+low\s+high\s+unit\s+mu\*\s+95 % CI\s+sigma\s+mu\s+basis/);
        expect(table.stdout).toMatch(/rankl_per_tnf .* ASSUMPTION\/fit/);
    });

    test('mistakes get one line and exit code 2', () => {
        const cases: [string[], RegExp][] = [
            [['--method', 'fast'], /unknown method 'fast' \(expected local, morris or sobol\)/],
            [['--method', 'sobol', '--parameters', 'rankl_per_tnfx'], /'rankl_per_tnfx' is not a model parameter/],
            [['--method', 'sobol', '--parameters', 'oc_apoptosis=0.9..0.5'], /range of oc_apoptosis must go from a lower to a higher value/],
            [['--method', 'sobol', '--parameters', 'oc_apoptosis=-1..0.5'], /leaves its valid range/],
            [['--method', 'sobol', '--samples', 'many'], /--samples takes a whole number, not 'many'/],
            [['--samples', '8'], /--samples and --seed go with --method morris or sobol/],
            [['--method', 'morris', '--at', '40 years'], /outside the scenario's horizon/]
        ];
        for (const [extra, message] of cases) {
            const r = osteo('sensitivity', FILE, '--output', 'osteoclasts', ...extra);
            expect(r.stderr).toMatch(message);
            expect(r.code).toBe(2);
        }
    });
});
