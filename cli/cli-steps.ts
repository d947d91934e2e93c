import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { CompileError } from '../language/src/compiler/index.js';
import { ModelInputError, SelectionError } from '../simulator/index.js';
import { UsageError } from './args.js';
import { displayPath, loadForCli, reportDiagnostics } from './check-command.js';
import type { LoadResult } from '../language/src/workspace/document-loader.js';

/** The steps every simulating command shares, each mapping the user's mistakes to the documented exit codes. */

export const stderrLine = (line: string) => { process.stderr.write(line + '\n'); };

/** Loads the files; when any of them (imports included) has an error, prints every diagnostic and yields exit code 1. */
export async function loadValidated(files: string[]): Promise<LoadResult | 1> {
    const loaded = await loadForCli(files);
    if (!loaded.all.some(d => (d.diagnostics ?? []).some(x => (x.severity ?? 1) === 1))) return loaded;
    reportDiagnostics({ ...loaded, roots: loaded.all }, stderrLine);
    return 1;
}

/**
 * Runs a compile step for `document`: a wrong scenario/arm name is a usage error (exit 2); what the
 * compiler or the model refuses is printed with its location and yields exit code 1.
 */
export function compileStep<T>(document: LangiumDocument, step: () => T): T | 1 {
    try {
        return step();
    } catch (error) {
        if (error instanceof SelectionError) throw new UsageError(`${displayPath(document.uri)}: ${error.message}`);
        if (error instanceof CompileError) {
            const at = error.location;
            stderrLine(at ? `${displayPath(URI.parse(at.uri))}:${at.line}:${at.column}: error compile ${error.message}` : `osteo: ${error.message}`);
            return 1;
        }
        if (error instanceof ModelInputError) {
            stderrLine(`osteo: ${error.message}`);
            return 1;
        }
        throw error;
    }
}

/** Writes the command's output to --out, or to stdout without it. */
export function writeOutput(text: string, out: string | undefined, mode?: number): void {
    if (!out) {
        process.stdout.write(text);
        return;
    }
    try {
        fs.writeFileSync(path.resolve(out), text, mode === undefined ? undefined : { mode });
    } catch (error) {
        throw new UsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}
