import * as vscode from 'vscode';
import { State, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

export const SHOW_OUTPUT_COMMAND = 'osteo.showServerOutput';

/** Server state and the last run's duration, in one status bar item. */
export class OsteoStatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('osteo.status', vscode.StatusBarAlignment.Left, 0);
    private readonly disposables: vscode.Disposable[] = [this.item];
    private serverState: 'starting' | 'running' | 'stopped' = 'starting';
    private running: string | undefined;
    private lastRun: { label: string; seconds: number; ok: boolean } | undefined;

    constructor(client: LanguageClient) {
        this.item.name = 'Osteo';
        this.item.command = SHOW_OUTPUT_COMMAND;
        this.disposables.push(client.onDidChangeState(e => {
            this.serverState = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
            this.render();
        }));
        this.render();
        this.item.show();
    }

    simulationStarted(label: string): void {
        this.running = label;
        this.render();
    }

    simulationFinished(label: string, seconds: number, ok: boolean): void {
        this.running = undefined;
        this.lastRun = { label, seconds, ok };
        this.render();
    }

    /** For tests and the run command's summary. */
    get text(): string {
        return this.item.text;
    }

    private render(): void {
        const item = this.item;
        item.backgroundColor = undefined;
        if (this.serverState === 'stopped') {
            item.text = '$(error) Osteo';
            item.tooltip = 'The Osteo language server is not running. Click for its output; run "Osteo: Restart Language Server" to start it again.';
            item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
            return;
        }
        if (this.serverState === 'starting') {
            item.text = '$(loading~spin) Osteo';
            item.tooltip = 'Starting the Osteo language server…';
            return;
        }
        if (this.running) {
            item.text = '$(sync~spin) Osteo: simulating';
            item.tooltip = `Simulating ${this.running}`;
            return;
        }
        const last = this.lastRun;
        item.text = last ? `$(${last.ok ? 'check' : 'warning'}) Osteo ${formatSeconds(last.seconds)}` : '$(check) Osteo';
        item.tooltip = last
            ? `Language server running. Last run: ${last.label}, ${last.ok ? 'finished' : 'failed'} after ${formatSeconds(last.seconds)}.`
            : 'Osteo language server running.';
    }

    dispose(): void {
        this.disposables.forEach(d => d.dispose());
    }
}

function formatSeconds(seconds: number): string {
    return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
