/**
 * Studies split over machines (docs/language.md "Running on a cluster"): `--shard K/N` or `--shard auto`
 * picks a contiguous range of a study's runs; the shard's JSON carries a manifest (input hashes, parameter
 * table hash, versions, the selection, the run range) that `osteo merge` checks before it joins the shards.
 * Run i of a study depends on the study and i alone (populations draw from the seed and the patient's index,
 * sensitivity rows from the design and the row's index), so the joined result is the unsplit run's.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { isDataTable, isModel } from '../language/src/generated/ast.js';
import { dataPathOf } from '../language/src/compiler/compile-data.js';
import { MODEL_INFO, PARAMETERS } from '../simulator/index.js';
import { VERSION } from '../runtime/version.js';
import { UsageError } from './args.js';

export interface ShardSpec {
    /** 1-based. */
    readonly index: number;
    readonly count: number;
}

/**
 * `K/N` (1-based K), `auto` (Slurm: SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT;
 * Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX + 1 of OSTEO_SHARD_COUNT) or `auto/N` (the count given).
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): ShardSpec {
    const given = /^(\d+)\/(\d+)$/.exec(text);
    if (given) return checked(Number(given[1]), Number(given[2]), text);
    const auto = /^auto(?:\/(\d+))?$/.exec(text);
    if (!auto) throw new UsageError(`--shard takes K/N (e.g. 3/8), auto or auto/N, not '${text}'`);
    const countText = auto[1];
    if (env.SLURM_ARRAY_TASK_ID !== undefined) {
        const id = Number(env.SLURM_ARRAY_TASK_ID), min = Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
        const count = Number(countText ?? env.SLURM_ARRAY_TASK_COUNT);
        if (!Number.isInteger(count)) throw new UsageError('--shard auto: SLURM_ARRAY_TASK_COUNT is not set; give the count as --shard auto/N');
        return checked(id - min + 1, count, `SLURM_ARRAY_TASK_ID ${id} (array from ${min}) of ${count}`);
    }
    if (env.JOB_COMPLETION_INDEX !== undefined) {
        const count = Number(countText ?? env.OSTEO_SHARD_COUNT);
        if (!Number.isInteger(count)) throw new UsageError('--shard auto: a Kubernetes Indexed Job gives no count; write --shard auto/N or set OSTEO_SHARD_COUNT');
        return checked(Number(env.JOB_COMPLETION_INDEX) + 1, count, `JOB_COMPLETION_INDEX ${env.JOB_COMPLETION_INDEX} of ${count}`);
    }
    throw new UsageError('--shard auto needs SLURM_ARRAY_TASK_ID (a Slurm job array) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)');
}

function checked(index: number, count: number, what: string): ShardSpec {
    if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
        throw new UsageError(`--shard: ${what} is not a shard K of N with 1 ≤ K ≤ N`);
    }
    return { index, count };
}

/** Runs [first, first + count) of `total`: the shards' ranges are contiguous, in order, and differ in size by at most one. */
export function shardRange(total: number, spec: ShardSpec): { first: number; count: number } {
    const first = Math.floor(total * (spec.index - 1) / spec.count);
    return { first, count: Math.floor(total * spec.index / spec.count) - first };
}

export interface ShardManifest {
    readonly command: 'run' | 'sensitivity' | 'fit';
    readonly tool: string;
    readonly version: string;
    readonly model: { readonly name: string; readonly version: string };
    /** The files named on the command line (absolute), as merge reloads them. */
    readonly files: string[];
    /** Every file the study read (imports included) with its SHA-256. */
    readonly inputs: { readonly path: string; readonly sha256: string }[];
    /** SHA-256 of the parameter table (values, units, bounds, calibration fits). */
    readonly parameterTable: string;
    /** What was selected: scenario, arms; for sensitivity the output, times, method, samples, seed, parameters; for fit the scenario, fit, starts, seed, intervals. */
    readonly selection: Record<string, unknown>;
    /** Runs of the whole study, and this shard's range of them. */
    readonly runs: number;
    readonly range: { readonly first: number; readonly count: number };
}

export interface ShardFile {
    readonly shard: { readonly index: number; readonly count: number; readonly manifest: ShardManifest };
    /** `run`: the arms' results (every shard computes them; merge keeps the first shard's). */
    readonly result?: unknown;
    /** The outputs of the shard's runs, in order. */
    readonly outputs: unknown[];
    /** `fit`: the shard's wall time (the merged fit's `seconds` is the shards' sum plus the merge). */
    readonly seconds?: number;
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export function parameterTableHash(): string {
    return sha256(JSON.stringify(PARAMETERS));
}

export function fileSha256(file: string): string {
    return sha256(fs.readFileSync(file));
}

/**
 * The documents' files and the data files they read (`data … { file "…" }`: a fit or an observe line depends on
 * them); builtin library documents have no file and belong to the model version.
 */
export function inputsOf(documents: readonly LangiumDocument[]): { path: string; sha256: string }[] {
    const files = documents.filter(d => d.uri.scheme === 'file');
    const data = files.flatMap(d => {
        const model = d.parseResult.value;
        return isModel(model) ? model.declarations.filter(isDataTable).map(dataPathOf).filter((f): f is string => f !== undefined && fs.existsSync(f)) : [];
    });
    return [...new Set([...files.map(d => d.uri.fsPath), ...data])]
        .map(file => ({ path: file, sha256: fileSha256(file) }))
        .sort((a, b) => a.path.localeCompare(b.path));
}

export function manifestOf(command: ShardManifest['command'], files: readonly string[], documents: readonly LangiumDocument[],
    selection: Record<string, unknown>, runs: number, range: ShardManifest['range']): ShardManifest {
    return {
        command, tool: 'osteo', version: VERSION, model: { name: MODEL_INFO.name, version: MODEL_INFO.version },
        files: files.map(f => path.resolve(f)), inputs: inputsOf(documents), parameterTable: parameterTableHash(),
        selection, runs, range
    };
}

/**
 * JSON that keeps every number: NaN and ±Infinity (a failed value) would become null in plain JSON, so they
 * are written as strings and read back by `parseShard`; finite numbers round-trip exactly.
 */
export function stringifyShard(file: ShardFile): string {
    return JSON.stringify(file, (_key, value) => typeof value === 'number' && !Number.isFinite(value) ? String(value) : value) + '\n';
}

export function parseShardFile(text: string): ShardFile {
    return JSON.parse(text, (_key, value) => value === 'NaN' ? NaN : value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value) as ShardFile;
}

/** Writes a shard atomically (a temporary file renamed), so a task killed while writing leaves no half shard. */
export function writeShard(file: ShardFile, out: string | undefined): void {
    const text = stringifyShard(file);
    if (!out) {
        process.stdout.write(text);
        return;
    }
    const target = path.resolve(out);
    const temporary = `${target}.${process.pid}.partial`;
    try {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, target);
    } catch (error) {
        throw new UsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}
