import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

/** `FILE:LINE:COL: severity code message`, 1-based, as in README "Command line". */
export function formatDiagnostic(file: string, d: Diagnostic): string {
    const severity = SEVERITY[d.severity ?? 1];
    const code = d.code ?? (d.data as { code?: string } | undefined)?.code ?? 'syntax';
    return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity} ${code} ${d.message}`;
}

export function diagnosticsOf(document: LangiumDocument): Diagnostic[] {
    return [...(document.diagnostics ?? [])].sort((a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function hasErrors(document: LangiumDocument): boolean {
    return (document.diagnostics ?? []).some(d => (d.severity ?? 1) === 1);
}
