#!/usr/bin/env node
/**
 * Moves files by path-prefix rules with `git mv` and rewrites every relative import in the tree to
 * follow them (the tool behind the issue-10 layout change). Re-runnable: on a branch rebased onto the
 * new layout, it moves files that were added in the old places and fixes imports that still point there.
 *
 *   node scripts/dev/move-files.js            move and rewrite
 *   node scripts/dev/move-files.js --dry-run  print the moves only
 *
 * Afterwards, run `npm run typecheck`: a name that moved between files (compileDocument and Selection now
 * live in language/src/compiler/compile-document.ts; code outside simulator/ imports simulator/index.ts)
 * needs its import fixed by hand.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** Old prefix → new prefix, first match wins (a prefix ending in '/' is a folder). */
const RULES = [
    ['language/src/simulator/compiler/', 'language/src/compiler/'],
    ['language/src/simulator/', 'simulator/'],
    ['language/src/units.ts', 'simulator/units.ts'],
    ['language/src/pharmacology.ts', 'simulator/pharmacology.ts'],
    ['language/src/osteo-scope-provider.ts', 'language/src/references/osteo-scope-provider.ts'],
    ['language/src/workspace/osteo-linker.ts', 'language/src/references/osteo-linker.ts'],
    ['language/src/workspace/osteo-reference-descriptions.ts', 'language/src/references/osteo-reference-descriptions.ts'],
    ['language/src/workspace/osteo-scope-computation.ts', 'language/src/references/osteo-scope-computation.ts'],
    ['language/src/workspace/declarations-by-name.ts', 'language/src/references/declarations-by-name.ts'],
    ['client/report/', 'report/'],
    ['server/src/cli/results-csv.ts', 'report/results-csv.ts'],
    ['server/src/cli/results-table.ts', 'report/results-table.ts'],
    ['server/src/protocol.ts', 'protocol/requests.ts'],
    ['client/webview/messages.ts', 'protocol/webview-messages.ts'],
    ['server/src/cli/', 'cli/']
];

const ROOT = path.resolve(__dirname, '../..');
const dryRun = process.argv.includes('--dry-run');
const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

function moved(file) {
    for (const [from, to] of RULES) {
        if (from.endsWith('/') ? file.startsWith(from) : file === from) return to + file.slice(from.length);
    }
    return undefined;
}

const before = git('ls-files').split('\n').filter(Boolean).filter(f => fs.existsSync(path.join(ROOT, f)));
const oldFiles = new Set(before);
const moves = new Map(before.map(f => [f, moved(f)]).filter(([, to]) => to !== undefined));
const origin = new Map([...moves].map(([from, to]) => [to, from]));

for (const [from, to] of moves) console.log(`${from} -> ${to}`);
if (dryRun) process.exit(0);

for (const [from, to] of moves) {
    fs.mkdirSync(path.join(ROOT, path.dirname(to)), { recursive: true });
    git('mv', from, to);
}

/**
 * The file a relative specifier written in old file `importer` meant (its old path), or undefined. A
 * path that no longer exists but that a rule maps onto an existing file (an import written before the
 * move, on a branch rebased after it) counts too.
 */
function resolveOld(importer, spec) {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), spec));
    const candidates = [base, base.replace(/\.js$/, '.ts'), base + '.ts', base + '/index.ts'];
    return candidates.find(c => oldFiles.has(c)) ?? candidates.find(c => oldFiles.has(moved(c) ?? ''));
}

function rewrite(spec, oldTarget, newTarget, newImporter) {
    let rel = path.posix.relative(path.posix.dirname(newImporter), newTarget);
    if (!rel.startsWith('.')) rel = './' + rel;
    const last = spec.replace(/^.*\//, '');
    if (oldTarget.endsWith('.ts') && last.endsWith('.js')) return rel.replace(/\.ts$/, '.js');
    if (oldTarget.endsWith('/index.ts') && !/^index(\.[jt]s)?$/.test(last)) return rel.replace(/\/index\.ts$/, '');
    if (oldTarget.endsWith('.ts') && !last.includes('.')) return rel.replace(/\.ts$/, '');
    return rel;
}

const PATTERN = /((?:from|import|require\(|import\(|vi\.mock\(|vi\.importActual\()\s*)(['"])(\.{1,2}\/[^'"\n]*)\2/g;
let changed = 0;
for (const file of git('ls-files').split('\n').filter(f => /\.(ts|mts|js|cjs)$/.test(f))) {
    const abs = path.join(ROOT, file);
    if (!fs.existsSync(abs) || file.includes('/generated/')) continue;
    const text = fs.readFileSync(abs, 'utf8');
    const next = text.replace(PATTERN, (all, lead, quote, spec) => {
        // Where the file may have been when the import was written: where this run moved it from, where
        // it is, or (git moves a file added in a renamed folder during a rebase) the old place of its folder.
        const places = [origin.get(file) ?? file, ...RULES.filter(([, to]) => to.endsWith('/') && file.startsWith(to))
            .map(([from, to]) => from + file.slice(to.length))];
        const oldImporter = places.find(place => resolveOld(place, spec));
        if (!oldImporter) return all;
        const oldTarget = resolveOld(oldImporter, spec);
        const newTarget = moves.get(oldTarget) ?? (oldFiles.has(oldTarget) ? oldTarget : moved(oldTarget));
        if (newTarget === oldTarget && oldImporter === file) return all;
        return `${lead}${quote}${rewrite(spec, oldTarget, newTarget, file)}${quote}`;
    });
    if (next !== text) {
        fs.writeFileSync(abs, next);
        changed++;
    }
}
console.log(`${moves.size} files moved, imports rewritten in ${changed} files`);
