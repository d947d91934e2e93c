/**
 * `osteo lsp [--stdio]`: runs the Osteo language server for any LSP client (Neovim, Helix, Emacs…), on stdio
 * unless another transport (--node-ipc, --socket=PORT, --pipe=NAME) is named. The server is the bundle
 * `server.js` next to this CLI in out/ and in the npm package; it reads the transport from process.argv.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args.js';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe='];

export function startLanguageServer(argv: readonly string[]): Promise<number> {
    const unknown = argv.filter(arg => !TRANSPORTS.some(t => t.endsWith('=') ? arg.startsWith(t) : arg === t) && !arg.startsWith('--clientProcessId='));
    if (unknown.length) throw new UsageError(`osteo lsp takes only a transport (--stdio, --node-ipc, --socket=PORT, --pipe=NAME), not '${unknown[0]}'`);
    const server = path.join(__dirname, 'server.js');
    if (!fs.existsSync(server)) throw new UsageError(`the language server is not built (no server.js next to ${__filename}); run 'npm run build'`);
    if (!argv.some(arg => TRANSPORTS.some(t => arg.startsWith(t)))) process.argv.push('--stdio');
    require(server);
    // The server owns the process from here: it exits on the client's `exit` notification or when stdin closes.
    return new Promise<number>(() => undefined);
}
