import { isModel } from '../language/src/generated/ast.js';
import { FitFailedError, fitStartTasks, runFit, type FitProblem, type FitResult } from '../simulator/index.js';
import type { LangiumDocument } from 'langium';
import { manifestOf, parseShard, shardRange, writeShard } from './shard.js';
import { planDocumentFit } from '../language/src/application/fit-document.js';
import { compileStep, loadValidated, stderrLine, writeOutput } from './cli-steps.js';
import { UsageError, type CliArgs } from './args.js';
import { cliTaskRunner } from './simulate-files.js';
import { readViewAssets } from './report-command.js';
import { buildReportHtml } from '../report/report-html.js';
import { buildFitView } from '../report/fit-view.js';

const FORMATS = ['table', 'json', 'html'];

/**
 * `osteo fit FILE [--scenario S] [--fit F] [--format table|json|html] [--out PATH] [--starts N] [--seed N] [--intervals profile|fisher] [--quiet]
 * [--shard K/N|auto]`; with --shard, a range of the multistart's starts, written with a manifest for `osteo merge`.
 */
export async function runFitCommand(args: CliArgs): Promise<number> {
    const format = args.format ?? 'table';
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${args.format}' (expected table, json or html)`);
    if (format === 'html' && !args.out) throw new UsageError('fit --format html needs --out FILE.html');
    const assets = format === 'html' ? readViewAssets() : undefined;
    if (args.files.length !== 1) throw new UsageError('fit takes one file');
    const starts = wholeNumber(args.starts, '--starts', 1, 1000);
    const seed = wholeNumber(args.seed, '--seed', 0, 0xffffffff);
    const intervals = args.intervals ?? 'profile';
    if (intervals !== 'profile' && intervals !== 'fisher') throw new UsageError(`--intervals is profile or fisher, not '${intervals}'`);
    const loaded = await loadValidated(args.files);
    if (loaded === 1) return 1;
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    const problem = compileStep(document, () => {
        const p = planDocumentFit(model, { scenario: args.scenario, fit: args.fit });
        return { ...p, ...(starts !== undefined ? { starts } : {}), ...(seed !== undefined ? { seed } : {}) } as FitProblem;
    });
    if (problem === 1) return 1;
    if (args.shard !== undefined) return runFitShard(problem, loaded.all, args, args.shard, { intervals });
    const quiet = args.quiet;
    const result = await onFitRunner(runner => runFit(problem, runner, {
        intervals,
        onProgress: quiet ? undefined : (phase, done, total) => stderrLine(phase === 'starts' ? `osteo fit: start ${done}/${total} finished` : `osteo fit: profile ${done}/${total} finished`)
    }));
    if (result === 3) return 3;
    writeOutput(format === 'json' ? JSON.stringify(result, null, 2) + '\n'
        : assets ? buildReportHtml({ views: [], fits: [buildFitView(result)], ...assets }) : formatFitTable(result), args.out);
    return 0;
}

/** The fit's selection as a shard manifest records it: what `osteo merge` needs to rebuild the same problem. */
export interface FitShardSelection {
    readonly scenario: string;
    readonly fit: string;
    readonly starts: number;
    readonly seed: number;
    readonly intervals: 'profile' | 'fisher';
}

/** Runs fit work on the CLI's worker pool and disposes it; a fit that fails (FitFailedError) is exit code 3 with its message. */
export async function onFitRunner<T>(work: (runner: ReturnType<typeof cliTaskRunner>) => Promise<T>): Promise<T | 3> {
    const runner = cliTaskRunner();
    try {
        return await work(runner);
    } catch (error) {
        if (error instanceof FitFailedError) {
            stderrLine(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    } finally {
        runner.dispose?.();
    }
}

/** A range of the starts (each start depends on the fit's seed and its index alone), with a manifest for `osteo merge`. */
async function runFitShard(problem: FitProblem, loaded: LangiumDocument[], args: CliArgs, shardText: string, options: { intervals: 'profile' | 'fisher' }): Promise<number> {
    if (args.format !== undefined && args.format !== 'json') throw new UsageError('a shard is written as JSON (--format json); join the shards with osteo merge');
    const spec = parseShard(shardText);
    const started = Date.now();
    const tasks = fitStartTasks(problem);
    const range = shardRange(tasks.length, spec);
    const runner = cliTaskRunner();
    try {
        const outputs = await runner.run(tasks.slice(range.first, range.first + range.count), {
            onProgress: args.quiet ? undefined : (done, total) => stderrLine(`osteo fit: shard ${spec.index}/${spec.count}: start ${done}/${total} finished`)
        });
        const selection: FitShardSelection = { scenario: problem.scenario, fit: problem.fit, starts: problem.starts, seed: problem.seed, intervals: options.intervals };
        const manifest = manifestOf('fit', args.files, loaded, { ...selection }, tasks.length, range);
        writeShard({ shard: { index: spec.index, count: spec.count, manifest }, outputs, seconds: (Date.now() - started) / 1000 }, args.out);
        return 0;
    } finally {
        runner.dispose?.();
    }
}

function wholeNumber(text: string | undefined, option: string, min: number, max: number): number | undefined {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${option} takes a whole number from ${min} to ${max}, not '${text}'`);
    return n;
}

const num = (x: number | null) => x === null ? '–' : Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4)));

/** Estimates with intervals, the starts' convergence, and the goodness of fit, as aligned text. */
export function formatFitTable(r: FitResult): string {
    const lines = [
        `Fit ${r.fit} of scenario ${r.scenario}: weighted least squares ${num(r.objective.value)} over ${r.objective.points} points; RMSE ${num(r.rmse)}, AIC ${num(r.aic)}, BIC ${num(r.bic)}; ${r.seconds.toFixed(1)} s`,
        `95 % intervals: ${r.interval === 'profile-likelihood' ? 'profile likelihood (Fisher information beside it)' : 'Fisher information'}`,
        ''
    ];
    const header = ['parameter', 'arm', 'value', '95 % interval', 'Fisher 95 %', 'unit', 'scale', 'identifiable'];
    const rows = r.estimates.map(e => [e.name, e.arm ?? 'all', num(e.value), `[${num(e.ci95[0])}, ${num(e.ci95[1])}]`,
        e.fisherCi95 ? `[${num(e.fisherCi95[0])}, ${num(e.fisherCi95[1])}]` : '–', e.unit, e.scale, e.identifiable ? 'yes' : `NO: ${e.note ?? ''}`]);
    lines.push(...table(header, rows));
    if (r.estimates.length > 1) {
        lines.push('', 'Correlations:');
        lines.push(...table(['', ...r.estimates.map(e => e.name)], r.correlations.map((row, i) => [r.estimates[i].name, ...row.map(c => (c === null ? '–' : c.toFixed(2)))])));
    }
    lines.push('', 'Starts:');
    lines.push(...table(['start', 'objective', 'converged', 'evaluations', 'stopped because'],
        r.starts.map(s => [`${s.start}${s.start === r.bestStart ? ' (best)' : ''}`, num(s.objective), s.converged ? 'yes' : 'no', String(s.evaluations), s.reason])));
    return lines.join('\n') + '\n';
}

function table(header: string[], rows: string[][]): string[] {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
    const format = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
    return [format(header), ...rows.map(format)];
}
