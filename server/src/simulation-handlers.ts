import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import {
    ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable
} from 'vscode-languageserver';
import { isModel, type Model } from '../../language/src/generated/ast.js';
import { importedUris } from '../../language/src/references/osteo-scope-provider.js';
import { CompileError } from '../../language/src/compiler/index.js';
import { type AnalysedScenario, AnalysisFailedError, analysisRuns, SelectionError, type SensitivityResult, sensitivityTasks } from '../../simulator/index.js';
import { CANCELLED, compileSelection, planDocumentSensitivity, runCompiled, runSensitivityPlan } from '../../language/src/application/run-document.js';
import {
    SensitivityRequestMethod, SimulateRequestMethod, type SensitivityParams, type SimulateErrorData, type SimulateParams, type SimulateResult
} from '../../protocol/requests.js';
import { WorkerPoolError } from '../../runtime/simulation-errors.js';
import type { SimulationBackend } from '../../runtime/simulation-backend.js';
import { VERSION } from '../../runtime/version.js';

export type { SimulationBackend } from '../../runtime/simulation-backend.js';

/** How many errors a refusal quotes; the Problems panel has the rest. */
const QUOTED_ERRORS = 5;

/**
 * `osteo/simulate` (protocol/requests.ts): waits for the document to be validated, refuses documents with
 * errors, compiles on this thread (the descriptions are plain data) and simulates on the backend.
 */
export function registerSimulationHandlers(connection: Connection, shared: LangiumSharedServices, backend: SimulationBackend): Disposable {
    const registration = connection.onRequest(SimulateRequestMethod, (params: SimulateParams, token: CancellationToken) =>
        simulate(connection, shared, backend, params, token));
    const sensitivity = connection.onRequest(SensitivityRequestMethod, (params: SensitivityParams, token: CancellationToken) =>
        runSensitivity(connection, shared, backend, params, token));
    return { dispose: () => { registration.dispose(); sensitivity.dispose(); backend.dispose(); } };
}

/** The validated, error-free model of the document, or the error to answer with. */
export async function modelOf(shared: LangiumSharedServices, uri: URI, token: CancellationToken): Promise<Model | ResponseError<SimulateErrorData | undefined>> {
    const document = await validatedDocument(shared, uri, token);
    if (document instanceof ResponseError) return document;
    const errors = errorsOf(shared, document);
    if (errors.length > 0) {
        const first = errors.slice(0, QUOTED_ERRORS);
        return failed(`Cannot simulate ${fileName(uri)}: fix ${errors.length === 1 ? 'its error' : `its ${errors.length} errors`} first (${first.join('; ')}${errors.length > first.length ? '; …' : ''})`,
            { kind: 'document-errors', errors: first });
    }
    const model = document.parseResult.value;
    if (!isModel(model)) return failed(`${fileName(uri)} is not an Osteo file`, { kind: 'unknown-document' });
    return model;
}

/** Compiles the selection, or the error to answer with. */
export function compiledOf<T>(uri: URI, compile: () => T): T | ResponseError<SimulateErrorData | undefined> {
    try {
        return compile();
    } catch (error) {
        if (error instanceof SelectionError) return new ResponseError(ErrorCodes.InvalidParams, `${fileName(uri)}: ${error.message}`, { kind: 'unknown-selection' } as SimulateErrorData);
        if (error instanceof CompileError) {
            const at = error.location;
            return failed(`${at ? `${fileName(URI.parse(at.uri))}:${at.line}:${at.column}: ` : ''}${error.message}`, { kind: 'compile-error', location: at });
        }
        throw error;
    }
}

async function simulate(connection: Connection, shared: LangiumSharedServices, backend: SimulationBackend,
    params: SimulateParams, token: CancellationToken): Promise<SimulateResult | ResponseError<SimulateErrorData | undefined>> {
    if (typeof params?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'osteo/simulate needs { uri: string, scenario?: string }');
    const uri = URI.parse(params.uri);
    const model = await modelOf(shared, uri, token);
    if (model instanceof ResponseError) return model;
    const compiled = compiledOf<AnalysedScenario[]>(uri, () => compileSelection(model, { scenario: params.scenario, arms: params.arms }));
    if (compiled instanceof ResponseError) return compiled;

    const total = compiled.reduce((n, s) => n + s.arms.length, 0);
    const runs = analysisRuns(compiled);
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin(`Simulating ${fileName(uri)}`, 0, `0 of ${total} arms`, true);
    try {
        const result = await runCompiled(compiled, {
            simulateArms: (arms, onProgress) => backend.simulate(arms, { onProgress, onCancel: cancel => token.onCancellationRequested(cancel) }),
            analysisRunner: () => ({ runner: backend }),
            isCancelled: () => token.isCancellationRequested,
            onArmProgress: (done, all, label) => progress.report(Math.round(100 * done / (all + runs)), `${done} of ${all} arms (${label})`),
            onAnalysisProgress: (done, all) => progress.report(Math.round(100 * (total + done) / (total + all)), `${done} of ${all} sweep and population runs`)
        }, VERSION);
        return result === CANCELLED ? cancelled() : result;
    } catch (error) {
        const analysis = analysisFailure(error);
        if (analysis) return analysis;
        throw error;
    } finally {
        progress.done();
    }
}

