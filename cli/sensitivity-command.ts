import { isModel } from '../language/src/generated/ast.js';
import { planDocumentGlobalSensitivity, planDocumentSensitivity, resolveSensitivity, runGlobalSensitivityPlan, runSensitivityPlan, ScenarioChoiceNeeded } from '../language/src/application/run-document.js';
import type { SensitivityMethod } from '../language/src/compiler/compile-sensitivity.js';
import type { LangiumDocument } from 'langium';
import {
    AnalysisFailedError, designRowCount, globalSensitivityTasks, rowOutputs, SelectionError,
    type FactorRequest, type GlobalSensitivityPlan, type GlobalSensitivityResult, type SensitivityResult
} from '../simulator/index.js';
import type { GlobalSensitivitySelection } from '../language/src/application/run-document.js';
import { manifestOf, parseShard, shardRange, writeShard } from './shard.js';
import { formatGlobalSensitivityTable } from '../report/global-sensitivity-table.js';
import { formatSensitivityTable } from '../report/sensitivity-table.js';
import { globalSensitivitySvg } from '../report/global-sensitivity-svg.js';
import { compileStep, loadValidated, stderrLine, writeOutput } from './cli-steps.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath } from './check-command.js';
import { cliTaskRunner } from './simulate-files.js';
import { progressFor } from './progress.js';

const FORMATS = ['table', 'json', 'svg'];
const METHODS = ['local', 'morris', 'sobol'];

/**
 * `osteo sensitivity FILE --scenario S [--arm A] --output KEY [--at T] [--method local|morris|sobol]
 * [--samples N] [--parameters P[=LOW..HIGH],…] [--seed N] [--format table|json] [--out PATH]`.
 */
