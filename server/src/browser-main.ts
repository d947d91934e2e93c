/**
 * The web language server (out/web/server.js), started by the web extension (client/src/extension-browser.ts) in a
 * web worker: the same Osteo services as the desktop server, the workspace read through the client
 * (client-file-system.ts), simulations in this worker (in-process-backend.ts). No Node APIs.
 */
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser.js';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import { addLatestTextCompletionHandler } from '../../language/src/lsp/osteo-completion-handler.js';
import { ClientFileSystemProvider } from './client-file-system.js';
import { inProcessBackend } from './in-process-backend.js';
import { registerSimulationHandlers } from './simulation-handlers.js';

// `self` is the worker's global scope; the reader and writer post and receive the client's messages on it.
const scope = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
// Explicit reader and writer: createConnection(ProposedFeatures.all) compiles for the browser too, then fails at run time.
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
const { shared } = createOsteoServices({ connection, fileSystemProvider: () => new ClientFileSystemProvider(connection) });
registerSimulationHandlers(connection, shared, inProcessBackend());
startLanguageServer(shared);
// As the desktop server: completion answers from the current text without waiting for builds.
addLatestTextCompletionHandler(connection, shared);
