import * as vscode from 'vscode';
import { formatCsv } from '../../../report/results-csv.js';
import { safeFileName } from '../../../report/escape.js';
import type { ImageFormat } from '../../../protocol/webview-messages.js';
import type { ResultsPanel } from '../results/results-panel.js';
import type { ResultsPanels } from '../results/results-panels.js';

const IMAGE_FILTERS: Record<ImageFormat, Record<string, string[]>> = { png: { 'PNG image': ['png'] }, svg: { 'SVG image': ['svg'] } };
const DATA_FILTERS: Record<'csv' | 'json', Record<string, string[]>> = { csv: { CSV: ['csv'] }, json: { JSON: ['json'] } };

/** Where the next image of a panel goes when the export command was given a target (no dialog). */
const imageTargets = new WeakMap<object, vscode.Uri>();

/** A panel whose images are saved next to its document (results and sensitivity panels). */
type DocumentPanel = Pick<ResultsPanel, 'documentUri'>;

/** Saves a chart image the webview produced; the webview itself cannot write files. */
export async function saveImage(panel: DocumentPanel, format: ImageFormat, fileName: string, data: string): Promise<vscode.Uri | undefined> {
    const bytes = imageBytes(format, data);
    const target = imageTargets.get(panel);
    imageTargets.delete(panel);
    if (!bytes) {
        void vscode.window.showErrorMessage('Osteo: the chart could not be exported (the view sent no image).');
        return undefined;
    }
    if (target) return write(target, bytes);
    return saveWithDialog(panel, safeFileName(fileName.replace(/\.(png|svg)$/, '')) + `.${format}`, IMAGE_FILTERS[format], bytes);
}

/** Full-resolution data of the panel's scenario: CSV long format or the JSON results object (README "Command line"). */
export async function saveData(panel: ResultsPanel, format: 'csv' | 'json', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const result = panel.result;
    if (!result) {
        void vscode.window.showWarningMessage('Osteo: this panel has no results yet.');
        return undefined;
    }
    const text = format === 'csv' ? formatCsv(result.run) : JSON.stringify(result.run, null, 2) + '\n';
    const bytes = new TextEncoder().encode(text);
    if (target) return write(target, bytes);
    return saveWithDialog(panel, `${safeFileName(result.scenario.name)}.${format}`, DATA_FILTERS[format], bytes);
}

/**
 * `osteo.exportResults [target]`: exports from the active results panel. With a target URI (scripts,
 * tests) its extension chooses the format and no dialog is shown.
 */
export async function exportResultsCommand(panels: ResultsPanels, targetArg?: unknown): Promise<vscode.Uri | undefined> {
    const panel = panels.active;
    if (!panel?.result) {
        void vscode.window.showWarningMessage('Osteo: run a scenario first; Export Results saves what a results panel shows.');
        return undefined;
    }
    const target = targetArg instanceof vscode.Uri ? targetArg : typeof targetArg === 'string' && targetArg ? vscode.Uri.parse(targetArg) : undefined;
    if (target) {
        const format = /\.(csv|json|png|svg)$/i.exec(target.path)?.[1].toLowerCase();
        if (format === 'csv' || format === 'json') return saveData(panel, format, target);
        if (format === 'png' || format === 'svg') {
            imageTargets.set(panel, target);
            panel.exportChart(format);
            return target;
        }
        void vscode.window.showErrorMessage(`Osteo: cannot tell the export format from ${target.path} (use .csv, .json, .png or .svg).`);
        return undefined;
    }
    const choice = await vscode.window.showQuickPick([
        { label: '$(table) Data as CSV', description: 'scenario, arm, time_days, series, value', format: 'csv' as const },
        { label: '$(json) Data as JSON', description: 'the results object of osteo run --format json', format: 'json' as const },
        { label: '$(file-media) Chart as PNG…', description: 'as drawn, with its legend', format: 'png' as const },
        { label: '$(file-code) Chart as SVG…', description: 'vector, for papers and slides', format: 'svg' as const }
    ], { title: `Osteo: Export Results of ${panel.scenario}` });
    if (!choice) return undefined;
    if (choice.format === 'csv' || choice.format === 'json') return saveData(panel, choice.format);
    const charts = panel.result.view.charts;
    const chart = charts.length === 1 ? charts[0] : (await vscode.window.showQuickPick(
        charts.map(c => ({ label: c.title, description: c.reported ? c.unit : `${c.unit} · under "More charts"`, id: c.id })),
        { title: 'Which chart?' }));
    if (!chart) return undefined;
    panel.exportChart(choice.format, chart.id);
    return undefined;
}

function imageBytes(format: ImageFormat, data: string): Uint8Array | undefined {
    if (format === 'png') {
        const prefix = 'data:image/png;base64,';
        return data.startsWith(prefix) ? base64Bytes(data.slice(prefix.length)) : undefined;
    }
    return data.trimStart().startsWith('<svg') ? new TextEncoder().encode(data) : undefined;
}

/** atob, not Buffer: the web extension host (vscode.dev) has no Buffer. */
function base64Bytes(base64: string): Uint8Array {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
}

async function saveWithDialog(panel: DocumentPanel, fileName: string, filters: Record<string, string[]>, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
    const documentUri = vscode.Uri.parse(panel.documentUri);
    const folder = documentUri.scheme === 'file' ? vscode.Uri.joinPath(documentUri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined, filters, title: 'Osteo: Export' });
    if (!target) return undefined;
    const written = await write(target, bytes);
    if (written) void vscode.window.showInformationMessage(`Osteo: saved ${vscode.workspace.asRelativePath(target)}.`);
    return written;
}

async function write(target: vscode.Uri, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
    try {
        await vscode.workspace.fs.writeFile(target, bytes);
        return target;
    } catch (error) {
        void vscode.window.showErrorMessage(`Osteo: could not write ${target.fsPath}: ${(error as Error).message}`);
        return undefined;
    }
}
