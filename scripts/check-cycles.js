#!/usr/bin/env node
/**
 * `npm test` step: fails when source files import each other in a cycle at run time (what esbuild
 * bundles; `import type` is erased, and Langium's DI idiom, where a service names the services type
 * its module builds, is such a type-only loop). Reads the imports of every TypeScript file outside
 * tests/, resolves the relative ones as esbuild does, and reports each strongly connected group.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const FOLDERS = ['simulator', 'language', 'report', 'protocol', 'runtime', 'cli', 'server', 'client', 'scripts', 'bench'];

function sourceFiles(dir) {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
        return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
}

function resolve(from, spec) {
    const base = path.resolve(path.dirname(from), spec);
    return [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')].find(f => f.endsWith('.ts') && fs.existsSync(f));
}

/** The specifiers a file imports at run time: type-only imports and re-exports left out. */
function runtimeImports(file) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
    const specs = [];
    for (const statement of source.statements) {
        if (ts.isImportDeclaration(statement)) {
            const clause = statement.importClause;
            const named = clause?.namedBindings;
            const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== undefined
                && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every(e => e.isTypeOnly)));
            if (!typeOnly) specs.push(statement.moduleSpecifier.text);
        } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
            const named = statement.exportClause;
            const typeOnly = statement.isTypeOnly || (named !== undefined && ts.isNamedExports(named)
                && named.elements.length > 0 && named.elements.every(e => e.isTypeOnly));
            if (!typeOnly) specs.push(statement.moduleSpecifier.text);
        }
    }
    return specs;
}

/** The groups of files (absolute paths) under `folders` of `root` that import each other in a cycle. */
function findCycles(root, folders) {
    const files = folders.flatMap(f => sourceFiles(path.join(root, f)));
    const edges = new Map(files.map(file => {
        const imports = runtimeImports(file).filter(s => s.startsWith('.')).map(s => resolve(file, s)).filter(Boolean);
        return [file, [...new Set(imports)]];
    }));
    // Tarjan's strongly connected components.
    let index = 0;
    const stack = [];
    const info = new Map();
    const cycles = [];
    const connect = v => {
        info.set(v, { index, low: index, onStack: true });
        index++;
        stack.push(v);
        for (const w of edges.get(v) ?? []) {
            if (!edges.has(w)) continue;
            if (!info.has(w)) {
                connect(w);
                info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
            } else if (info.get(w).onStack) {
                info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
            }
        }
        if (info.get(v).low === info.get(v).index) {
            const group = [];
            let w;
            do {
                w = stack.pop();
                info.get(w).onStack = false;
                group.push(w);
            } while (w !== v);
            if (group.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(group.sort());
        }
    };
    for (const file of files) if (!info.has(file)) connect(file);
    return { files: files.length, cycles };
}

module.exports = { findCycles };

if (require.main === module) {
    const { files, cycles } = findCycles(ROOT, FOLDERS);
    if (cycles.length > 0) {
        console.error(`Import cycles (${cycles.length}); each group's files import each other:`);
        for (const group of cycles) console.error(`  ${group.map(f => path.relative(ROOT, f)).join(' <-> ')}`);
        process.exit(1);
    }
    console.log(`No run-time import cycles among ${files} files.`);
}
