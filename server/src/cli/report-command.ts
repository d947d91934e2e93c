import * as fs from 'node:fs';
import * as path from 'node:path';
import { isModel } from '../../../language/src/generated/ast.js';
import { CompileError } from '../../../language/src/simulator/compiler/index.js';
import {
    ArmFailedError, buildRunResult, compileDocument, SelectionError, simulateCompiled
} from '../../../language/src/simulator/run-scenarios.js';
import type { RunResult } from '../../../language/src/simulator/results.js';
import { buildResultsViews } from '../../../client/report/view-model.js';
import { buildReportHtml } from '../../../client/report/report-html.js';
import { VERSION } from '../version.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath, loadForCli, reportDiagnostics } from './check-command.js';

/**
 * `osteo report FILE [--scenario NAME] --out report.html` (interfaces.md): one self-contained HTML
 * file, drawn by the same script as the VS Code results view (inlined from out/webview/).
 */
export async function runReport(args: CliArgs): Promise<number> {
    if (!args.out) throw new UsageError('report needs --out FILE.html');
    if (args.files.length > 1) throw new UsageError(`report takes one FILE, got ${args.files.length}`);
    if (args.format) throw new UsageError('report has no --format option (it always writes HTML)');
    const assets = readViewAssets();
    const loaded = await loadForCli(args.files);
    const document = loaded.roots[0];
    const stderr = (line: string) => process.stderr.write(line + '\n');
    if (loaded.all.some(d => (d.diagnostics ?? []).some(x => (x.severity ?? 1) === 1))) {
        reportDiagnostics({ ...loaded, roots: loaded.all }, stderr);
        return 1;
    }
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;

    let result: RunResult;
    try {
        result = buildRunResult(simulateCompiled(compileDocument(model, { scenario: args.scenario, arms: args.arms })), VERSION);
    } catch (error) {
        if (error instanceof SelectionError) throw new UsageError(`${displayPath(document.uri)}: ${error.message}`);
        if (error instanceof CompileError) {
            const at = error.location;
            stderr(at ? `${displayPath(document.uri)}:${at.line}:${at.column}: error compile ${error.message}` : `osteo: ${error.message}`);
            return 1;
        }
        if (error instanceof ArmFailedError) {
            stderr(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    }

    const views = buildResultsViews(result, { source: path.basename(document.uri.fsPath) });
    const html = buildReportHtml({ views, ...assets });
    const target = path.resolve(args.out);
    try {
        fs.writeFileSync(target, html);
    } catch (error) {
        throw new UsageError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const arms = result.scenarios.reduce((n, s) => n + s.arms.length, 0);
    process.stdout.write(`wrote ${args.out}: ${result.scenarios.length} scenario${result.scenarios.length === 1 ? '' : 's'}, ${arms} arm${arms === 1 ? '' : 's'}\n`);
    return 0;
}

/** The results view bundle next to the CLI bundle (out/cli.js → out/webview/). */
function readViewAssets(): { script: string; css: string } {
    const candidates = [path.join(__dirname, 'webview'), path.resolve(__dirname, '../../../out/webview')];
    const folder = candidates.find(dir => fs.existsSync(path.join(dir, 'results.js')) && fs.existsSync(path.join(dir, 'results.css')));
    if (!folder) throw new UsageError(`the results view is not built (no out/webview/results.js next to ${__dirname}); run 'npm run build'`);
    return {
        script: fs.readFileSync(path.join(folder, 'results.js'), 'utf8'),
        css: fs.readFileSync(path.join(folder, 'results.css'), 'utf8')
    };
}
