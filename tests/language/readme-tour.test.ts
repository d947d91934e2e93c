import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Model } from '../../language/src/generated/ast.js';
import { validationSetup } from './validation-helpers.js';

/**
 * The README's tour, pasted as a new file into examples/ next to every example, validates without an error in it
 * or in any example: the tour declares names the examples also declare (`scenario RaTiming`), which is fine as
 * the files do not import one another. (The pharmacology warnings the tour and some examples show on purpose,
 * e.g. denosumab stopped without a follow-on, stay.)
 */
const ROOT = path.resolve(__dirname, '../..');

function tourBlock(): string {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## A tour of the language'));
    const match = /```\n([\s\S]*?)```/.exec(section);
    if (!match) throw new Error('README has no code block after "## A tour of the language"');
    return match[1];
}

describe('the README tour', async () => {
    const { workspace } = await validationSetup();

    test('pasted into examples/, it and every example validate without errors', async () => {
        const files: Record<string, string> = {};
        for (const name of fs.readdirSync(path.join(ROOT, 'examples')).filter(f => f.endsWith('.osteo'))) {
            files[`examples/${name}`] = fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
        }
        files['examples/tour.osteo'] = tourBlock();
        // At the repository's real path: examples/freedom-fit.osteo reads examples/data/ from disk.
        const documents = await workspace(files, `${pathToFileURL(ROOT).toString()}/`);
        const problems = Object.entries(documents).flatMap(([name, document]) => (document.diagnostics ?? [])
            .filter(d => d.severity === 1)
            .map(d => `${name}:${d.range.start.line + 1}: ${d.code} ${d.message}`));
        expect(problems).toEqual([]);
        expect((documents['examples/tour.osteo'].parseResult.value as Model).declarations.length).toBeGreaterThan(1);
    });
});
