/**
 * `osteo run … --shard K/N`: every shard simulates the arms (cheap, deterministic) and its range of the
 * sweeps' and populations' runs, and writes them with a manifest for `osteo merge` (cli/shard.ts).
 */
import { analysisBatch, AnalysisFailedError, ArmFailedError, armsOnly, buildRunResult, simulateCompiled } from '../simulator/index.js';
import { VERSION } from '../runtime/version.js';
import { UsageError, type CliArgs } from './args.js';
import { stderrLine } from './cli-steps.js';
import { progressFor } from './progress.js';
import { manifestOf, parseShard, shardRange, writeShard } from './shard.js';
import { cliTaskRunner, compileFiles } from './simulate-files.js';

export async function runShard(args: CliArgs, shardText: string): Promise<number> {
    if (args.format !== undefined && args.format !== 'json') throw new UsageError('a shard is written as JSON (--format json); join the shards with osteo merge');
    const spec = parseShard(shardText);
    const compiledFiles = await compileFiles(args);
    if (typeof compiledFiles === 'number') return compiledFiles;
    const { compiled, loaded } = compiledFiles;
    const batch = analysisBatch(compiled);
    const range = shardRange(batch.tasks.length, spec);
    const progress = progressFor(args);
    const runner = cliTaskRunner();
    try {
        const arms = simulateCompiled(armsOnly(compiled), { onProgress: (done, total) => progress?.update('arms', done, total) });
        const outputs = await runner.run(batch.tasks.slice(range.first, range.first + range.count),
            { onProgress: (done, total) => progress?.update(`shard ${spec.index}/${spec.count} runs`, done, total) });
        const manifest = manifestOf('run', args.files, loaded, { scenario: args.scenario ?? null, arms: args.arms }, batch.tasks.length, range);
        writeShard({ shard: { index: spec.index, count: spec.count, manifest }, result: buildRunResult(arms, VERSION), outputs }, args.out);
        return 0;
    } catch (error) {
        if (error instanceof ArmFailedError || error instanceof AnalysisFailedError) {
            stderrLine(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    } finally {
        runner.dispose?.();
        progress?.end();
    }
}
