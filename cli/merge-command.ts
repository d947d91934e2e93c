/**
 * `osteo merge SHARD.json… [--out PATH]`: joins the shards of a split `osteo run`, `osteo sensitivity` or `osteo fit`
 * into the JSON the unsplit command prints. It refuses shards of different studies (manifests differ), names
 * missing and duplicate shards, re-reads the input files and refuses them if they changed since, then builds
 * the result with the same code as the unsplit run (withAnalyses, analyse) from the shards' outputs.
 */
import * as fs from 'node:fs';
import { isModel } from '../language/src/generated/ast.js';
import { compileSelection, planDocumentGlobalSensitivity, type GlobalSensitivitySelection } from '../language/src/application/run-document.js';
import {
    analyse, analysisBatch, AnalysisFailedError, buildRunResult, finishFit, globalSensitivityResult, SelectionError, withAnalyses,
    type FitProblem, type RunResult, type TaskOutput
} from '../simulator/index.js';
import { VERSION } from '../runtime/version.js';
import { planDocumentFit } from '../language/src/application/fit-document.js';
import { onFitRunner, type FitShardSelection } from './fit-command.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath } from './check-command.js';
import { compileStep, loadValidated, stderrLine, writeOutput } from './cli-steps.js';
import { fileSha256, parameterTableHash, parseShardFile, type ShardFile, type ShardManifest } from './shard.js';

/** A merge that cannot be done: exit code 4, the message says which shard and why. */
class MergeRefused extends Error {}

export async function runMerge(args: CliArgs): Promise<number> {
    if (args.files.length === 0) throw new UsageError('merge needs the shard files (e.g. osteo merge shards/*.json)');
    if (args.format !== undefined && args.format !== 'json') throw new UsageError('merge writes JSON, the output of the unsplit run with --format json');
    try {
        const shards = args.files.map(readShard);
        const text = await merge(shards);
        if (typeof text === 'number') return text;
        writeOutput(text, args.out);
        return 0;
    } catch (error) {
        if (error instanceof MergeRefused) {
            stderrLine(`osteo merge: ${error.message}`);
            return 4;
        }
        throw error;
    }
}

