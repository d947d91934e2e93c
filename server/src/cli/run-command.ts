import { URI } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isModel } from '../../../language/src/generated/ast.js';
import { CompileError } from '../../../language/src/simulator/compiler/index.js';
import {
    ArmFailedError, buildRunResult, compileDocument, SelectionError, simulateCompiled
} from '../../../language/src/simulator/run-scenarios.js';
import type { RunResult } from '../../../language/src/simulator/results.js';
import { VERSION } from '../version.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath, loadForCli, reportDiagnostics } from './check-command.js';
import { diagnosticsOf, formatDiagnostic } from './diagnostics-format.js';
import { formatCsv } from './results-csv.js';
import { formatScenarioTable } from './results-table.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = typeof FORMATS[number];

/** `osteo run FILE [--scenario NAME] [--arm NAME]... [--format table|json|csv] [--out PATH]` (interfaces.md). */
export async function runRun(args: CliArgs): Promise<number> {
    const format = (args.format ?? 'table') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${args.format}' (expected table, json or csv)`);
    if (args.files.length > 1) throw new UsageError(`run takes one FILE, got ${args.files.length}`);
    const loaded = await loadForCli(args.files);
    const document = loaded.roots[0];
    const stderr = (line: string) => process.stderr.write(line + '\n');
    if (reportDiagnosticsIfErrors(loaded, stderr)) return 1;
    for (const d of diagnosticsOf(document).filter(d => d.severity === 2)) stderr(formatDiagnostic(displayPath(document.uri), d));

    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    let result: RunResult;
    try {
        const compiled = compileDocument(model, { scenario: args.scenario, arms: args.arms });
        result = buildRunResult(simulateCompiled(compiled), VERSION);
    } catch (error) {
        if (error instanceof SelectionError) throw new UsageError(`${displayPath(document.uri)}: ${error.message}`);
        if (error instanceof CompileError) {
            const at = error.location;
            stderr(at ? `${displayPath(URI.parse(at.uri))}:${at.line}:${at.column}: error compile ${error.message}` : `osteo: ${error.message}`);
            return 1;
        }
        if (error instanceof ArmFailedError) {
            stderr(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    }
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

/** Errors block the run: print every diagnostic of the files (as `osteo check` does) on stderr. */
function reportDiagnosticsIfErrors(loaded: Awaited<ReturnType<typeof loadForCli>>, write: (line: string) => void): boolean {
    const hasError = loaded.all.some(d => (d.diagnostics ?? []).some(x => (x.severity ?? 1) === 1));
    if (!hasError) return false;
    reportDiagnostics({ ...loaded, roots: loaded.all }, write);
    return true;
}
