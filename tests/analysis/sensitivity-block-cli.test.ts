/**
 * A scenario's `sensitivity` block from the command line (docs/language.md §3.7): `osteo sensitivity` runs it
 * (its flags override the block), `osteo run` includes it in the result and the table, and a sharded
 * `osteo run` merges to the same result.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GlobalSensitivityResult, RunResult } from '../../simulator/results.js';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
const FILE = 'study.osteo';
const TEXT = `
scenario Hip "What drives the hip?" {
    duration 6 months
    sample every 1 week
    condition rheumatoid_arthritis { severity high }
    arm untreated { }

    sensitivity HipDrivers "Drivers of hip BMD" {
        method sobol
        measure bmd at total_hip in untreated at 3 months, 6 months
        samples 4
        seed 3
        vary rankl_per_tnf from 5 to 40
        vary oc_apoptosis
    }
}
`;

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args, '--no-progress'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const withoutTimings = (json: string) => json.replace(/"solveSeconds": [0-9.e+-]+/g, '"solveSeconds": 0');

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-sens-block-'));
    fs.writeFileSync(path.join(dir, FILE), TEXT);
});
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('a sensitivity block from the command line', () => {
    test('osteo sensitivity FILE runs the block: its method, series, arm, times, samples, seed and ranges', () => {
        const r = osteo('sensitivity', FILE, '--format', 'json');
        expect(r.code).toBe(0);
        const s: GlobalSensitivityResult = JSON.parse(r.stdout);
        expect(s).toMatchObject({ method: 'sobol', scenario: 'Hip', arm: 'untreated', output: 'bmd.total_hip', samples: 4, runs: 16, seed: 3, at: 182.625 });
        expect(s.overTime.map(t => t.at)).toEqual([91.3125, 182.625]);
        const rankl = s.parameters.find(p => p.name === 'rankl_per_tnf')!;
        expect([rankl.low, rankl.high]).toEqual([5, 40]);
        const apoptosis = s.parameters.find(p => p.name === 'oc_apoptosis')!;
        expect([apoptosis.low, apoptosis.high]).toEqual([0.35, 1.4]);
    });

    test('flags override the block: --method, --samples, --at, --parameters', () => {
        const r = osteo('sensitivity', FILE, '--method', 'morris', '--samples', '2', '--at', '2 months', '--parameters', 'rankl_per_tnf=10..20', '--format', 'json');
        expect(r.code).toBe(0);
        const m: GlobalSensitivityResult = JSON.parse(r.stdout);
        expect(m).toMatchObject({ method: 'morris', output: 'bmd.total_hip', samples: 2, runs: 4, seed: 3 });
        expect(m.overTime.map(t => t.at)).toEqual([60.875]);
        expect(m.parameters.map(p => [p.name, p.low, p.high])).toEqual([['rankl_per_tnf', 10, 20]]);
        const local = osteo('sensitivity', FILE, '--method', 'local', '--parameters', 'rankl_per_tnf', '--at', '3 months');
        expect(local.code).toBe(0);
        expect(local.stdout).toMatch(/^Sensitivity of bmd\.total_hip at day 91\.3125 \(3 months\) — scenario Hip, arm untreated/);
        const seeded = osteo('sensitivity', FILE, '--method', 'local', '--seed', '2');
        expect(seeded.code).toBe(2);
        expect(seeded.stderr).toMatch(/--samples and --seed go with --method morris or sobol/);
    });

    test('osteo run includes the block: the same result as osteo sensitivity, a table under the scenario', () => {
        const run = osteo('run', FILE, '--format', 'json');
        expect(run.code).toBe(0);
        const result: RunResult = JSON.parse(run.stdout);
        const study = result.scenarios[0].sensitivities![0] as GlobalSensitivityResult & { name: string };
        const alone = JSON.parse(osteo('sensitivity', FILE, '--format', 'json').stdout);
        expect(study).toEqual({ name: 'HipDrivers', title: 'Drivers of hip BMD', ...alone });
        const table = osteo('run', FILE);
        expect(table.code).toBe(0);
        expect(table.stdout).toMatch(/Sensitivity HipDrivers — Drivers of hip BMD\nSobol indices of bmd\.total_hip \(% change\) at day 182\.625 \(6 months\) — scenario Hip, arm untreated/);
        expect(table.stdout).toMatch(/rankl_per_tnf\s+5\s+40\s/);
        // CSV: a row per time, parameter and statistic, with the same numbers as the JSON.
        const csv = osteo('run', FILE, '--format', 'csv');
        expect(csv.code).toBe(0);
        const rows = csv.stdout.split('\n').filter(l => l.includes(',sensitivity HipDrivers,'));
        expect(rows).toHaveLength(2 * 2 * 6);
        const rankl = study.overTime[1].parameters.find(p => p.name === 'rankl_per_tnf')!;
        expect(rows).toContain(`Hip,untreated,182.625,bmd.total_hip,${rankl.total},sensitivity HipDrivers,total,rankl_per_tnf,5,to,40`);
        expect(rows).toContain(`Hip,untreated,91.3125,bmd.total_hip,${study.overTime[0].parameters.find(p => p.name === 'oc_apoptosis')!.firstCi95![1]},sensitivity HipDrivers,first_hi,oc_apoptosis (/day),0.35,to,1.4`);
    });

    test('a sharded osteo run splits the study and merges to the unsplit result', () => {
        const whole = osteo('run', FILE, '--format', 'json');
        for (const k of [1, 2, 3]) expect(osteo('run', FILE, '--shard', `${k}/3`, '--out', `shard-${k}.json`).code).toBe(0);
        const shard = JSON.parse(fs.readFileSync(path.join(dir, 'shard-2.json'), 'utf8'));
        expect(shard.shard.manifest.runs).toBe(16);
        const merged = osteo('merge', 'shard-1.json', 'shard-2.json', 'shard-3.json');
        expect(merged.code).toBe(0);
        expect(withoutTimings(merged.stdout)).toBe(withoutTimings(whole.stdout));
    });

    test('a parameter whose value is 0 and has no range: an error at its line, nothing runs', () => {
        fs.writeFileSync(path.join(dir, 'zero.osteo'), TEXT.replace('vary oc_apoptosis', 'vary oc_apoptosis\n        set oc_apoptosis = 0').replace('set oc_apoptosis = 0', '').replace('sample every 1 week', 'sample every 1 week\n    set oc_apoptosis = 0'));
        const r = osteo('sensitivity', 'zero.osteo');
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/zero\.osteo:\d+:\d+: error out-of-range oc_apoptosis is 0, so ½ to 2 × its value is no range/);
    });
});
