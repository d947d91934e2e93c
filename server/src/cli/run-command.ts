import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError, type CliArgs } from './args.js';
import { formatCsv } from './results-csv.js';
import { formatScenarioTable } from './results-table.js';
import { simulateFiles } from './simulate-files.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = typeof FORMATS[number];

/** `osteo run FILE... [--scenario NAME] [--arm NAME]... [--format table|json|csv] [--out PATH]` (interfaces.md). */
export async function runRun(args: CliArgs): Promise<number> {
    const format = (args.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${args.format}' (expected table, json or csv)`);
    const simulated = await simulateFiles(args);
    if (typeof simulated === 'number') return simulated;
    const { result } = simulated;
    const text = format === 'json' ? JSON.stringify(result, null, 2) + '\n'
        : format === 'csv' ? formatCsv(result)
        : result.scenarios.map(formatScenarioTable).join('\n');
    if (args.out) {
        try {
            fs.writeFileSync(path.resolve(args.out), text);
        } catch (error) {
            throw new UsageError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
    } else {
        process.stdout.write(text);
    }
    return 0;
}
