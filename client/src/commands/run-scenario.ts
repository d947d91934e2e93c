import { contentHash } from '../../../report/content-hash.js';
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { RunResult, ScenarioResult } from '../../../simulator/index.js';
import { SimulateRequestMethod, type SimulateErrorData, type SimulateParams } from '../../../protocol/requests.js';
import type { ResultsPanels } from '../results/results-panels.js';
import type { ResultsPanel } from '../results/results-panel.js';
import type { RenderedSummary } from '../results/webview-host.js';
import type { OsteoStatusBar } from '../status-bar.js';
import { locateScenarios } from './scenario-locator.js';
import { chooseScenario } from './choose-scenario.js';
import { baseName } from '../uri-names.js';
import { sweepChartIds } from '../../../report/sweep-view.js';
import { targetDocument } from './target-document.js';
import { forwardServerProgress } from './server-progress.js';

/** A chart as the run command reports it. */
export interface ChartSummary {
    readonly id: string;
    readonly title: string;
    readonly unit: string;
    /** Shown at once (a reported series); the others sit behind "More charts". */
    readonly reported: boolean;
    readonly lines: number;
}

/** One row of a summary table: a reported series in one arm. */
export interface SummaryRowSummary {
    readonly series: string;
    readonly arm: string;
    readonly end: number | null;
    readonly at1y: number | null;
    readonly min: number | null;
    /** End value minus the reference arm's (`compare to`, else the first arm); null for the reference. */
    readonly diffFromFirst: number | null;
}

/** What a run command returns (for tests and for other extensions calling it). */
export type RunOutcome =
    | {
        readonly ok: true;
        readonly panelId: string;
        readonly uri: string;
        readonly scenario: string;
        readonly title: string;
        readonly arms: string[];
        /** Every chart of the view, reported ones first. */
        readonly charts: ChartSummary[];
        readonly summaryRows: SummaryRowSummary[];
        /** Sweep and population charts drawn below the reported charts (their ids). */
        readonly explorationCharts: string[];
        /** What the webview reported drawing (undefined if it did not answer in time, e.g. hidden). */
        readonly rendered?: RenderedSummary;
        readonly seconds: number;
    }
    | { readonly ok: false; readonly reason: string; readonly cancelled?: boolean };

interface RunOptions {
    /** Run on save / panel restore: no quick pick, no focus changes, progress in the status bar only. */
    readonly silent?: boolean;
}

interface Ticketed extends RunOptions {
    /** Order of the command invocation: a cancel stops every run invoked before it, even one not yet sent. */
    readonly ticket: number;
}

const RENDER_WAIT_MS = 10_000;

/** Runs scenarios through the server's `osteo/simulate` request and shows them in results panels. */
export class ScenarioRunner {
    private readonly cache = new Map<string, { run: RunResult; scenario: ScenarioResult; sourceHash: string }>();
    private readonly inFlight = new Set<vscode.CancellationTokenSource>();
    private tickets = 0;
    private cancelledUpTo = 0;

    constructor(private readonly client: LanguageClient, private readonly panels: ResultsPanels, private readonly status: OsteoStatusBar) {}

    /** `osteo.runScenario [uri, scenario]`: the code lens passes both; otherwise the cursor or a pick decides. */
    async runScenario(uriArg?: unknown, scenarioArg?: unknown, runOptions: RunOptions = {}): Promise<RunOutcome> {
        const options = this.ticketed(runOptions);
        const document = await targetDocument(uriArg);
        if (!document) return this.fail('Open an Osteo (.osteo) file to run one of its scenarios.', options);
        const scenario = typeof scenarioArg === 'string' && scenarioArg ? scenarioArg : await this.chooseScenario(document, options);
        if (!scenario) return { ok: false, reason: 'no scenario chosen' };
        const outcomes = await this.run(document, scenario, options);
        return outcomes[0] ?? { ok: false, reason: 'no results' };
    }

    /** `osteo.runAllScenarios [uri]`: every scenario of the file, one panel each. */
    async runAll(uriArg?: unknown, runOptions: RunOptions = {}): Promise<RunOutcome[]> {
        const options = this.ticketed(runOptions);
        const document = await targetDocument(uriArg);
        if (!document) return [this.fail('Open an Osteo (.osteo) file to run its scenarios.', options)];
        if (locateScenarios(document.getText()).length === 0) return [this.fail(`${base(document)} declares no scenario.`, options)];
        return this.run(document, undefined, options);
    }

