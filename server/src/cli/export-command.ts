import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { isModel } from '../../../language/src/generated/ast.js';
import { CompileError } from '../../../language/src/simulator/compiler/index.js';
import { exportPython } from '../../../language/src/simulator/export/index.js';
import { ModelInputError } from '../../../language/src/simulator/model/parameters.js';
import { MODEL_INFO } from '../../../language/src/simulator/model/model-info.js';
import { compileDocument, SelectionError } from '../../../language/src/simulator/run-scenarios.js';
import { VERSION } from '../version.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath, loadForCli, reportDiagnostics } from './check-command.js';

/** `osteo export FILE --scenario NAME --arm NAME --format python [--out script.py]` (interfaces.md). */
export async function runExport(args: CliArgs): Promise<number> {
    if (args.files.length !== 1) throw new UsageError(`export takes one file, got ${args.files.length}`);
    if (args.format !== 'python') {
        throw new UsageError(args.format === undefined ? '--format python is required' : `unknown export format '${args.format}' (expected python)`);
    }
    if (!args.scenario) throw new UsageError('--scenario NAME is required');
    if (args.arms.length !== 1) throw new UsageError(args.arms.length === 0 ? '--arm NAME is required' : 'export takes one --arm');
    const loaded = await loadForCli(args.files);
    const stderr = (line: string) => process.stderr.write(line + '\n');
    if (reportDiagnosticsOnError(loaded, stderr)) return 1;
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    let script: string;
    try {
        const [scenario] = compileDocument(model, { scenario: args.scenario, arms: args.arms });
        const desc = scenario.arms.find(a => a.arm === args.arms[0])!;
        script = exportPython(desc, { version: VERSION, model: MODEL_INFO });
    } catch (error) {
        if (error instanceof SelectionError) throw new UsageError(`${displayPath(document.uri)}: ${error.message}`);
        if (error instanceof CompileError) {
            const at = error.location;
            stderr(at ? `${displayPath(URI.parse(at.uri))}:${at.line}:${at.column}: error compile ${error.message}` : `osteo: ${error.message}`);
            return 1;
        }
        if (error instanceof ModelInputError) {
            stderr(`osteo: ${error.message}`);
            return 1;
        }
        throw error;
    }
    if (!args.out) {
        process.stdout.write(script);
        return 0;
    }
    try {
        fs.writeFileSync(path.resolve(args.out), script, { mode: 0o755 });
    } catch (error) {
        throw new UsageError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return 0;
}

/** Prints every diagnostic when any document (imports included) has an error; warnings alone do not stop export. */
function reportDiagnosticsOnError(loaded: Awaited<ReturnType<typeof loadForCli>>, write: (line: string) => void): boolean {
    const errors = loaded.all.some(d => (d.diagnostics ?? []).some(x => (x.severity ?? 1) === 1));
    if (errors) reportDiagnostics({ ...loaded, roots: loaded.all }, write);
    return errors;
}
