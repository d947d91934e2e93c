/**
 * Studies split over machines (docs/language.md "Running on a cluster"), as a user runs them: shards of
 * `osteo run` and `osteo sensitivity` joined by `osteo merge` give the unsplit run's JSON byte for byte;
 * merge refuses missing, duplicate and foreign shards and changed inputs; `osteo plan` writes the scripts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseShard, shardRange } from '../../cli/shard.js';
import { poolSize } from '../../runtime/worker-pool.js';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'tests/cli/fixtures/sharded-population.osteo');
let dir: string;
/** The solver's wall-clock time differs between any two runs; everything else must be equal byte for byte. */
const withoutTimings = (json: string) => json.replace(/"solveSeconds": [0-9.e+-]+/g, '"solveSeconds": 0');

function osteo(args: string[], env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], {
        cwd: dir, encoding: 'utf8', timeout: 300_000, env: { ...process.env, ...env }
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-shard-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('--shard K/N and auto', () => {
    test('K/N is 1-based; auto reads a Slurm array task or a Kubernetes completion index', () => {
        expect(parseShard('3/8', {})).toEqual({ index: 3, count: 8 });
        expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 });
        expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 });
        expect(parseShard('auto/5', { JOB_COMPLETION_INDEX: '4' })).toEqual({ index: 5, count: 5 });
        expect(parseShard('auto', { JOB_COMPLETION_INDEX: '0', OSTEO_SHARD_COUNT: '2' })).toEqual({ index: 1, count: 2 });
        expect(() => parseShard('0/3', {})).toThrow(/1 ≤ K ≤ N/);
        expect(() => parseShard('4/3', {})).toThrow(/1 ≤ K ≤ N/);
        expect(() => parseShard('auto', {})).toThrow(/SLURM_ARRAY_TASK_ID .* or JOB_COMPLETION_INDEX/);
        expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '1' })).toThrow(/gives no count/);
        expect(() => parseShard('half', {})).toThrow(/K\/N/);
    });

    test('the ranges cover every run once, in order, sizes within one', () => {
        for (const [total, count] of [[10, 3], [3, 5], [0, 2], [100, 7]]) {
            let next = 0;
            for (let index = 1; index <= count; index++) {
                const r = shardRange(total, { index, count });
                expect(r.first).toBe(next);
                expect(r.count).toBeGreaterThanOrEqual(Math.floor(total / count));
                expect(r.count).toBeLessThanOrEqual(Math.ceil(total / count));
                next += r.count;
            }
            expect(next).toBe(total);
        }
    });

    test('the pool takes OSTEO_WORKERS, then SLURM_CPUS_PER_TASK, then the cores', () => {
        expect(poolSize({ SLURM_CPUS_PER_TASK: '3' })).toBe(3);
        expect(poolSize({ OSTEO_WORKERS: '2', SLURM_CPUS_PER_TASK: '3' })).toBe(2);
        expect(poolSize({ SLURM_CPUS_PER_TASK: 'x' })).toBeGreaterThanOrEqual(1);
    });
});

