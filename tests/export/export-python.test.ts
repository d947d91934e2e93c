/**
 * `osteo export --format python` against `osteo run`: the exported SciPy script (LSODA, rtol 1e-6) must reproduce
 * every series of the same arm. Needs python3 with numpy and scipy; without them the comparison is skipped with
 * the reason in its name, except under CI=true, where a missing SciPy is a failure.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunResult } from '../../simulator/results.js';
import { ROOT } from '../cli/bundle.js';

const PYTHON = process.env.OSTEO_PYTHON ?? 'python3';
const hasScipy = spawnSync(PYTHON, ['-c', 'import numpy, scipy.integrate'], { encoding: 'utf8' }).status === 0;
const ci = process.env.CI === 'true';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-export-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** BMD in percentage points; every other series relative to its own largest magnitude. */
const BMD_TOLERANCE_PP = 0.01;
const OTHER_RELATIVE_TOLERANCE = 2e-3;
/**
 * Drug concentrations also get an absolute floor: 10 × the absolute tolerance both solvers put on the drug's
 * central amount, in mg/L. A bolus cleared in hours (zoledronate) is ~1e-17 mg/L at the next weekly sample in one
 * solver and ~1e-6 in the other, both inside that tolerance and far below any effect.
 */
function drugFloor(script: string, key: string): number {
    const model = JSON.parse(script.slice(script.indexOf("r'''") + 4, script.indexOf("'''", script.indexOf("r'''") + 4)));
    // A local site's exposure (`drug.NAME@site`) is the same central amount times the site's exposure factor.
    const base = key.split('@')[0];
    const site = key.includes('@') ? model.compartments.indexOf(key.slice(key.indexOf('@') + 1)) : 0;
    const index = model.drugs.findIndex((d: { name: string }) => `drug.${d.name}` === base);
    const drug = model.drugs[index];
    const plasma = 10 * model.atol[drug.central] / drug.volume * Math.max(1, model.exposures[Math.max(site, 0)][index]);
    // With a local release depot (docs/model.md §1.8) the site also sees its tissue amount over the local volume.
    const tissue = site > 0 && drug.localTissue.length > 0 ? 10 * model.atol[drug.localTissue[site - 1]] / drug.localVolume : 0;
    return plasma + tissue;
}

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ARMS = [
    { what: 'RA with adalimumab (anti-TNF)', file: 'examples/ra-timing.osteo', scenario: 'RaTiming', arm: 'early' },
    { what: 'denosumab after a past menopause', file: 'examples/postmenopausal-denosumab.osteo', scenario: 'DenosumabPmo', arm: 'denosumab' },
    { what: 'denosumab stopped, then zoledronate', file: 'examples/postmenopausal-denosumab.osteo', scenario: 'DenosumabPmo', arm: 'stop_then_zoledronate' },
    { what: 'menopause during the run with RA', file: 'examples/ra-menopause-combination.osteo', scenario: 'RaMenopause', arm: 'untreated' },
    { what: 'periodontitis, targeted anakinra at the alveolar site', file: 'examples/periodontitis-local-delivery.osteo', scenario: 'PerioDelivery', arm: 'targeted_anakinra' },
    { what: 'periodontitis, anakinra in a hydrogel depot releasing into the alveolar site', file: 'examples/periodontitis-local-delivery.osteo', scenario: 'PerioDelivery', arm: 'hydrogel_anakinra' },
    { what: 'romosozumab (sclerostin, Wnt feedback) then denosumab', file: 'examples/anabolic-window.osteo', scenario: 'AnabolicWindow', arm: 'romosozumab_then_denosumab' },
    { what: 'daily teriparatide (PTH bursts)', file: 'tests/export/teriparatide-short.osteo', scenario: 'TeriparatideShort', arm: 'teriparatide' },
    { what: 'prednisone taper in RA (effect compartment, resorption adaptation)', file: 'examples/glucocorticoid-exposure.osteo', scenario: 'SteroidCourse', arm: 'prednisone_taper' }
];

