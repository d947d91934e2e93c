// The layering of the tree (README "Architecture"), enforced in `npm test`: each folder may import only
// the layers below it. Data walks one way: language → compiler → simulator (engine) → report → views.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const NODE = [...builtinModules, ...builtinModules.map(m => `node:${m}`)];

/** A relative import that reaches into one of these top-level folders (or language's subfolders). */
const into = (...folders) => ({
    regex: `(^|/)(${folders.join('|')})(/|$)`,
    message: `this layer must not import ${folders.join(', ')} (see README "Architecture")`
});
/** Outside the engine, only its public face: simulator/index.ts. */
const ENGINE_FACE = { regex: '(^|/)simulator/(?!index\\.js$)', message: 'import the engine through simulator/index.js, its public face' };
const modules = (names, why) => names.map(name => ({ name, message: why }));

const NO_EDITOR = modules(['vscode'], 'only the extension host (client/src) talks to VS Code');
const NO_LANGIUM = [{ regex: '^(langium|chevrotain|vscode-languageserver|vscode-languageclient)(/|$)', message: 'the engine, the report and the protocol are plain TypeScript: no Langium or LSP code' }];
const NO_NODE = modules(NODE, 'this code also runs in a browser (webview or web worker): no Node modules');

/** One rule per folder: `paths` are module names, `patterns` relative folders and module families. */
function layer(files, { paths = [], patterns = [] }) {
    return { files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export default [
    { ignores: ['out/**', 'node_modules/**', 'language/src/generated/**', '.e2e-runtime/**', '.vscode-test/**', 'tests/**', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.mts'] },
    {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
        linterOptions: { reportUnusedDisableDirectives: 'error' }
    },
    // The engine: plain data in, plain data out; it runs in a worker and knows nothing of the language or editor.
    layer(['simulator/**/*.ts'], { paths: [...NO_EDITOR, ...NO_NODE], patterns: [...NO_LANGIUM, into('language', 'client', 'server', 'cli', 'report', 'protocol', 'runtime')] }),
    // The language (grammar, validation, LSP services, compiler) reads the engine's tables and description contract.
    layer(['language/**/*.ts'], { paths: NO_EDITOR, patterns: [into('client', 'server', 'cli', 'report', 'protocol', 'runtime'), ENGINE_FACE] }),
    // The report turns results into views: it reads the engine's results only.
    layer(['report/**/*.ts'], { paths: NO_EDITOR, patterns: [...NO_LANGIUM, into('language', 'client', 'server', 'cli', 'protocol', 'runtime'), ENGINE_FACE] }),
    // The messages between the sides: types both sides import, so it imports neither.
    layer(['protocol/**/*.ts'], { paths: [...NO_EDITOR, ...NO_NODE], patterns: [...NO_LANGIUM, into('language', 'client', 'server', 'cli', 'runtime'), ENGINE_FACE] }),
    // The engine's Node runtime (worker pool, simulation worker, version): shared by the server and the CLI, so it
    // imports neither, nor the language (the worker bundle holds no Langium).
    layer(['runtime/**/*.ts'], { paths: NO_EDITOR, patterns: [...NO_LANGIUM, into('language', 'client', 'server', 'cli', 'report', 'protocol'), ENGINE_FACE] }),
    // The language server: never the client's code.
    layer(['server/**/*.ts'], { paths: NO_EDITOR, patterns: [into('client', 'cli'), ENGINE_FACE] }),
    // The command line: the language, the engine's runtime and the report; never the server or the client.
    layer(['cli/**/*.ts'], { paths: NO_EDITOR, patterns: [into('client', 'server'), ENGINE_FACE] }),
    // The extension host talks to the server through protocol/ only.
    layer(['client/src/**/*.ts'], { patterns: [...NO_LANGIUM.map(p => ({ ...p, regex: '^(langium|chevrotain|vscode-languageserver)(/|$)' })), into('server', 'cli', 'runtime', 'webview'), ENGINE_FACE] }),
    // The webview runs in a browser sandbox: no Node, no VS Code API, no host code.
    layer(['client/webview/**/*.ts'], { paths: [...NO_EDITOR, ...NO_NODE], patterns: [...NO_LANGIUM, into('language', 'simulator', 'server', 'cli', 'runtime', 'src')] })
];