describe('osteo run --shard and osteo merge', () => {
    let unsplit: string;
    const shardFile = (k: number) => path.join(dir, `run-${k}.json`);

    beforeAll(() => {
        const r = osteo(['run', FIXTURE, '--format', 'json']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        unsplit = r.stdout;
        for (let k = 1; k <= 3; k++) {
            // Shard 2 finds its place from a Slurm array's environment, as in a job.
            const s = k === 2
                ? osteo(['run', FIXTURE, '--shard', 'auto', '--out', shardFile(k)], { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' })
                : osteo(['run', FIXTURE, '--shard', `${k}/3`, '--format', 'json', '--out', shardFile(k)]);
            expect(s.stderr).toBe('');
            expect(s.code).toBe(0);
        }
    });

    test('each shard holds its range of the runs and a manifest of what it ran', () => {
        const shards = [1, 2, 3].map(k => JSON.parse(fs.readFileSync(shardFile(k), 'utf8')));
        // 12 patients × 2 arms + 3 sweep points.
        expect(shards.map(s => s.shard.manifest.range)).toEqual([{ first: 0, count: 9 }, { first: 9, count: 9 }, { first: 18, count: 9 }]);
        const m = shards[0].shard.manifest;
        expect(shards[1].shard).toMatchObject({ index: 2, count: 3 });
        expect(m).toMatchObject({ command: 'run', tool: 'osteo', runs: 27, files: [FIXTURE], model: { name: expect.any(String), version: expect.any(String) } });
        expect(m.inputs).toEqual([{ path: FIXTURE, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
        expect(m.parameterTable).toMatch(/^[0-9a-f]{64}$/);
    });

    test('merged, in any order, the shards print exactly what the unsplit run prints', () => {
        const r = osteo(['merge', shardFile(3), shardFile(1), shardFile(2)]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(withoutTimings(r.stdout)).toBe(withoutTimings(unsplit));
        const out = path.join(dir, 'merged.json');
        expect(osteo(['merge', shardFile(1), shardFile(2), shardFile(3), '--out', out]).code).toBe(0);
        expect(withoutTimings(fs.readFileSync(out, 'utf8'))).toBe(withoutTimings(unsplit));
        expect(JSON.parse(unsplit).scenarios[0].populations[0].arms[1].median['bmd.lumbar_spine'].length).toBeGreaterThan(5);
    });

    test('a missing shard fails the merge and is named; so is a duplicate', () => {
        const missing = osteo(['merge', shardFile(1), shardFile(3)]);
        expect(missing.code).toBe(4);
        expect(missing.stderr).toMatch(/missing shard 2 of 3: its task failed or did not finish; rerun with --shard 2\/3/);
        expect(missing.stdout).toBe('');
        const twice = osteo(['merge', shardFile(1), shardFile(1), shardFile(2)]);
        expect(twice.code).toBe(4);
        expect(twice.stderr).toMatch(/shard 1 of 3 is given twice/);
    });

    test('shards of another study, a damaged shard and a changed input are refused', () => {
        const other = path.join(dir, 'other.osteo');
        fs.writeFileSync(other, fs.readFileSync(FIXTURE, 'utf8').replace('seed 7', 'seed 8'));
        const foreign = path.join(dir, 'foreign-2.json');
        expect(osteo(['run', other, '--shard', '2/3', '--out', foreign]).code).toBe(0);
        const mixed = osteo(['merge', shardFile(1), foreign, shardFile(3)]);
        expect(mixed.code).toBe(4);
        expect(mixed.stderr).toMatch(/are shards of different studies \(their files, inputs differ\)/);

        const damaged = path.join(dir, 'damaged.json');
        fs.writeFileSync(damaged, fs.readFileSync(shardFile(2), 'utf8').slice(0, 200));
        const broken = osteo(['merge', shardFile(1), damaged, shardFile(3)]);
        expect(broken.code).toBe(4);
        expect(broken.stderr).toMatch(/damaged\.json is not a shard/);

        // The study's file edited after its shards ran: the merge would describe other inputs.
        const copy = path.join(dir, 'copy.osteo');
        fs.copyFileSync(FIXTURE, copy);
        const a = path.join(dir, 'copy-1.json'), b = path.join(dir, 'copy-2.json');
        expect(osteo(['run', copy, '--shard', '1/2', '--out', a]).code).toBe(0);
        expect(osteo(['run', copy, '--shard', '2/2', '--out', b]).code).toBe(0);
        fs.appendFileSync(copy, '\n// edited\n');
        const changed = osteo(['merge', a, b]);
        expect(changed.code).toBe(4);
        expect(changed.stderr).toMatch(/copy\.osteo changed since the shards ran/);
    });
});

describe('osteo sensitivity --shard', () => {
    test('a Sobol study in two shards merges to the unsplit result', () => {
        const study = ['sensitivity', FIXTURE, '--arm', 'treated', '--output', 'bmd.lumbar_spine', '--at', '6 months, 1 year',
            '--method', 'sobol', '--samples', '4', '--parameters', 'rankl_per_tnf,oc_apoptosis', '--seed', '3'];
        const whole = osteo([...study, '--format', 'json']);
        expect(whole.code).toBe(0);
        const parts = [1, 2].map(k => path.join(dir, `sobol-${k}.json`));
        parts.forEach((file, i) => expect(osteo([...study, '--shard', `${i + 1}/2`, '--out', file]).code).toBe(0));
        expect(JSON.parse(fs.readFileSync(parts[1], 'utf8')).shard.manifest).toMatchObject({ command: 'sensitivity', runs: 16, range: { first: 8, count: 8 } });
        const merged = osteo(['merge', ...parts]);
        expect(merged.stderr).toBe('');
        expect(merged.stdout).toBe(whole.stdout);
    });

    test('a local sensitivity is not split', () => {
        const r = osteo(['sensitivity', FIXTURE, '--output', 'osteoclasts', '--shard', '1/2']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/--shard splits a morris or sobol study/);
    });
});

describe('osteo plan', () => {
    test('--slurm writes a job array of shards and a merge job that runs after every task', () => {
        const out = path.join(dir, 'plan.sh');
        const r = osteo(['plan', FIXTURE, '--slurm', '--shards', '4', '--cpus', '2', '--out', out]);
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/4 shards of 27 runs \(≈ 7 each\)/);
        const script = fs.readFileSync(out, 'utf8');
        expect(fs.statSync(out).mode & 0o100).toBeTruthy();
        expect(script).toMatch(/sbatch --parsable --job-name=osteo-sharded-population --array=1-4 --cpus-per-task=2/);
        expect(script).toContain('logs/osteo-sharded-population-%A_%a.log');
        expect(script).toMatch(/run \S*sharded-population\.osteo --shard auto --format json/);
        expect(script).toMatch(/--dependency=afterany:\$array/);
        expect(script).toMatch(/merge "\$OUT_DIR"\/shards\/shard-\*\.json --out "\$OUT_DIR\/result\.json"/);
        expect(spawnSync('bash', ['-n', out]).status).toBe(0);
    });

    test('--kubernetes writes an Indexed Job', () => {
        const r = osteo(['plan', FIXTURE, '--kubernetes', '--shards', '3']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/kind: Job/);
        expect(r.stdout).toMatch(/completionMode: Indexed\n {2}completions: 3/);
        expect(r.stdout).toContain('"auto/3"');
        expect(r.stdout).toContain('"/work/shards/shard-$(JOB_COMPLETION_INDEX).json"');
    });

    test('mistakes', () => {
        expect(osteo(['plan', FIXTURE]).stderr).toMatch(/plan needs --slurm or --kubernetes/);
        expect(osteo(['plan', FIXTURE, '--slurm', '--shards', '0']).stderr).toMatch(/--shards takes a whole number from 1 to 1000/);
    });
});
