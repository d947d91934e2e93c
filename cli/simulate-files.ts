import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { isModel, isScenario, type Model } from '../language/src/generated/ast.js';
import { type AnalysedScenario, AnalysisFailedError, ArmFailedError, type RunResult, simulateCompiled } from '../simulator/index.js';
import { CANCELLED, compileSelection, runCompiled } from '../language/src/application/run-document.js';
import { workerPoolOrSerial } from '../runtime/worker-pool.js';
import { VERSION } from '../runtime/version.js';
import { UsageError, type CliArgs } from './args.js';
import { displayPath } from './check-command.js';
import { compileStep, loadValidated, stderrLine } from './cli-steps.js';
import { diagnosticsOf, formatDiagnostic } from './diagnostics-format.js';
import { progressFor } from './progress.js';

export interface SimulatedFiles {
    readonly result: RunResult;
    /** The documents whose scenarios were simulated. */
    readonly sources: LangiumDocument[];
}

/**
 * What `osteo run` and `osteo report` share: load and validate the files, compile the selected
 * scenarios and arms, simulate them. Returns the exit code instead when the user's files stop it
 * (1: errors in the files, 3: the solver failed); usage mistakes throw UsageError (exit 2).
 * With several files, those without the selected scenarios are skipped.
 */
export async function simulateFiles(args: CliArgs): Promise<SimulatedFiles | number> {
    const compiledFiles = await compileFiles(args);
    if (typeof compiledFiles === 'number') return compiledFiles;
    const { compiled, sources: candidates } = compiledFiles;
    const progress = progressFor(args);
    try {
        const result = await runCompiled(compiled, {
            simulateArms: async arms => simulateCompiled(arms, { onProgress: (done, total) => progress?.update('arms', done, total) }),
            analysisRunner: () => {
                const runner = cliTaskRunner();
                return { runner, release: () => runner.dispose?.() };
            },
            onAnalysisProgress: (done, total) => progress?.update('sweep and population runs', done, total)
        }, VERSION);
        if (result === CANCELLED) throw new Error('the run was cancelled without a cancellation source');
        return { result, sources: candidates };
    } catch (error) {
        if (error instanceof ArmFailedError || error instanceof AnalysisFailedError) {
            stderrLine(`osteo: ${error.message}`);
            return 3;
        }
        throw error;
    } finally {
        progress?.end();
    }
}

export interface CompiledFiles {
    readonly compiled: AnalysedScenario[];
    readonly sources: LangiumDocument[];
    /** Every document loaded, imports included. */
    readonly loaded: LangiumDocument[];
}

/** Loads, validates and compiles the selected scenarios of the files (exit code 1 when they have errors). */
export async function compileFiles(args: CliArgs): Promise<CompiledFiles | number> {
    const loaded = await loadValidated(args.files);
    if (loaded === 1) return 1;
    const stderr = stderrLine;
    for (const document of loaded.roots) {
        for (const d of diagnosticsOf(document).filter(d => d.severity === 2)) stderr(formatDiagnostic(displayPath(document.uri), d));
    }
    const candidates = loaded.roots.length === 1 ? loaded.roots : loaded.roots.filter(d => declaresSelection(d, args));
    if (candidates.length === 0) {
        throw new UsageError(args.scenario ? `no scenario named '${args.scenario}' in the files given` : 'none of the files declares a scenario');
    }
    const compiled: AnalysedScenario[] = [];
    for (const document of candidates) {
        const model = document.parseResult.value;
        if (!isModel(model)) return 1;
        const scenarios = compileStep(document, () => compileSelection(model, { scenario: args.scenario, arms: args.arms }));
        if (scenarios === 1) return 1;
        compiled.push(...scenarios);
    }
    return { compiled, sources: candidates, loaded: loaded.all };
}

/** The worker pool for sweeps, populations and sensitivity (the bundled worker sits beside out/cli.js). */
export function cliTaskRunner(): ReturnType<typeof workerPoolOrSerial> {
    return workerPoolOrSerial(path.join(__dirname, 'simulation-worker.js'), p => fs.existsSync(p));
}

function declaresSelection(document: LangiumDocument, args: CliArgs): boolean {
    const model = document.parseResult.value as Model;
    const scenarios = isModel(model) ? model.declarations.filter(isScenario) : [];
    return args.scenario ? scenarios.some(s => s.name === args.scenario) : scenarios.length > 0;
}
