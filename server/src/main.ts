import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import * as path from 'node:path';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import { addLatestTextCompletionHandler } from '../../language/src/lsp/osteo-completion-handler.js';
import { releaseMemoryWhenIdle } from './idle-memory.js';
import { registerSimulationHandlers } from './simulation-handlers.js';
import { WorkerPool } from '../../runtime/worker-pool.js';
import { registerFitHandler } from './fit-handler.js';
import { watchDataFiles } from '../../language/src/workspace/data-file-watcher.js';

// Transport (--stdio or IPC) is taken from the process arguments by createConnection.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createOsteoServices({ connection, ...NodeFileSystem });
const worker = path.join(__dirname, 'simulation-worker.js');
// Runs, sweeps, populations, sensitivity and fits on one pool of worker threads (one per core, or OSTEO_WORKERS / SLURM_CPUS_PER_TASK).
const pool = new WorkerPool(worker);
registerSimulationHandlers(connection, shared, pool);
// Fits share the pool: one start per worker.
registerFitHandler(connection, shared, pool);
watchDataFiles(shared);
startLanguageServer(shared);
// Replaces Langium's completion handler (registered by startLanguageServer): completion answers from the current text without waiting for builds.
addLatestTextCompletionHandler(connection, shared);
releaseMemoryWhenIdle(shared);