/** `osteo/sensitivity`: the local sensitivities of one output of one arm to every model parameter, on the pool. */
async function runSensitivity(connection: Connection, shared: LangiumSharedServices, backend: SimulationBackend,
    params: SensitivityParams, token: CancellationToken): Promise<SensitivityResult | ResponseError<SimulateErrorData | undefined>> {
    if (typeof params?.uri !== 'string' || typeof params.output !== 'string') {
        return new ResponseError(ErrorCodes.InvalidParams, 'osteo/sensitivity needs { uri: string, output: string, scenario?: string, arm?: string, at?: string }');
    }
    const uri = URI.parse(params.uri);
    const model = await modelOf(shared, uri, token);
    if (model instanceof ResponseError) return model;
    const plan = compiledOf(uri, () => planDocumentSensitivity(model, { scenario: params.scenario, arm: params.arm, output: params.output, at: params.at }));
    if (plan instanceof ResponseError) return plan;
    const tasks = sensitivityTasks(plan);
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin(`Sensitivity of ${plan.output}`, 0, `0 of ${tasks.length} runs`, true);
    try {
        const result = await runSensitivityPlan(plan, backend, {
            onProgress: (done, all) => progress.report(Math.round(100 * done / all), `${done} of ${all} runs`),
            onCancel: cancel => token.onCancellationRequested(cancel)
        });
        if (token.isCancellationRequested) return cancelled();
        return result;
    } catch (error) {
        const analysis = analysisFailure(error);
        if (analysis) return analysis;
        throw error;
    } finally {
        progress.done();
    }
}

/** Failures of the backend (runs, sweeps, sensitivity, fits) or of an analysis as LSP errors; undefined for anything else. */
export function analysisFailure(error: unknown): ResponseError<SimulateErrorData | undefined> | undefined {
    if (error instanceof AnalysisFailedError) return failed(error.message, { kind: 'solver-failed', scenario: error.scenario, arm: error.arm, timeDays: error.timeDays });
    if (!(error instanceof WorkerPoolError)) return undefined;
    switch (error.kind) {
        case 'cancelled': return cancelled();
        case 'worker-crashed': return failed(error.message, { kind: 'worker-crashed' });
        case 'solver-failed': return failed(error.message, { kind: 'solver-failed', ...error.at });
        default: return failed(`the simulation failed: ${error.message}`, { kind: 'solver-failed' });
    }
}

/** The document once every pending edit has been built and validated. */
async function validatedDocument(shared: LangiumSharedServices, uri: URI, token: CancellationToken): Promise<LangiumDocument | ResponseError<SimulateErrorData | undefined>> {
    const workspace = shared.workspace;
    try {
        await workspace.WorkspaceManager.ready;
        // Edits (didOpen/didChange) are queued as workspace writes; a read runs after them.
        await workspace.WorkspaceLock.read(() => undefined);
        if (!workspace.LangiumDocuments.hasDocument(uri)) {
            return failed(`${fileName(uri)} is not open in the editor or part of the workspace`, { kind: 'unknown-document' });
        }
        await workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
    } catch (error) {
        if (token.isCancellationRequested) return cancelled();
        if (error instanceof ResponseError) return error;
        throw error;
    }
    return workspace.LangiumDocuments.getDocument(uri)!;
}

/** Errors of the document and of the files it imports, as `file:line:col message`. */
function errorsOf(shared: LangiumSharedServices, root: LangiumDocument): string[] {
    const documents = shared.workspace.LangiumDocuments;
    const seen = new Set<string>();
    const errors: string[] = [];
    const visit = (document: LangiumDocument) => {
        if (seen.has(document.uri.toString())) return;
        seen.add(document.uri.toString());
        for (const d of document.diagnostics ?? []) {
            if ((d.severity ?? 1) === 1) errors.push(`${fileName(document.uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
        }
        for (const imported of importedUris(document.parseResult.value, document.uri)) {
            const next = documents.getDocument(imported);
            if (next) visit(next);
        }
    };
    visit(root);
    return errors;
}

export function failed(message: string, data: SimulateErrorData): ResponseError<SimulateErrorData> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message, data);
}

export function cancelled(): ResponseError<undefined> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'Simulation cancelled');
}

function fileName(uri: URI): string {
    return uri.path.split('/').pop() || uri.toString();
}
