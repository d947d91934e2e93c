import type * as vscode from 'vscode';
import { WorkDoneProgress, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

let counter = 0;

/**
 * A fresh work-done token for a request, and a listener that shows the server's `$/progress` reports
 * in a `withProgress` notification (percentages become increments). Dispose the listener when the
 * request settles.
 */
export function forwardServerProgress(client: LanguageClient, prefix: string,
    progress: vscode.Progress<{ message?: string; increment?: number }>): { workDoneToken: string; listener: vscode.Disposable } {
    const workDoneToken = `${prefix}-${++counter}`;
    let last = 0;
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, value => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? last;
        progress.report({ message: value.message, increment: Math.max(0, percentage - last) });
        last = percentage;
    });
    return { workDoneToken, listener };
}
