import { isModel } from '../language/src/generated/ast.js';
import { exportPython, MODEL_INFO } from '../simulator/index.js';
import { compileDocument } from '../language/src/compiler/compile-document.js';
import { VERSION } from '../runtime/version.js';
import { compileStep, loadValidated, writeOutput } from './cli-steps.js';
import { UsageError, type CliArgs } from './args.js';

/** `osteo export FILE --scenario NAME --arm NAME --format python [--out script.py]` (README "Command line"). */
export async function runExport(args: CliArgs): Promise<number> {
    if (args.files.length !== 1) throw new UsageError(`export takes one file, got ${args.files.length}`);
    if (args.format !== 'python') {
        throw new UsageError(args.format === undefined ? '--format python is required' : `unknown export format '${args.format}' (expected python)`);
    }
    if (!args.scenario) throw new UsageError('--scenario NAME is required');
    if (args.arms.length !== 1) throw new UsageError(args.arms.length === 0 ? '--arm NAME is required' : 'export takes one --arm');
    const loaded = await loadValidated(args.files);
    if (loaded === 1) return 1;
    const document = loaded.roots[0];
    const model = document.parseResult.value;
    if (!isModel(model)) return 1;
    const script = compileStep(document, () => {
        const [scenario] = compileDocument(model, { scenario: args.scenario, arms: args.arms });
        const desc = scenario.arms.find(a => a.arm === args.arms[0])!;
        return exportPython(desc, { version: VERSION, model: MODEL_INFO });
    });
    if (script === 1) return 1;
    writeOutput(script, args.out, args.out ? 0o755 : undefined);
    return 0;
}