function readShard(file: string): { file: string; shard: ShardFile } {
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (error) {
        throw new MergeRefused(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let shard: ShardFile;
    try {
        shard = parseShardFile(text);
    } catch {
        throw new MergeRefused(`${file} is not a shard (not JSON; was its task stopped while writing?)`);
    }
    if (!shard || typeof shard !== 'object' || !shard.shard?.manifest || !Array.isArray(shard.outputs)) {
        throw new MergeRefused(`${file} is not a shard of osteo run, sensitivity or fit (no shard manifest)`);
    }
    return { file, shard };
}

/** The manifest without the shard's own range: equal for every shard of one study. */
function studyOf(m: ShardManifest): string {
    const { range: _range, ...rest } = m;
    return JSON.stringify(rest);
}

async function merge(shards: { file: string; shard: ShardFile }[]): Promise<string | number> {
    const first = shards[0];
    const count = first.shard.shard.count;
    const study = studyOf(first.shard.shard.manifest);
    for (const s of shards.slice(1)) {
        if (s.shard.shard.count !== count) throw new MergeRefused(`${s.file} is shard ${s.shard.shard.index} of ${s.shard.shard.count}, ${first.file} of ${count}: they come from differently split runs`);
        if (studyOf(s.shard.shard.manifest) !== study) throw new MergeRefused(`${s.file} and ${first.file} are shards of different studies (${difference(s.shard.shard.manifest, first.shard.shard.manifest)})`);
    }
    const byIndex = new Map<number, { file: string; shard: ShardFile }>();
    for (const s of shards) {
        const other = byIndex.get(s.shard.shard.index);
        if (other) throw new MergeRefused(`shard ${s.shard.shard.index} of ${count} is given twice (${other.file}, ${s.file})`);
        byIndex.set(s.shard.shard.index, s);
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter(i => !byIndex.has(i));
    if (missing.length > 0) {
        throw new MergeRefused(`missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count}: ${missing.length === 1 ? 'its task' : 'their tasks'} failed or did not finish; rerun with --shard ${missing[0]}/${count}${missing.length > 1 ? ' …' : ''}`);
    }
    const ordered = Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
    const manifest = first.shard.shard.manifest;
    let next = 0;
    const outputs: unknown[] = [];
    for (const s of ordered) {
        const range = s.shard.shard.manifest.range;
        if (range.first !== next || s.shard.outputs.length !== range.count) throw new MergeRefused(`${s.file} does not hold runs ${next}… of the study (a damaged shard)`);
        next += range.count;
        outputs.push(...s.shard.outputs);
    }
    if (next !== manifest.runs) throw new MergeRefused(`the shards hold ${next} of the study's ${manifest.runs} runs`);
    checkInputs(manifest);
    if (manifest.command === 'fit') return mergeFit(manifest, outputs as TaskOutput[], ordered.reduce((t, s) => t + (s.shard.seconds ?? 0), 0));
    return manifest.command === 'run' ? mergeRun(manifest, ordered[0].shard, outputs as TaskOutput[]) : mergeSensitivity(manifest, outputs);
}

/** What differs between two manifests, in words. */
function difference(a: ShardManifest, b: ShardManifest): string {
    const keys = (['command', 'version', 'model', 'files', 'inputs', 'parameterTable', 'selection', 'runs'] as const)
        .filter(k => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    return `their ${keys.join(', ')} differ`;
}

/** The files must still be those the shards read: merge recompiles them to assemble the result. */
function checkInputs(manifest: ShardManifest): void {
    if (manifest.parameterTable !== parameterTableHash()) throw new MergeRefused('the shards ran with another parameter table (another osteo or calibration); merge with the osteo that ran them');
    for (const input of manifest.inputs) {
        let now: string;
        try {
            now = fileSha256(input.path);
        } catch {
            throw new MergeRefused(`${input.path}, an input of the shards, cannot be read here`);
        }
        if (now !== input.sha256) throw new MergeRefused(`${input.path} changed since the shards ran (SHA-256 differs)`);
    }
}

async function mergeRun(manifest: ShardManifest, firstShard: ShardFile, outputs: TaskOutput[]): Promise<string | number> {
    const loaded = await loadValidated(manifest.files);
    if (loaded === 1) return 1;
    const selection = manifest.selection as { scenario: string | null; arms: string[] };
    const compiled = [];
    for (const document of loaded.roots.length === 1 ? loaded.roots : loaded.roots.filter(d => declares(d, selection.scenario))) {
        const model = document.parseResult.value;
        if (!isModel(model)) return 1;
        const scenarios = compileStep(document, () => compileSelection(model, { scenario: selection.scenario ?? undefined, arms: selection.arms }));
        if (scenarios === 1) return 1;
        compiled.push(...scenarios);
    }
    const batch = analysisBatch(compiled);
    if (batch.tasks.length !== manifest.runs) throw new MergeRefused(`the files now make ${batch.tasks.length} runs, the shards ${manifest.runs}`);
    const armsResult = firstShard.result as RunResult;
    try {
        const result = buildRunResult(withAnalyses(batch, armsResult.scenarios, outputs), VERSION);
        return JSON.stringify(result, null, 2) + '\n';
    } catch (error) {
        if (error instanceof AnalysisFailedError) {
            stderrLine(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    }
}

function declares(document: { parseResult: { value: unknown } }, scenario: string | null): boolean {
    const model = document.parseResult.value;
    return isModel(model) && model.declarations.some(d => d.$type === 'Scenario' && (scenario === null || (d as { name?: string }).name === scenario));
}

async function mergeSensitivity(manifest: ShardManifest, outputs: unknown[]): Promise<string | number> {
    const loaded = await loadValidated(manifest.files);
    if (loaded === 1) return 1;
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    const plan = compileStep(document, () => planDocumentGlobalSensitivity(model, manifest.selection as unknown as GlobalSensitivitySelection));
    if (plan === 1) return 1;
    try {
        const indices = analyse(plan.design, outputs.map(o => Array.isArray(o) ? o as number[] : undefined));
        return JSON.stringify(globalSensitivityResult(plan, indices), null, 2) + '\n';
    } catch (error) {
        if (error instanceof SelectionError) {
            stderrLine(`osteo: ${displayPath(document.uri)}: ${error.message}`);
            return 3;
        }
        throw error;
    }
}

/**
 * A split multistart: the best of every shard's starts, then what the unsplit fit does after its starts (the Fisher
 * information and the profiles, run here on the pool), so the result equals the unsplit fit's (`seconds` aside: the
 * shards' wall times plus the merge's).
 */
async function mergeFit(manifest: ShardManifest, outputs: TaskOutput[], shardSeconds: number): Promise<string | number> {
    const started = Date.now();
    const loaded = await loadValidated(manifest.files);
    if (loaded === 1) return 1;
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    const selection = manifest.selection as unknown as FitShardSelection;
    const problem = compileStep(document, () => ({ ...planDocumentFit(model, { scenario: selection.scenario, fit: selection.fit }), starts: selection.starts, seed: selection.seed }) as FitProblem);
    if (problem === 1) return 1;
    if (problem.starts !== manifest.runs) throw new MergeRefused(`the file now makes ${problem.starts} starts, the shards ${manifest.runs}`);
    const result = await onFitRunner(runner => finishFit(problem, outputs, runner, { intervals: selection.intervals }, started - shardSeconds * 1000));
    return result === 3 ? 3 : JSON.stringify(result, null, 2) + '\n';
}
