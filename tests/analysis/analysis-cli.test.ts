import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { PARAMETERS } from '../../simulator/model/parameters.js';
import type { RunResult, SensitivityResult } from '../../simulator/results.js';

const ROOT = path.resolve(__dirname, '../..');

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('osteo run with sweeps', () => {
    let result: RunResult;
    beforeAll(() => {
        const r = osteo('run', 'examples/when-to-start-anti-tnf.osteo', '--format', 'json');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        result = JSON.parse(r.stdout);
    });

    test('each scenario entry carries its sweeps: a 1-D curve family and a row-major 2-D grid', () => {
        const [start, grid] = result.scenarios[0].sweeps!;
        expect(start).toMatchObject({ name: 'StartTime', arm: 'treated', parameter: 'start of AntiTNF in treated', values: [0, 6, 12, 18, 24], unit: 'months', measure: 'bmd.lumbar_spine', at: 1095.75 });
        expect(start.results).toHaveLength(5);
        expect(start.curves!.series).toHaveLength(5);
        expect(start.curves!.time.length).toBeLessThanOrEqual(200);
        for (const s of start.curves!.series) expect(s).toHaveLength(start.curves!.time.length);
        // The curve ends where the measure is taken (at the end of the horizon here).
        start.curves!.series.forEach((s, i) => expect(s[s.length - 1]).toBeCloseTo(start.results[i], 10));
        expect(grid).toMatchObject({ values: [0, 6, 12, 18, 24], parameter2: 'severity of rheumatoid_arthritis', values2: ['mild', 'moderate', 'high'], measure: 'bmd.total_hip' });
        expect(grid.results).toHaveLength(15);
        expect(grid.curves).toBeUndefined();
        expect(result.scenarios[0].populations).toBeUndefined();
        // The contract's arm series are still all there.
        expect(result.scenarios[0].arms.map(a => a.name)).toEqual(['untreated', 'treated']);
    });
});

describe('osteo sensitivity', () => {
    test('json: every model parameter, sorted by |coefficient|, with its basis', () => {
        const r = osteo('sensitivity', 'examples/ra-anchor-assumptions.osteo', '--output', 'osteoclasts', '--at', '6 months', '--format', 'json');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const s: SensitivityResult = JSON.parse(r.stdout);
        expect(s).toMatchObject({ scenario: 'RaAnchor', arm: 'baseline', output: 'osteoclasts', at: 182.625, form: 'normalised', step: 0.01 });
        expect(s.parameters.map(p => p.name).sort()).toEqual(PARAMETERS.map(p => p.name).sort());
        const sizes = s.parameters.map(p => Math.abs(p.coefficient));
        expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
        for (const p of s.parameters) {
            const info = PARAMETERS.find(q => q.name === p.name)!;
            expect(p.assumption).toBe(info.basis !== 'published');
            expect(p.unit).toBe(info.unit);
        }
    });

    test('table: a header per column and BMD in the absolute form', () => {
        const r = osteo('sensitivity', 'examples/ra-anchor-assumptions.osteo', '--scenario', 'RaAnchor', '--output', 'bmd.lumbar_spine');
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toMatch(/^Sensitivity of bmd\.lumbar_spine at day 365\.25 \(1 year\) — scenario RaAnchor, arm baseline; value -?\d/);
        expect(lines[1]).toMatch(/d bmd\.lumbar_spine \/ d ln\(parameter\)/);
        expect(lines[3]).toMatch(/^parameter\s+value\s+unit\s+coefficient\s+basis$/);
        expect(lines.filter(l => /(ASSUMPTION\/fit|published)$/.test(l))).toHaveLength(PARAMETERS.length);
    });

    test('mistakes get a one-line reason and exit code 2', () => {
        const unknown = osteo('sensitivity', 'examples/ra-anchor-assumptions.osteo', '--output', 'bone');
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/^osteo: examples\/ra-anchor-assumptions\.osteo: arm baseline has no output 'bone'; the outputs are bmd\.lumbar_spine, /);
        const missing = osteo('sensitivity', 'examples/ra-anchor-assumptions.osteo');
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/name the output with --output/);
        const late = osteo('sensitivity', 'examples/ra-anchor-assumptions.osteo', '--output', 'rankl', '--at', '2 years');
        expect(late.code).toBe(2);
        expect(late.stderr).toMatch(/--at 2 years is outside the scenario's horizon of 365\.25 days/);
        const notTime = osteo('sensitivity', 'examples/ra-anchor-assumptions.osteo', '--output', 'rankl', '--at', '5 mg');
        expect(notTime.stderr).toMatch(/'5 mg' is not a time/);
        for (const r of [unknown, missing, late, notTime]) expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    test('a file with an invalid sweep is refused with its diagnostics (exit 1)', () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-')), 'bad.osteo');
        fs.writeFileSync(file, 'scenario S { duration 1 year sweep X { vary rankl_per_tnf from 5 to 1 step 1 measure osteoclasts } }\n');
        const r = osteo('run', file, '--format', 'json');
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/bad\.osteo:1:\d+: error time-order 'to' must be greater than 'from'/);
    });
});
