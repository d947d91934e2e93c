import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { RunResult } from '../../simulator/results.js';
import { ROOT } from './bundle.js';

const FIXTURES = path.join(__dirname, 'fixtures');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], { cwd: FIXTURES, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every series the results contract (simulator/results.ts) promises for every arm (drug and local-site series come on top). */
const ALWAYS = ['bmd.lumbar_spine', 'bmd.total_hip', 'bmd.femoral_neck', 'osteoclasts', 'osteoblasts', 'osteoblast_precursors',
    'rankl', 'opg', 'rankl_opg_ratio', 'TNF_alpha', 'IL_6', 'IL_1'];


describe('osteo run --format json', () => {
    let result: RunResult;
    beforeAll(() => {
        const r = osteo('run', 'ra.osteo', '--format', 'json');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        result = JSON.parse(r.stdout);
    });

    test('follows the results contract', () => {
        expect(result.tool).toBe('osteo');
        expect(result.version).toBe(VERSION);
        expect(typeof result.model.name).toBe('string');
        expect(typeof result.model.version).toBe('string');
        expect(result.scenarios.map(s => [s.name, s.title, s.durationDays])).toEqual([
            ['RaTiming', 'Timing of anti-TNF therapy in early RA', 365.25], ['Quiet', 'Quiet', 70]
        ]);
        const [ra, quiet] = result.scenarios;
        expect(ra.arms.map(a => a.name)).toEqual(['untreated', 'early', 'late']);
        expect(quiet.arms.map(a => a.name)).toEqual(['baseline']);
        for (const arm of [...ra.arms, ...quiet.arms]) {
            expect(arm.time[0]).toBe(0);
            for (const key of ALWAYS) expect(Object.keys(arm.series)).toContain(key);
            for (const [key, values] of Object.entries(arm.series)) {
                expect(values, key).toHaveLength(arm.time.length);
                expect(values.every(Number.isFinite), key).toBe(true);
            }
            for (const s of Object.values(arm.summary)) expect(Object.keys(s).sort()).toEqual(['at1y', 'end', 'min']);
            expect(Object.keys(arm.stats).sort()).toEqual(['rhsEvaluations', 'solveSeconds', 'steps']);
        }
        expect(ra.arms[0].time.at(-1)).toBe(365.25);
        expect(quiet.arms[0].time).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
            31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70]);
    });

    test('local sites and drugs appear where they apply', () => {
        const [ra, quiet] = result.scenarios;
        expect(Object.keys(ra.arms[0].series)).toContain('bmd.hand');
        expect(Object.keys(quiet.arms[0].series)).not.toContain('bmd.hand');
        expect(Object.keys(ra.arms[0].series)).not.toContain('drug.adalimumab');
        expect(Object.keys(ra.arms[1].series)).toContain('drug.adalimumab');
    });

    test('doses reach the model on schedule: late starts at 6 months', () => {
        const late = result.scenarios[0].arms[2];
        const conc = late.series['drug.adalimumab'];
        const before = late.time.findIndex(t => t >= 175);
        const after = late.time.findIndex(t => t >= 196);
        expect(conc.slice(0, before + 1).every(c => c === 0)).toBe(true);
        expect(conc[after]).toBeGreaterThan(1);
        expect(late.doses[0]).toEqual({ time: 182.625, drug: 'adalimumab', amountMg: 80 });
        expect(late.doses.slice(1).every(d => d.amountMg === 40)).toBe(true);
    });

    test('reported series and assumptions are listed per scenario', () => {
        const [ra, quiet] = result.scenarios;
        expect(ra.reported).toEqual(['bmd.lumbar_spine', 'bmd.total_hip', 'osteoclasts', 'TNF_alpha', 'drug.adalimumab']);
        expect(quiet.reported).toEqual(['bmd.lumbar_spine', 'bmd.total_hip', 'osteoclasts', 'osteoblasts']);
        expect(Array.isArray(ra.assumptions)).toBe(true);
    });
});

