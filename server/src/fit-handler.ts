/**
 * `osteo/fit` (docs/data-and-fit.md §6): the fit of a scenario on the worker pool, one start per
 * worker, with `$/progress` per finished start and profile; cancelling the request cancels the pool
 * batch (the workers poll a shared flag inside the solver, so every worker stops within a step).
 */
import { AstUtils, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable } from 'vscode-languageserver';
import { FitFailedError, runFit, type FitResult } from '../../simulator/index.js';
import { planDocumentFit } from '../../language/src/application/fit-document.js';
import { FitEditsRequestMethod, FitRequestMethod, type FitEditsParams, type FitEditsResult, type FitParams, type SimulateErrorData } from '../../protocol/requests.js';
import { fitEdits } from '../../language/src/lsp/fit-edits.js';
import { analysisFailure, cancelled, compiledOf, failed, modelOf } from './simulation-handlers.js';
import type { SimulationBackend } from '../../runtime/simulation-backend.js';

type Pool = Pick<SimulationBackend, 'run'>;

export function registerFitHandler(connection: Connection, shared: LangiumSharedServices, pool: Pool): Disposable {
    const fitRequest = connection.onRequest(FitRequestMethod, (params: FitParams, token: CancellationToken) => fit(connection, shared, pool, params, token));
    const edits = connection.onRequest(FitEditsRequestMethod, (params: FitEditsParams, token: CancellationToken) => fitEditsOf(shared, params, token));
    return { dispose: () => { fitRequest.dispose(); edits.dispose(); } };
}

/** `osteo/fitEdits`: the `set` line edits of Apply fitted values, on the document as it is now. */
async function fitEditsOf(shared: LangiumSharedServices, params: FitEditsParams, token: CancellationToken): Promise<FitEditsResult | ResponseError<SimulateErrorData | undefined>> {
    if (typeof params?.uri !== 'string' || typeof params.scenario !== 'string' || !Array.isArray(params.values)) {
        return new ResponseError(ErrorCodes.InvalidParams, 'osteo/fitEdits needs { uri: string, scenario: string, values: [{ name, arm, value }] }');
    }
    const model = await modelOf(shared, URI.parse(params.uri), token);
    if (model instanceof ResponseError) return model;
    const document = AstUtils.getDocument(model);
    return { ...fitEdits(document, params.scenario, params.values), version: document.textDocument.version };
}

async function fit(connection: Connection, shared: LangiumSharedServices, pool: Pool, params: FitParams,
    token: CancellationToken): Promise<FitResult | ResponseError<SimulateErrorData | undefined>> {
    if (typeof params?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'osteo/fit needs { uri: string, scenario?: string, fit?: string }');
    const uri = URI.parse(params.uri);
    const model = await modelOf(shared, uri, token);
    if (model instanceof ResponseError) return model;
    const problem = compiledOf(uri, () => planDocumentFit(model, { scenario: params.scenario, fit: params.fit }));
    if (problem instanceof ResponseError) return problem;
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin(`Fitting ${problem.fit}`, 0, `0 of ${problem.starts} starts`, true);
    let cancel: (() => void) | undefined;
    const subscription = token.onCancellationRequested(() => cancel?.());
    try {
        const result = await runFit(problem, {
            run: (tasks, options) => pool.run(tasks, { ...options, onCancel: c => { cancel = c; } })
        }, {
            intervals: params.intervals,
            isCancelled: () => token.isCancellationRequested,
            onProgress: (phase, done, total) => progress.report(phase === 'starts' ? Math.round(80 * done / total) : 80 + Math.round(20 * done / total),
                phase === 'starts' ? `${done} of ${total} starts` : `profile ${done} of ${total}`)
        });
        if (token.isCancellationRequested) return cancelled();
        return result;
    } catch (error) {
        if (token.isCancellationRequested) return cancelled();
        if (error instanceof FitFailedError) return failed(error.message, { kind: 'solver-failed' });
        const analysis = analysisFailure(error);
        if (analysis) return analysis;
        throw error;
    } finally {
        subscription.dispose();
        progress.done();
    }
}
