import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import * as path from 'node:path';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import { registerSimulationHandlers } from './simulation-handlers.js';
import { registerFitHandler } from './fit-handler.js';
import { watchDataFiles } from '../../language/src/workspace/data-file-watcher.js';

// Transport (--stdio or IPC) is taken from the process arguments by createConnection.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createOsteoServices({ connection, ...NodeFileSystem });
registerSimulationHandlers(connection, shared, path.join(__dirname, 'simulation-worker.js'), pool => registerFitHandler(connection, shared, pool));
watchDataFiles(shared);
startLanguageServer(shared);