export async function runSensitivity(args: CliArgs): Promise<number> {
    const format = args.format ?? 'table';
    if (args.method !== undefined && !METHODS.includes(args.method)) throw new UsageError(`unknown method '${args.method}' (expected local, morris or sobol)`);
    if (args.method === 'local' && (args.samples !== undefined || args.seed !== undefined)) throw new UsageError('--samples and --seed go with --method morris or sobol');
    const parameters = args.parameters === undefined ? undefined : parseParameters(args.parameters);
    const samples = args.samples === undefined ? undefined : wholeNumber('--samples', args.samples);
    const seed = args.seed === undefined ? undefined : wholeNumber('--seed', args.seed);
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${args.format}' (expected table, json or svg)`);
    if (args.files.length !== 1) throw new UsageError('sensitivity takes one file');
    if (args.arms.length > 1) throw new UsageError('sensitivity takes one --arm');
    const loaded = await loadValidated(args.files);
    if (loaded === 1) return 1;
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    // The scenario's `sensitivity` block, if any, with the flags over it (docs/language.md §3.7).
    const resolved = compileStep(document, () => {
        try {
            return resolveSensitivity(model, {
                scenario: args.scenario, arm: args.arms[0], output: args.output, at: args.at, parameters,
                method: args.method as SensitivityMethod | undefined, samples, seed
            });
        } catch (error) {
            if (!(error instanceof ScenarioChoiceNeeded)) throw error;
            throw new UsageError(`${displayPath(document.uri)} declares ${error.scenarios.length} scenarios; choose one with --scenario (${error.scenarios.join(', ')})`);
        }
    });
    if (resolved === 1) return 1;
    const { method } = resolved;
    if (method === 'local' && (samples !== undefined || seed !== undefined)) throw new UsageError(`--samples and --seed go with --method morris or sobol (the ${resolved.block ? `sensitivity block ${resolved.block} uses` : 'default is'} local)`);
    if (method === 'local' && format === 'svg') throw new UsageError('--format svg draws a morris or sobol study (the results view draws a local one)');
    const output = resolved.selection.output;
    if (!output) throw new UsageError('name the output with --output (e.g. --output bmd.lumbar_spine), or write a sensitivity block with a measure line in the scenario');
    const selection = { ...resolved.selection, output };
    if (args.shard !== undefined && method === 'local') throw new UsageError('--shard splits a morris or sobol study (a local sensitivity is one run per parameter)');
    if (method !== 'local') return runGlobal(document, model, { ...selection, method, samples: selection.samples, seed: selection.seed }, args, format, loaded.all);
    const plan = compileStep(document, () => planDocumentSensitivity(model, selection));
    if (plan === 1) return 1;
    const runner = cliTaskRunner();
    const reporter = progressFor(args);
    const progress = reporter ? (done: number, total: number) => reporter.update('sensitivity runs', done, total) : undefined;
    let result: SensitivityResult;
    try {
        result = await runSensitivityPlan(plan, runner, { onProgress: progress });
    } catch (error) {
        if (error instanceof AnalysisFailedError) {
            stderrLine(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    } finally {
        runner.dispose?.();
        reporter?.end();
    }
    writeOutput(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatSensitivityTable(result), args.out);
    return 0;
}

async function runGlobal(document: Parameters<typeof compileStep>[0], model: Parameters<typeof planDocumentGlobalSensitivity>[0],
    selection: Parameters<typeof planDocumentGlobalSensitivity>[1], args: CliArgs, format: string, loaded: LangiumDocument[]): Promise<number> {
    const plan = compileStep(document, () => {
        try {
            return planDocumentGlobalSensitivity(model, selection);
        } catch (error) {
            if (!(error instanceof ScenarioChoiceNeeded)) throw error;
            throw new UsageError(`${displayPath(document.uri)} declares ${error.scenarios.length} scenarios; choose one with --scenario (${error.scenarios.join(', ')})`);
        }
    });
    if (plan === 1) return 1;
    if (args.shard !== undefined) return runGlobalShard(plan, loaded, selection, args, args.shard);
    const runner = cliTaskRunner();
    const reporter = progressFor(args);
    const progress = reporter ? (done: number, total: number) => reporter.update(`${selection.method} runs`, done, total) : undefined;
    let result: GlobalSensitivityResult;
    try {
        result = await runGlobalSensitivityPlan(plan, runner, { onProgress: progress });
    } catch (error) {
        if (error instanceof SelectionError) {
            stderrLine(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    } finally {
        runner.dispose?.();
        reporter?.end();
    }
    writeOutput(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : format === 'svg' ? globalSensitivitySvg(result) : formatGlobalSensitivityTable(result), args.out);
    return 0;
}

/** A range of the study's rows, written with a manifest for `osteo merge` (cli/shard.ts). */
async function runGlobalShard(plan: GlobalSensitivityPlan, loaded: LangiumDocument[], selection: GlobalSensitivitySelection, args: CliArgs, shardText: string): Promise<number> {
    if (args.format !== undefined && args.format !== 'json') throw new UsageError('a shard is written as JSON (--format json); join the shards with osteo merge');
    const spec = parseShard(shardText);
    const total = designRowCount(plan.design);
    const range = shardRange(total, spec);
    const runner = cliTaskRunner();
    const reporter = progressFor(args);
    try {
        const outputs = await runner.run(globalSensitivityTasks(plan, range.first, range.count),
            { onProgress: reporter ? (done, n) => reporter.update(`shard ${spec.index}/${spec.count} runs`, done, n) : undefined });
        const manifest = manifestOf('sensitivity', args.files, loaded, { ...selection }, total, range);
        writeShard({ shard: { index: spec.index, count: spec.count, manifest }, outputs: rowOutputs(outputs).map(o => o ?? null) }, args.out);
        return 0;
    } finally {
        runner.dispose?.();
        reporter?.end();
    }
}

/** `a,b=0.1..0.5,c`: names, each with an optional range in the parameter table's unit. */
export function parseParameters(text: string): FactorRequest[] {
    return text.split(',').map(part => part.trim()).filter(part => part !== '').map(part => {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.+?)\.\.(.+))?$/.exec(part);
        if (!match) throw new UsageError(`--parameters: '${part}' is not NAME or NAME=LOW..HIGH`);
        if (match[2] === undefined) return { name: match[1] };
        const low = Number(match[2]), high = Number(match[3]);
        if (!Number.isFinite(low) || !Number.isFinite(high)) throw new UsageError(`--parameters: the range of ${match[1]} must be two numbers, LOW..HIGH`);
        return { name: match[1], low, high };
    });
}

function wholeNumber(option: string, text: string): number {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${option} takes a whole number, not '${text}'`);
    return n;
}