describe('osteo run, other formats and selections', () => {
    test('csv is long format with one row per sample of every series', () => {
        const json = JSON.parse(osteo('run', 'ra.osteo', '--scenario', 'Quiet', '--format', 'json').stdout) as RunResult;
        const r = osteo('run', 'ra.osteo', '--scenario', 'Quiet', '--format', 'csv');
        expect(r.code).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines[0]).toBe('scenario,arm,time_days,series,value');
        const arm = json.scenarios[0].arms[0];
        expect(lines).toHaveLength(1 + Object.keys(arm.series).length * arm.time.length);
        expect(lines[1]).toBe(`Quiet,baseline,0,${Object.keys(arm.series)[0]},${Object.values(arm.series)[0][0]}`);
        expect(lines.slice(1).every(l => /^Quiet,baseline,[\d.]+,[\w.]+,-?[\d.e+-]+$/.test(l))).toBe(true);
    });

    test('the table summarises each reported series per arm against the first arm', () => {
        const r = osteo('run', 'ra.osteo');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('RaTiming — Timing of anti-TNF therapy in early RA (1 year)');
        expect(r.stdout).toMatch(/series\s+arm\s+end\s+1 y\s+min\s+Δ end vs untreated/);
        expect(r.stdout).toMatch(/bmd\.lumbar_spine \(% change\)\s+untreated\s+-?\d+\.\d\d/);
        expect(r.stdout).toMatch(/\n\s+early\s+-?\d+\.\d\d\s+-?\d+\.\d\d\s+-?\d+\.\d\d\s+[+-]\d+\.\d\d/);
        expect(r.stdout).toContain('drug.adalimumab (mg/L)');
        expect(r.stdout).toContain('Quiet (10 weeks)');
    });

    test('--arm selects arms; --out writes the file and nothing on stdout', () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-run-')), 'result.json');
        const r = osteo('run', 'ra.osteo', '--scenario', 'RaTiming', '--arm', 'late', '--arm', 'untreated', '--format', 'json', '--out', out);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe('');
        const written = JSON.parse(fs.readFileSync(out, 'utf8')) as RunResult;
        expect(written.scenarios.map(s => s.name)).toEqual(['RaTiming']);
        expect(written.scenarios[0].arms.map(a => a.name)).toEqual(['untreated', 'late']);
    });

    test('without --scenario, --arm runs the scenarios that have the arm', () => {
        const r = osteo('run', 'ra.osteo', '--arm', 'baseline', '--format', 'json');
        expect(r.code).toBe(0);
        expect((JSON.parse(r.stdout) as RunResult).scenarios.map(s => s.name)).toEqual(['Quiet']);
    });
});

describe('osteo run exit codes', () => {
    test('1: the file has errors; diagnostics on stderr, nothing simulated', () => {
        const r = osteo('run', 'errors.osteo', '--format', 'json');
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^errors\.osteo:3:\d+: error \S+ .*adalimumob/m);
    });

    test('1: a scenario the compiler cannot build is reported at its location', () => {
        const r = osteo('run', 'too-fine.osteo');
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe("too-fine.osteo:2:36: error compile sampling every 0.04167 days over 36525 days gives 876602 points; use a coarser 'sample every' (at most 100000 points)\n");
    });

    test('2: unknown scenario or arm, with the choices', () => {
        const scenario = osteo('run', 'ra.osteo', '--scenario', 'Nope');
        expect(scenario.code).toBe(2);
        expect(scenario.stdout).toBe('');
        expect(scenario.stderr.split('\n')[0]).toBe("osteo: ra.osteo: no scenario named 'Nope'; the file declares RaTiming, Quiet");
        const arm = osteo('run', 'ra.osteo', '--scenario', 'RaTiming', '--arm', 'never');
        expect(arm.code).toBe(2);
        expect(arm.stderr.split('\n')[0]).toBe("osteo: ra.osteo: no arm named 'never' in scenario RaTiming; the arms are untreated, early, late");
    });

    test('2: usage mistakes and unreadable files, never a stack trace', () => {
        for (const args of [['run'], ['run', 'ra.osteo', '--format', 'xml'], ['run', 'missing.osteo'], ['run', 'regimens.osteo', '--scenario', 'Nope'],
            ['run', 'ra.osteo', '--format', 'json', '--out', path.join(FIXTURES, 'no-such-dir', 'x.json')]]) {
            const r = osteo(...args);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stderr, args.join(' ')).toMatch(/^osteo: .+\nRun 'osteo --help' for usage\.\n$/);
        }
    });

    test('several files: every scenario of every file in one result; an error in any file stops the run', () => {
        const both = osteo('run', 'ra.osteo', 'regimens.osteo', 'too-fine.osteo', '--scenario', 'RaTiming', '--format', 'json');
        expect(both.code).toBe(0);
        expect(JSON.parse(both.stdout).scenarios.map((s: { name: string }) => s.name)).toEqual(['RaTiming']);
        const withErrors = osteo('run', 'ra.osteo', 'errors.osteo');
        expect(withErrors.code).toBe(1);
        expect(withErrors.stdout).toBe('');
    });

    test('3: the solver fails, naming the arm, the scenario and the day', () => {
        const r = osteo('run', 'solver-failure.osteo');
        expect(r.code).toBe(3);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^osteo: arm flood of scenario Overload failed at day \d+(\.\d+)?: .+\n$/);
    });
});
