import { UsageError, type CliArgs } from './args.js';
import { formatCsv } from '../report/results-csv.js';
import { formatScenarioTable } from '../report/results-table.js';
import { simulateFiles } from './simulate-files.js';
import { writeOutput } from './cli-steps.js';
import { runShard } from './run-shard.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = typeof FORMATS[number];

/** `osteo run FILE... [--scenario NAME] [--arm NAME]... [--format table|json|csv] [--out PATH]` (README "Command line"). */
export async function runRun(args: CliArgs): Promise<number> {
    if (args.shard !== undefined) return runShard(args, args.shard);
    const format = (args.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${args.format}' (expected table, json or csv)`);
    const simulated = await simulateFiles(args);
    if (typeof simulated === 'number') return simulated;
    const { result } = simulated;
    const text = format === 'json' ? JSON.stringify(result, null, 2) + '\n'
        : format === 'csv' ? formatCsv(result)
        : result.scenarios.map(formatScenarioTable).join('\n');
    writeOutput(text, args.out);
    return 0;
}
