import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createOsteoServices } from '../../language/src/osteo-module.js';

// Transport (--stdio or IPC) is taken from the process arguments by createConnection.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createOsteoServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
