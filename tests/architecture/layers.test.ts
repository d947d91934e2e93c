/**
 * The layering of the tree is enforced, not hoped for: a forbidden import fails `npm test` through the
 * lint step (eslint.config.mjs), a module that uses another environment's API fails the typecheck
 * (its own tsconfig's lib and types), and a run-time import cycle fails scripts/check-cycles.js.
 * These tests feed each check a deliberate violation and expect it to be caught.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

describe('the lint step forbids imports across layers', () => {
    const eslint = new ESLint({ cwd: ROOT });
    const problems = async (file: string, code: string) => {
        const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
        return result.messages.map(m => `${m.ruleId}: ${m.message}`);
    };

    test.each([
        ['the engine → VS Code', 'simulator/solver/probe.ts', `import * as vscode from 'vscode';`],
        ['the engine → Langium', 'simulator/probe.ts', `import { AstUtils } from 'langium';`],
        ['the engine → the language', 'simulator/model/probe.ts', `import { createOsteoServices } from '../../language/src/osteo-module.js';`],
        ['the engine → the client', 'simulator/probe.ts', `import { activate } from '../client/src/extension.js';`],
        ['the engine → the server', 'simulator/probe.ts', `import { registerSimulationHandlers } from '../server/src/simulation-handlers.js';`],
        ['the engine → its Node runtime', 'simulator/probe.ts', `import { WorkerPool } from '../runtime/worker-pool.js';`],
        ['the engine → Node', 'simulator/probe.ts', `import { readFileSync } from 'node:fs';`],
        ['the report → the client', 'report/probe.ts', `import { activate } from '../client/src/extension.js';`],
        ['the report → the server', 'report/probe.ts', `import { registerSimulationHandlers } from '../server/src/simulation-handlers.js';`],
        ['the CLI → the server', 'cli/probe.ts', `import { registerSimulationHandlers } from '../server/src/simulation-handlers.js';`],
        ['the runtime → the language', 'runtime/probe.ts', `import { compileSelection } from '../language/src/application/run-document.js';`],
        ['the runtime → Langium', 'runtime/probe.ts', `import { URI } from 'langium';`],
        ['the server → the client', 'server/src/probe.ts', `import { activate } from '../../client/src/extension.js';`],
        ['the client → the server', 'client/src/probe.ts', `import { registerSimulationHandlers } from '../../server/src/simulation-handlers.js';`],
        ['the webview → Node', 'client/webview/probe.ts', `import * as fs from 'fs';`],
        ['the webview → VS Code', 'client/webview/probe.ts', `import * as vscode from 'vscode';`],
        ['the language → the engine\'s insides', 'language/src/probe.ts', `import { PARAMETERS } from '../../simulator/model/parameters.js';`]
    ])('%s fails', async (_, file, code) => {
        const found = await problems(file, code);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(/^no-restricted-imports: /);
    });

    test.each([
        ['the engine → itself', 'simulator/model/probe.ts', `import { solvePiecewise } from '../solver/index.js';`],
        ['the language → the engine\'s public face', 'language/src/probe.ts', `import { PARAMETERS } from '../../simulator/index.js';`],
        ['the client → the protocol and the report', 'client/src/probe.ts', `import type { SimulateParams } from '../../protocol/requests.js';\nimport { buildResultsView } from '../../report/view-model.js';`],
        ['the webview → the report', 'client/webview/probe.ts', `import { formatValue } from '../../report/format.js';`],
        ['the CLI and the server → the runtime', 'cli/probe.ts', `import { WorkerPool } from '../runtime/worker-pool.js';\nimport { VERSION } from '../runtime/version.js';`],
        ['the server → the runtime', 'server/src/probe.ts', `import { WorkerPool } from '../../runtime/worker-pool.js';`]
    ])('%s passes', async (_, file, code) => {
        expect(await problems(file, code)).toEqual([]);
    });
});

describe('each module is typed for the environment it runs in', () => {
    /** Type-checks `code` as if it were the file `file` under the tsconfig of its module. */
    function diagnostics(tsconfig: string, file: string, code: string): string[] {
        const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, tsconfig), {}, {
            ...ts.sys, onUnRecoverableConfigFileDiagnostic: d => { throw new Error(String(d.messageText)); }
        })!;
        const probe = path.join(ROOT, file);
        const host = ts.createCompilerHost(config.options);
        const { getSourceFile, fileExists, readFile } = host;
        host.fileExists = f => f === probe || fileExists.call(host, f);
        host.readFile = f => (f === probe ? code : readFile.call(host, f));
        host.getSourceFile = (f, v, ...rest) => (f === probe ? ts.createSourceFile(f, code, v) : getSourceFile.call(host, f, v, ...rest));
        const program = ts.createProgram({ rootNames: [probe], options: config.options, host });
        return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map(d => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    }

    test('the engine has neither DOM nor Node types', () => {
        expect(diagnostics('simulator/tsconfig.json', 'simulator/probe.ts', 'export const title = document.title;').join()).toMatch(/Cannot find name 'document'/);
        expect(diagnostics('simulator/tsconfig.json', 'simulator/probe.ts', `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;`).join()).toMatch(/Cannot find module 'node:fs'/);
        // `import 'vscode'` still resolves through node_modules/@types (the `types` option only stops its
        // globals from loading): the lint step refuses that import, tested above.
        expect(diagnostics('simulator/tsconfig.json', 'simulator/probe.ts', `export const x: number = Math.max(1, 2);`)).toEqual([]);
    });

    test('the webview has the DOM but not Node', () => {
        expect(diagnostics('client/webview/tsconfig.json', 'client/webview/probe.ts', 'export const title = document.title;')).toEqual([]);
        expect(diagnostics('client/webview/tsconfig.json', 'client/webview/probe.ts', `export const cwd = process.cwd();`).join()).toMatch(/Cannot find name 'process'/);
    });

    test('the language server has Node but not the DOM', () => {
        expect(diagnostics('server/tsconfig.json', 'server/src/probe.ts', `export const cwd = process.cwd();`)).toEqual([]);
        expect(diagnostics('server/tsconfig.json', 'server/src/probe.ts', 'export const title = document.title;').join()).toMatch(/Cannot find name 'document'/);
    });
});