    /** Re-runs what a panel shows (its Re-run button, run-on-save). */
    async rerun(panel: ResultsPanel, options: RunOptions = {}): Promise<RunOutcome> {
        const document = await targetDocument(panel.documentUri);
        if (!document) {
            panel.failed(`The file ${panel.documentUri} can no longer be opened.`);
            return { ok: false, reason: 'document missing' };
        }
        return (await this.run(document, panel.scenario, this.ticketed({ ...options, silent: true })))[0];
    }

    /** Fills a panel restored after a reload: from the cache when this session ran it, else by simulating. */
    async refill(panel: ResultsPanel): Promise<RunOutcome> {
        const cached = this.cache.get(panel.id);
        if (cached) {
            panel.show(cached.run, cached.scenario, sourceName(panel.documentUri), cached.sourceHash);
            const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === panel.documentUri);
            if (open) panel.documentChanged(open.getText());
            return this.outcome(panel, cached.scenario, 0, false);
        }
        panel.running(`Restoring ${panel.scenario}: simulating again…`);
        return this.rerun(panel);
    }

    /** `osteo.cancelRun`: stops every simulation in progress. */
    cancelAll(): number {
        const count = this.inFlight.size;
        this.cancelledUpTo = this.tickets;
        this.inFlight.forEach(source => source.cancel());
        return count;
    }

    private ticketed(options: RunOptions): Ticketed {
        return { ...options, ticket: ++this.tickets };
    }

    private async run(document: vscode.TextDocument, scenario: string | undefined, options: Ticketed): Promise<RunOutcome[]> {
        const uri = document.uri.toString();
        const blocking = vscode.languages.getDiagnostics(document.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
        if (blocking.length > 0) {
            const first = blocking[0];
            const reason = `${base(document)} has ${blocking.length} error${blocking.length > 1 ? 's' : ''}; fix ${blocking.length > 1 ? 'them' : 'it'} before simulating `
                + `(line ${first.range.start.line + 1}: ${first.message}).`;
            return [this.blocked(reason, uri, scenario, options)];
        }
        const label = scenario ?? `all scenarios of ${base(document)}`;
        const existing = scenario ? this.panels.get(uri, scenario) : undefined;
        existing?.running(`Simulating ${scenario}…`);
        this.status.simulationStarted(label);
        const started = Date.now();
        // The text the server simulates: what the editor holds now (the server sees each edit before this request).
        const sourceHash = contentHash(document.getText());
        let result: RunResult;
        try {
            result = await this.simulate({ uri, scenario }, label, options);
        } catch (error) {
            const seconds = (Date.now() - started) / 1000;
            this.status.simulationFinished(label, seconds, false);
            return [this.handleFailure(error, document, scenario, options)];
        }
        const seconds = (Date.now() - started) / 1000;
        this.status.simulationFinished(label, seconds, true);
        const scenarios = result.scenarios ?? [];
        if (scenarios.length === 0) return [this.fail(`The server returned no results for ${label}.`, options)];
        const outcomes: RunOutcome[] = [];
        for (const s of scenarios) {
            const panel = this.panels.openOrReveal(uri, s.name, s.title || s.name);
            panel.show(result, s, base(document), sourceHash);
            // Edited while it ran: stale from the start.
            panel.documentChanged(document.getText());
            this.cache.set(panel.id, { run: { ...result, scenarios: [s] }, scenario: s, sourceHash });
            outcomes.push(await this.outcome(panel, s, seconds, !options.silent));
        }
        return outcomes;
    }

    private async outcome(panel: ResultsPanel, scenario: ScenarioResult, seconds: number, waitForRender: boolean): Promise<RunOutcome> {
        const view = panel.result?.view;
        const rendered = waitForRender ? await panel.whenRendered(RENDER_WAIT_MS) : panel.rendered;
        return {
            ok: true,
            panelId: panel.id,
            uri: panel.documentUri,
            scenario: scenario.name,
            title: scenario.title,
            arms: scenario.arms.map(a => a.name),
            charts: (view?.charts ?? []).map(c => ({ id: c.id, title: c.title, unit: c.unit, reported: c.reported, lines: c.lines.length })),
            summaryRows: (view?.summary ?? []).flatMap(t => t.rows.map(r => ({
                series: t.key, arm: r.arm, end: r.end, at1y: r.at1y, min: r.min, diffFromFirst: r.diff
            }))),
            explorationCharts: [
                ...(view?.sweeps ?? []).flatMap(s => Object.values(sweepChartIds(s))),
                ...(view?.populations ?? []).flatMap(p => p.charts.map(c => c.id))
            ],
            rendered,
            seconds
        };
    }

    private simulate(params: SimulateParams, label: string, options: Ticketed): Thenable<RunResult> {
        const location = options.silent ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
        return vscode.window.withProgress({ location, title: `Osteo: simulating ${label}`, cancellable: !options.silent }, async (progress, token) => {
            const source = new vscode.CancellationTokenSource();
            const linked = token.onCancellationRequested(() => source.cancel());
            this.inFlight.add(source);
            if (options.ticket <= this.cancelledUpTo) source.cancel();
            void vscode.commands.executeCommand('setContext', 'osteo.simulating', true);
            const { workDoneToken, listener } = forwardServerProgress(this.client, 'osteo-simulate', progress);
            try {
                if (source.token.isCancellationRequested) throw new vscode.CancellationError();
                const result = await this.client.sendRequest<RunResult>(SimulateRequestMethod, { ...params, workDoneToken }, source.token);
                if (source.token.isCancellationRequested) throw new vscode.CancellationError();
                return result;
            } catch (error) {
                throw source.token.isCancellationRequested ? new vscode.CancellationError() : error;
            } finally {
                listener.dispose();
                linked.dispose();
                source.dispose();
                this.inFlight.delete(source);
                if (this.inFlight.size === 0) void vscode.commands.executeCommand('setContext', 'osteo.simulating', false);
            }
        });
    }

    private handleFailure(error: unknown, document: vscode.TextDocument, scenario: string | undefined, options: RunOptions): RunOutcome {
        const uri = document.uri.toString();
        const panel = scenario ? this.panels.get(uri, scenario) : undefined;
        if (error instanceof vscode.CancellationError || (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)) {
            panel?.failed(panel.result ? 'Simulation cancelled; the results shown are from the previous run.' : 'Simulation cancelled.');
            if (!options.silent) void vscode.window.showInformationMessage('Osteo: simulation cancelled.');
            return { ok: false, reason: 'cancelled', cancelled: true };
        }
        const data = error instanceof ResponseError ? error.data as SimulateErrorData | undefined : undefined;
        const message = (error as Error)?.message ?? String(error);
        if (data?.kind === 'document-errors') {
            const details = data.errors?.length ? ` (${data.errors.slice(0, 3).join('; ')})` : '';
            return this.blocked(`${message}${details}`, uri, scenario, options);
        }
        panel?.failed(message);
        if (!options.silent) {
            const location = data?.kind === 'compile-error' ? data.location : undefined;
            if (location) {
                void vscode.window.showErrorMessage(`Osteo: ${message}`, 'Go to Problem').then(choice => {
                    if (!choice) return;
                    const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
                    void vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection: new vscode.Range(position, position) });
                });
            } else {
                void vscode.window.showErrorMessage(`Osteo: ${message}`);
            }
        }
        return { ok: false, reason: message };
    }

    /** Errors block the simulation: say why and show the Problems panel. */
    private blocked(reason: string, uri: string, scenario: string | undefined, options: RunOptions): RunOutcome {
        const panel = scenario ? this.panels.get(uri, scenario) : undefined;
        panel?.failed(`Not simulated: ${reason}`);
        if (!options.silent) {
            void vscode.commands.executeCommand('workbench.actions.view.problems');
            void vscode.window.showErrorMessage(`Osteo: not simulated. ${reason}`);
        }
        return { ok: false, reason };
    }

    private fail(reason: string, options: RunOptions): RunOutcome {
        if (!options.silent) void vscode.window.showWarningMessage(`Osteo: ${reason}`);
        return { ok: false, reason };
    }

    private async chooseScenario(document: vscode.TextDocument, options: RunOptions): Promise<string | undefined> {
        const choice = await chooseScenario(document, 'Osteo: Run Scenario', !options.silent);
        if (choice.none) this.fail(`${base(document)} declares no scenario.`, options);
        return choice.scenario;
    }
}

function base(document: vscode.TextDocument): string {
    return sourceName(document.uri.toString());
}

function sourceName(uri: string): string {
    return baseName(vscode.Uri.parse(uri).path);
}
