/**
 * The SHA-256 of a scenario file's text, recorded with its results (report header, results view): a reader can
 * tell which version of the file produced a report, and the results view tells when the file changed after a run.
 * Node only (the extension host and the CLI compute it; the webview only shows it).
 */
import { createHash } from 'node:crypto';

export function contentHash(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
}
