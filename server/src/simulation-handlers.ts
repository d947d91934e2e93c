import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import {
    ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable
} from 'vscode-languageserver/node.js';
import { isModel } from '../../language/src/generated/ast.js';
import { importedUris } from '../../language/src/osteo-scope-provider.js';
import { CompileError } from '../../language/src/simulator/compiler/index.js';
import { buildRunResult, compileDocument, SelectionError } from '../../language/src/simulator/run-scenarios.js';
import { SimulateRequestMethod, type SimulateErrorData, type SimulateParams, type SimulateResult } from './protocol.js';
import { SimulationRunError, SimulationRunner } from './simulation-runner.js';
import { VERSION } from './version.js';

/** How many errors a refusal quotes; the Problems panel has the rest. */
const QUOTED_ERRORS = 5;

/**
 * `osteo/simulate` (interfaces.md): waits for the document to be validated, refuses documents with
 * errors, compiles on this thread (the descriptions are plain data) and simulates in a worker.
 */
export function registerSimulationHandlers(connection: Connection, shared: LangiumSharedServices, workerPath: string): Disposable {
    const runner = new SimulationRunner(workerPath);
    const registration = connection.onRequest(SimulateRequestMethod, (params: SimulateParams, token: CancellationToken) =>
        simulate(connection, shared, runner, params, token));
    return { dispose: () => { registration.dispose(); runner.dispose(); } };
}

async function simulate(connection: Connection, shared: LangiumSharedServices, runner: SimulationRunner,
    params: SimulateParams, token: CancellationToken): Promise<SimulateResult | ResponseError<SimulateErrorData | undefined>> {
    if (typeof params?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'osteo/simulate needs { uri: string, scenario?: string }');
    const uri = URI.parse(params.uri);
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

    let compiled;
    try {
        compiled = compileDocument(model, { scenario: params.scenario, arms: params.arms });
    } catch (error) {
        if (error instanceof SelectionError) return new ResponseError(ErrorCodes.InvalidParams, `${fileName(uri)}: ${error.message}`, { kind: 'unknown-selection' } as SimulateErrorData);
        if (error instanceof CompileError) {
            const at = error.location;
            return failed(`${at ? `${fileName(URI.parse(at.uri))}:${at.line}:${at.column}: ` : ''}${error.message}`, { kind: 'compile-error', location: at });
        }
        throw error;
    }

    const total = compiled.reduce((n, s) => n + s.arms.length, 0);
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin(`Simulating ${fileName(uri)}`, 0, `0 of ${total} arms`, true);
    try {
        const scenarios = await runner.run(compiled, {
            onProgress: (done, all, label) => progress.report(Math.round(100 * done / all), `${done} of ${all} arms (${label})`),
            onCancel: cancel => token.onCancellationRequested(cancel)
        });
        if (token.isCancellationRequested) return cancelled();
        return buildRunResult(scenarios, VERSION);
    } catch (error) {
        if (!(error instanceof SimulationRunError)) throw error;
        const f = error.failure;
        if (f.kind === 'cancelled') return cancelled();
        if (f.kind === 'solver-failed') return failed(f.message, { kind: 'solver-failed', scenario: f.scenario, arm: f.arm, timeDays: f.timeDays });
        if (f.kind === 'worker-crashed') return failed(f.message, { kind: 'worker-crashed' });
        return failed(`the simulation failed: ${f.message}`, { kind: 'solver-failed' });
    } finally {
        progress.done();
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

function failed(message: string, data: SimulateErrorData): ResponseError<SimulateErrorData> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message, data);
}

function cancelled(): ResponseError<undefined> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'Simulation cancelled');
}

function fileName(uri: URI): string {
    return uri.path.split('/').pop() || uri.toString();
}
