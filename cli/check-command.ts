import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import * as path from 'node:path';
import { createOsteoServices } from '../language/src/osteo-module.js';
import { loadDocuments, type LoadResult } from '../language/src/workspace/document-loader.js';
import { UsageError, type CliArgs } from './args.js';
import { diagnosticsOf, formatDiagnostic, hasErrors } from './diagnostics-format.js';

/** Loads and validates the files with the same services as the language server. */
export async function loadForCli(files: string[]): Promise<LoadResult> {
    if (files.length === 0) throw new UsageError('no file given');
    const { shared } = createOsteoServices({ ...NodeFileSystem });
    const result = await loadDocuments(shared, files.map(f => URI.file(path.resolve(f))));
    if (result.problems.length > 0) {
        const p = result.problems[0];
        throw new UsageError(`${displayPath(URI.file(p.file))}: ${p.message}`);
    }
    return result;
}

export function displayPath(uri: URI): string {
    const relative = path.relative(process.cwd(), uri.fsPath);
    return relative.startsWith('..') ? uri.fsPath : relative;
}

/** Prints every diagnostic of the given documents on `write`; true when any is an error. */
export function reportDiagnostics(result: LoadResult, write: (line: string) => void): boolean {
    let errors = false;
    for (const document of result.roots) {
        for (const d of diagnosticsOf(document)) write(formatDiagnostic(displayPath(document.uri), d));
        errors ||= hasErrors(document);
    }
    return errors;
}

export async function runCheck(args: CliArgs): Promise<number> {
    const result = await loadForCli(args.files);
    const errors = reportDiagnostics(result, line => process.stdout.write(line + '\n'));
    return errors ? 1 : 0;
}
