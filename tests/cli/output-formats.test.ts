import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from './bundle.js';
import { progressFor } from '../../cli/progress.js';
import { num } from '../../report/results-table.js';
import { formatDifference, formatValue } from '../../report/format.js';

/**
 * Issue 12 "Output where users read it": sweeps and populations in `--format table` and `--format csv`,
 * `report at …` summary times, `compare to`, progress on stderr, and noise shown as 0.
 */
const FIXTURES = path.join(__dirname, 'fixtures');

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], { cwd: FIXTURES, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('osteo run on a scenario with a sweep and a population', () => {
    let table: ReturnType<typeof osteo>;
    let csv: ReturnType<typeof osteo>;
    let json: ReturnType<typeof osteo>;
    beforeAll(() => {
        table = osteo('run', 'outputs.osteo', '--progress');
        csv = osteo('run', 'outputs.osteo', '--format', 'csv');
        json = osteo('run', 'outputs.osteo', '--format', 'json');
    }, 360_000);

    test('the table has the summary times, the compared-to arm, the sweep and the population', () => {
        expect(table.code, table.stderr).toBe(0);
        const out = table.stdout;
        expect(out).toMatch(/series\s+arm\s+end\s+2 months\s+3 months\s+min\s+Δ end vs treated/);
        expect(out).toContain('Sweep Dose: bmd.lumbar_spine (% change) at 3 months, arm treated');
        // quickdrug acts on nothing the spine follows: every dose gives the treated arm's 3-month value.
        const threeMonths = /bmd\.lumbar_spine \(% change\)\s+untreated[^\n]*\n\s+treated\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1];
        expect(threeMonths).toMatch(/^-\d\.\d\d$/);
        for (const dose of ['50', '100', '200']) expect(out).toMatch(new RegExp(`^${dose}\\s+${threeMonths!.replace('.', '\\.')}$`, 'm'));
        expect(out).toContain('Population Few: 4 virtual patients (seed 7); rankl_per_tnf lognormal CV 20 %');
        // median [p05, p95] of the 4 patients at each summary time
        expect(out).toMatch(/bmd\.lumbar_spine \(% change\)\s+untreated\s+-\d\.\d\d \[-\d\.\d\d, -\d\.\d\d\]/);
        // A 2-hour half-life drug four months later: no 2e-186 mg/L, a 0 and the threshold stated.
        expect(out).toMatch(/drug\.quickdrug \(mg\/L\)\s+untreated[^\n]*\n\s+treated\s+0\.00\s+0\.00\s+0\.00\s+0\.00/);
        expect(out).not.toMatch(/e-\d{2,}/);
        expect(out).toContain('Values smaller than 1e-6 in their unit are shown as 0');
    });

    test('responder counts from the JSON appear per arm in the table and as CSV rows', () => {
        const arms: { name: string; responders: { label: string; count: number; of: number; fraction: number; atDays: number }[] }[] =
            JSON.parse(json.stdout).scenarios[0].populations[0].arms;
        const lines = csv.stdout.trimEnd().split('\n');
        const header = table.stdout.split('\n').find(l => l.startsWith('responders'));
        expect(header).toMatch(/^responders\s+untreated\s+treated$/);
        const row = table.stdout.split('\n').find(l => l.startsWith('bmd at lumbar_spine < -1.16 at 3 months'));
        for (const arm of arms) {
            const r = arm.responders[0];
            expect(r).toMatchObject({ label: 'bmd at lumbar_spine < -1.16 at 3 months', of: 4 });
            expect(row).toContain(`${r.count} of 4 (${(r.fraction * 100).toFixed(1)} %)`);
            expect(lines).toContain(`Outputs,${arm.name},${r.atDays},bmd.lumbar_spine,${r.fraction},population Few,responders,bmd at lumbar_spine < -1.16 at 3 months,${r.count},of,4`);
        }
    });

    test('progress goes to stderr with --progress, never to stdout', () => {
        expect(table.stderr).toMatch(/^osteo: arms 2\/2 \(100 %/m);
        expect(table.stderr).toMatch(/^osteo: sweep and population runs 11\/11 \(100 %/m);
        expect(table.stdout).not.toContain('osteo: arms');
        // Not a terminal and no --progress: silent, so logs and pipes stay clean.
        expect(csv.stderr).toBe('');
    });

    test('the CSV adds documented columns and a row per sweep run and per population statistic', () => {
        expect(csv.code, csv.stderr).toBe(0);
        const lines = csv.stdout.trimEnd().split('\n');
        expect(lines[0]).toBe('scenario,arm,time_days,series,value,analysis,statistic,parameter,parameter_value,parameter2,parameter2_value');
        expect(lines.every(l => l.split(',').length === 11)).toBe(true);
        const sweep = lines.filter(l => l.includes(',sweep Dose,'));
        expect(sweep.map(l => l.split(',')[8])).toEqual(['50', '100', '200']);
        expect(sweep.every(l => l.startsWith('Outputs,treated,91.3125,bmd.lumbar_spine,'))).toBe(true);
        const population = lines.filter(l => l.includes(',population Few,'));
        for (const statistic of ['median', 'p05', 'p95']) expect(population.some(l => l.split(',')[6] === statistic)).toBe(true);
        // The arms' own rows keep full precision (no display threshold in data files).
        expect(lines.some(l => /^Outputs,treated,\d+(\.\d+)?,drug\.quickdrug,\d\.\d+e-\d+,/.test(l))).toBe(true);
    });

    test('a run without sweeps or populations keeps the five-column CSV of interfaces.md', () => {
        const r = osteo('run', 'ra.osteo', '--scenario', 'Quiet', '--format', 'csv');
        expect(r.stdout.split('\n')[0]).toBe('scenario,arm,time_days,series,value');
    });
});

describe('progress reporting', () => {
    const sink = (isTTY: boolean) => {
        const writes: string[] = [];
        return { isTTY, writes, write: (t: string) => { writes.push(t); return true; } };
    };

    test('on a terminal by default: one line rewritten in place, cleared at the end', () => {
        const s = sink(true);
        let clock = 0;
        const p = progressFor({}, s, () => clock)!;
        for (let done = 1; done <= 5; done++) { clock += 200; p.update('runs', done, 5); }
        p.end();
        expect(s.writes.slice(0, 5).every(w => w.startsWith('\r\x1b[Kosteo: runs '))).toBe(true);
        expect(s.writes[4]).toContain('runs 5/5 (100 %, 1.0 s)');
        expect(s.writes[5]).toBe('\r\x1b[K');
    });

    test('not on a terminal: nothing unless asked; --no-progress silences a terminal', () => {
        expect(progressFor({}, sink(false))).toBeUndefined();
        expect(progressFor({ progress: false }, sink(true))).toBeUndefined();
        const s = sink(false);
        const p = progressFor({ progress: true }, s)!;
        for (let done = 1; done <= 100; done++) p.update('runs', done, 100);
        expect(s.writes).toHaveLength(11);   // the first run, then every tenth
        expect(s.writes.every(w => w.endsWith('\n'))).toBe(true);
    });
});

describe('display threshold', () => {
    test('noise shows as 0, real small values keep their digits', () => {
        expect(formatValue(2.28e-186)).toBe('0');
        expect(formatDifference(-2.49e-14)).toBe('0');
        expect(formatValue(3e-5)).toBe('3.00e-5');
        expect(num(-2.49e-14)).toBe('0.00');
        expect(num(2.5e-4)).toBe('2.50e-4');
    });
});
