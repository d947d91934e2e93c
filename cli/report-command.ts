import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildResultsViews } from '../report/view-model.js';
import { buildReportHtml } from '../report/report-html.js';
import { contentHash } from '../report/content-hash.js';
import { UsageError, type CliArgs } from './args.js';
import { simulateFiles } from './simulate-files.js';

/**
 * `osteo report FILE [--scenario NAME] --out report.html` (README "Command line"): one self-contained HTML
 * file, drawn by the same script as the VS Code results view (inlined from out/webview/).
 */
export async function runReport(args: CliArgs): Promise<number> {
    if (!args.out) throw new UsageError('report needs --out FILE.html');
    if (args.format) throw new UsageError('report has no --format option (it always writes HTML)');
    const assets = readViewAssets();
    const simulated = await simulateFiles(args);
    if (typeof simulated === 'number') return simulated;
    const { result, sources } = simulated;
    const sourceHash = sources.length === 1 ? contentHash(sources[0].textDocument.getText())
        : sources.map(d => `${path.basename(d.uri.fsPath)} ${contentHash(d.textDocument.getText())}`).join(', ');
    const views = buildResultsViews(result, { source: sources.map(d => path.basename(d.uri.fsPath)).join(', '), sourceHash });
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
export function readViewAssets(): { script: string; css: string } {
    const candidates = [path.join(__dirname, 'webview'), path.resolve(__dirname, '../../../out/webview')];
    const folder = candidates.find(dir => fs.existsSync(path.join(dir, 'results.js')) && fs.existsSync(path.join(dir, 'results.css')));
    if (!folder) throw new UsageError(`the results view is not built (no out/webview/results.js next to ${__dirname}); run 'npm run build'`);
    return {
        script: fs.readFileSync(path.join(folder, 'results.js'), 'utf8'),
        css: fs.readFileSync(path.join(folder, 'results.css'), 'utf8')
    };
}
