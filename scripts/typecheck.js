#!/usr/bin/env node
/**
 * `npm run typecheck`: each module under its own tsconfig (its own `lib` and `types`: the engine without
 * DOM, Node or VS Code; the webview with DOM and without Node), then tests, scripts and bench under the
 * root tsconfig. One process: modules whose tsconfigs give the same environment are checked as one
 * program, and parsed files are shared between the programs.
 */
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const CONFIGS = ['simulator', 'protocol', 'report', 'language', 'runtime', 'server', 'cli', 'client', 'client/webview', '.']
    .map(dir => path.join(ROOT, dir, 'tsconfig.json'))
    // The web extension's two entries: a web worker each, checked without Node's types.
    .concat(['server', 'client'].map(dir => path.join(ROOT, dir, 'tsconfig.browser.json')));

const parsed = new Map();
function createHost(options) {
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
        const key = `${fileName}|${typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion}`;
        let file = parsed.get(key);
        if (!file) {
            file = getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
            if (file) parsed.set(key, file);
        }
        return file;
    };
    return host;
}

const formatHost = { getCanonicalFileName: f => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
const readConfig = configPath => ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: d => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); }
});

// Same options (lib, types, strictness) → one program over the union of the modules' files.
const groups = new Map();
for (const configPath of CONFIGS) {
    const config = readConfig(configPath);
    const key = JSON.stringify(config.options, (k, v) => (k === 'configFilePath' || k === 'pathsBasePath' ? undefined : v));
    const group = groups.get(key) ?? { names: [], options: config.options, files: new Set(), errors: [] };
    group.names.push(path.relative(ROOT, configPath));
    config.fileNames.forEach(f => group.files.add(f));
    group.errors.push(...config.errors);
    groups.set(key, group);
}

let failed = 0;
for (const group of groups.values()) {
    const program = ts.createProgram({ rootNames: [...group.files], options: group.options, host: createHost(group.options) });
    const diagnostics = [...group.errors, ...ts.getPreEmitDiagnostics(program)];
    if (diagnostics.length > 0) {
        failed++;
        console.error(`${group.names.join(', ')}:`);
        console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost));
    } else {
        console.log(`${group.names.join(', ')}: ${group.files.size} files checked`);
    }
}
process.exit(failed > 0 ? 1 : 0);