describe('osteo export --format python', () => {
    test('refuses incomplete requests with a one-line reason (exit 2)', () => {
        const noArm = osteo('export', 'examples/ra-timing.osteo', '--scenario', 'RaTiming', '--format', 'python');
        expect(noArm.code).toBe(2);
        expect(noArm.stderr).toContain('--arm NAME is required');
        const badArm = osteo('export', 'examples/ra-timing.osteo', '--scenario', 'RaTiming', '--arm', 'nope', '--format', 'python');
        expect(badArm.code).toBe(2);
        expect(badArm.stderr).toContain("no arm named 'nope'");
        expect(badArm.stderr).toContain('early');
        const badFormat = osteo('export', 'examples/ra-timing.osteo', '--scenario', 'RaTiming', '--arm', 'early', '--format', 'r');
        expect(badFormat.code).toBe(2);
        expect(badFormat.stderr).toContain("unknown export format 'r'");
        expect(noArm.stderr + badArm.stderr + badFormat.stderr).not.toMatch(/\n\s+at /);
    });

    test('writes a self-contained script that imports only numpy and scipy', () => {
        const out = path.join(work, 'ra.py');
        const r = osteo('export', 'examples/ra-timing.osteo', '--scenario', 'RaTiming', '--arm', 'early', '--format', 'python', '--out', out);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const script = fs.readFileSync(out, 'utf8');
        const imports = [...script.matchAll(/^(?:import|from) ([\w.]+)/gm)].map(m => m[1].split('.')[0]);
        expect(new Set(imports)).toEqual(new Set(['argparse', 'json', 'math', 'sys', 'time', 'numpy', 'scipy']));
        expect(script).toContain('solve_ivp');
        expect(script).not.toContain('__MODEL_JSON__');
    });

    if (!hasScipy && ci) {
        test('python3 with numpy and scipy is available (required under CI=true)', () => {
            expect.fail(`'${PYTHON} -c "import numpy, scipy"' failed: install python3-scipy (apt-get install -y python3-scipy)`);
        });
    }

    test.skipIf(!hasScipy).each(ARMS)(`agrees with osteo run (LSODA, rtol 1e-6): $what${hasScipy ? '' : ' [skipped: no python3 with scipy]'}`, ({ file, scenario, arm }) => {
        const script = path.join(work, `${scenario}-${arm}.py`);
        const exported = osteo('export', file, '--scenario', scenario, '--arm', arm, '--format', 'python', '--out', script);
        expect(exported.code, exported.stderr).toBe(0);
        const source = fs.readFileSync(script, 'utf8');
        const run = osteo('run', file, '--scenario', scenario, '--arm', arm, '--format', 'json');
        expect(run.code, run.stderr).toBe(0);
        const ours = (JSON.parse(run.stdout) as RunResult).scenarios[0].arms[0];

        const py = spawnSync(PYTHON, [script, '--method', 'LSODA', '--rtol', '1e-6'], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
        expect(py.status, py.stderr).toBe(0);
        const theirs = JSON.parse(py.stdout) as { time: number[]; series: Record<string, number[]>; solveSeconds: number };

        expect(theirs.solveSeconds).toBeGreaterThan(0);
        expect(theirs.time).toEqual(ours.time);
        expect(Object.keys(theirs.series).sort()).toEqual(Object.keys(ours.series).sort());
        for (const [key, values] of Object.entries(ours.series)) {
            const other = theirs.series[key];
            expect(other, key).toHaveLength(values.length);
            let worst = 0;
            for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i] - other[i]));
            if (key.startsWith('bmd.')) {
                expect(worst, `${key}: largest difference (pp)`).toBeLessThan(BMD_TOLERANCE_PP);
            } else {
                const scale = Math.max(...values.map(Math.abs));
                expect(worst, `${key}: largest difference relative to max |value| ${scale}`).toBeLessThanOrEqual(OTHER_RELATIVE_TOLERANCE * scale + (key.startsWith('drug.') ? drugFloor(source, key) : 1e-12));
            }
        }
    }, 400_000);
});
