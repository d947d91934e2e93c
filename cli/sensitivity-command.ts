import { isModel } from '../language/src/generated/ast.js';
import { planDocumentSensitivity, runSensitivityPlan, ScenarioChoiceNeeded } from '../language/src/application/run-document.js';
import { AnalysisFailedError, type SensitivityResult } from '../simulator/index.js';
import { formatDays } from '../language/src/validation/quantities.js';
import { compileStep, loadValidated, stderrLine, writeOutput } from './cli-steps.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath } from './check-command.js';
import { cliTaskRunner } from './simulate-files.js';
import { progressFor } from './progress.js';

const FORMATS = ['table', 'json'];

/** `osteo sensitivity FILE --scenario S [--arm A] --output KEY [--at T] [--format table|json] [--out PATH]`. */
export async function runSensitivity(args: CliArgs): Promise<number> {
    const format = args.format ?? 'table';
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${args.format}' (expected table or json)`);
    if (args.files.length !== 1) throw new UsageError('sensitivity takes one file');
    if (args.arms.length > 1) throw new UsageError('sensitivity takes one --arm');
    if (!args.output) throw new UsageError('name the output with --output (e.g. --output bmd.lumbar_spine)');
    const loaded = await loadValidated(args.files);
    if (loaded === 1) return 1;
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    const output = args.output;
    const plan = compileStep(document, () => {
        try {
            return planDocumentSensitivity(model, { scenario: args.scenario, arm: args.arms[0], output, at: args.at });
        } catch (error) {
            if (!(error instanceof ScenarioChoiceNeeded)) throw error;
            throw new UsageError(`${displayPath(document.uri)} declares ${error.scenarios.length} scenarios; choose one with --scenario (${error.scenarios.join(', ')})`);
        }
    });
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