describe('the cycle check', () => {
    const { findCycles } = require(path.join(ROOT, 'scripts/check-cycles.js')) as {
        findCycles(root: string, folders: string[]): { files: number; cycles: string[][] };
    };
    const tree = (files: Record<string, string>) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-cycles-'));
        for (const [name, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
            fs.writeFileSync(path.join(dir, name), text);
        }
        return dir;
    };

    test('finds two files that import each other at run time', () => {
        const dir = tree({
            'simulator/a.ts': `import { b } from './b.js';\nexport const a = () => b;`,
            'simulator/b.ts': `import { a } from './a.js';\nexport const b = () => a;`,
            'simulator/c.ts': `import { a } from './a.js';\nexport const c = a;`
        });
        const { cycles } = findCycles(dir, ['simulator']);
        expect(cycles.map(group => group.map(f => path.relative(dir, f)))).toEqual([['simulator/a.ts', 'simulator/b.ts']]);
    });

    test('a loop of type-only imports is erased at build time, so it is not a cycle', () => {
        const dir = tree({
            'language/a.ts': `import type { B } from './b.js';\nexport interface A { b?: B }`,
            'language/b.ts': `import { type A } from './a.js';\nexport interface B { a?: A }`
        });
        expect(findCycles(dir, ['language']).cycles).toEqual([]);
    });

    test('the repository has none', () => {
        const { files, cycles } = findCycles(ROOT, ['simulator', 'language', 'report', 'protocol', 'runtime', 'cli', 'server', 'client', 'scripts', 'bench']);
        expect(files).toBeGreaterThan(150);
        expect(cycles.map(group => group.map(f => path.relative(ROOT, f)))).toEqual([]);
    });
});

describe('the simulation worker bundles the engine alone', () => {
    test('no Langium, chevrotain, VS Code or language code in out/simulation-worker.js', async () => {
        const esbuild = await import('esbuild');
        const result = await esbuild.build({
            entryPoints: [path.join(ROOT, 'runtime/simulation-worker.ts')], bundle: true, platform: 'node', format: 'cjs',
            target: 'node20', write: false, metafile: true, outfile: path.join(os.tmpdir(), 'osteo-worker-probe.js'), logLevel: 'silent'
        });
        const inputs = Object.keys(result.metafile.inputs);
        expect(inputs.some(f => f.startsWith('simulator/'))).toBe(true);
        expect(inputs.filter(f => /node_modules\/(langium|chevrotain|vscode)|^language\/|^client\//.test(f))).toEqual([]);
    });
});
