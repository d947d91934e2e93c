import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { isModel } from '../../../language/src/generated/ast.js';
import { CompileError } from '../../../language/src/simulator/compiler/index.js';
import { compileDocument, SelectionError } from '../../../language/src/simulator/run-scenarios.js';
import { AnalysisFailedError } from '../../../language/src/simulator/analysis/analysis-error.js';
import { planSensitivityRequest } from '../../../language/src/simulator/analysis/sensitivity-request.js';
import { sensitivityResult, sensitivityTasks } from '../../../language/src/simulator/analysis/sensitivity.js';
import type { SensitivityResult } from '../../../language/src/simulator/results.js';
import { formatDays } from '../../../language/src/validation/quantities.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath, loadForCli, reportDiagnostics } from './check-command.js';
import { cliTaskRunner } from './simulate-files.js';

const FORMATS = ['table', 'json'];

/** `osteo sensitivity FILE --scenario S [--arm A] --output KEY [--at T] [--format table|json] [--out PATH]`. */
export async function runSensitivity(args: CliArgs): Promise<number> {
    const format = args.format ?? 'table';
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${args.format}' (expected table or json)`);
    if (args.files.length !== 1) throw new UsageError('sensitivity takes one file');
    if (args.arms.length > 1) throw new UsageError('sensitivity takes one --arm');
    if (!args.output) throw new UsageError('name the output with --output (e.g. --output bmd.lumbar_spine)');
    const loaded = await loadForCli(args.files);
    const stderr = (line: string) => process.stderr.write(line + '\n');
    if (loaded.all.some(d => (d.diagnostics ?? []).some(x => (x.severity ?? 1) === 1))) {
        reportDiagnostics({ ...loaded, roots: loaded.all }, stderr);
        return 1;
    }
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    let plan;
    try {
        const scenarios = compileDocument(model, { scenario: args.scenario, arms: args.arms });
        if (scenarios.length > 1) throw new UsageError(`${displayPath(document.uri)} declares ${scenarios.length} scenarios; choose one with --scenario (${scenarios.map(s => s.name).join(', ')})`);
        plan = planSensitivityRequest(scenarios[0], { arm: args.arms[0], output: args.output, at: args.at });
    } catch (error) {
        if (error instanceof SelectionError) throw new UsageError(`${displayPath(document.uri)}: ${error.message}`);
        if (error instanceof CompileError) {
            const at = error.location;
            stderr(at ? `${displayPath(URI.parse(at.uri))}:${at.line}:${at.column}: error compile ${error.message}` : `osteo: ${error.message}`);
            return 1;
        }
        throw error;
    }
    const runner = cliTaskRunner();
    const progress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r${done}/${total} runs`) : undefined;
    let result: SensitivityResult;
    try {
        result = sensitivityResult(plan, await runner.run(sensitivityTasks(plan), { onProgress: progress }));
    } catch (error) {
        if (error instanceof AnalysisFailedError) {
            stderr(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    } finally {
        runner.dispose?.();
        if (progress) process.stderr.write('\r\x1b[K');
    }
    const text = format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatSensitivityTable(result);
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

/** The coefficients as a table, largest first, with the basis of each parameter's value. */
export function formatSensitivityTable(r: SensitivityResult): string {
    const number = (x: number) => Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
    const lines = [
        `Sensitivity of ${r.output} at day ${+r.at.toPrecision(6)} (${formatDays(r.at)}) — scenario ${r.scenario}, arm ${r.arm}; value ${number(r.baseline)}`,
        r.form === 'normalised'
            ? `Coefficient: d ln(${r.output}) / d ln(parameter), central differences at ×exp(±${r.step})`
            : `Coefficient: d ${r.output} / d ln(parameter), in the output's unit, central differences at ×exp(±${r.step})`,
        ''
    ];
    const rows = r.parameters.map(p => [p.name, number(p.value), p.unit, number(p.coefficient), p.assumption ? 'ASSUMPTION/fit' : 'published']);
    const header = ['parameter', 'value', 'unit', 'coefficient', 'basis'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
    const format = (row: string[]) => row.map((cell, i) => i === 1 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join('  ').trimEnd();
    lines.push(format(header), ...rows.map(format));
    if (r.notes.length > 0) lines.push('', ...r.notes.map(n => `Note: ${n}`));
    return lines.join('\n') + '\n';
}
