/**
 * Discoverability: `osteo list` prints the library the server loads, and the library tables of docs/language.md
 * are exactly what `npm run docs:library` generates from it (this test fails when they drift).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isDrug, isCondition } from '../../language/src/generated/ast.js';
import { catalog, libraryDocSection, parseLibrary, withLibrarySection } from '../../language/src/builtins/library-catalog.js';
import { createTestServices } from '../language/test-services.js';
import { ROOT } from '../cli/bundle.js';

const { Osteo } = await createTestServices();

function osteo(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('library tables in docs/language.md', () => {
    test('are the generated ones (run `npm run docs:library` after changing the library)', () => {
        const doc = fs.readFileSync(path.join(ROOT, 'docs', 'language.md'), 'utf8');
        expect(withLibrarySection(doc, libraryDocSection(Osteo))).toBe(doc);
    });

    test('name every library drug with its class, mechanism, PK and source, and every condition', () => {
        const library = parseLibrary(Osteo);
        const doc = fs.readFileSync(path.join(ROOT, 'docs', 'language.md'), 'utf8');
        for (const drug of library.declarations.filter(isDrug)) expect(doc).toContain(`| ${drug.name} | ${drug.title} | ${drug.drugClass} |`);
        for (const condition of library.declarations.filter(isCondition)) expect(doc).toContain(`| ${condition.name} |`);
        const adalimumab = catalog(Osteo, 'drugs').rows.find(r => r[0] === 'adalimumab')!;
        expect(adalimumab).toEqual(['adalimumab', 'Adalimumab', 'anti_TNF', 'neutralizes TNF_alpha', 'subcutaneous', '14 days', '5.4 L', '', '64 %', '1 mg/L',
            'Humira label; Ternant et al., Br J Clin Pharmacol 2015']);
    });
});

describe('osteo list', () => {
    test('drugs as a table and as JSON, from the same library', () => {
        const table = osteo('list', 'drugs');
        expect(table.status).toBe(0);
        expect(table.stdout.split('\n')[0]).toMatch(/^name\s+title\s+class\s+mechanism\s+route\s+half_life/);
        expect(table.stdout).toMatch(/\ndenosumab\s+Denosumab\s+RANKL_inhibitor\s+binds RANKL/);
        const json = JSON.parse(osteo('list', 'drugs', '--format', 'json').stdout) as Array<Record<string, string>>;
        expect(json.map(d => d.name)).toEqual(catalog(Osteo, 'drugs').rows.map(r => r[0]));
    });

    test('conditions, parameters, outputs and units', () => {
        expect(osteo('list', 'conditions').stdout).toMatch(/\nrheumatoid_arthritis\s+Rheumatoid arthritis\s+systemic/);
        expect(osteo('list', 'parameters').stdout).toMatch(/\nrankl_per_tnf\s/);
        expect(osteo('list', 'outputs').stdout).toMatch(/\nbmd\s+output\s+Bone mineral density/);
        const units = JSON.parse(osteo('list', 'units', '--format', 'json').stdout) as Array<Record<string, string>>;
        expect(units.find(u => u.unit === 'mcg')).toEqual({ unit: 'mcg', dimension: 'mass', 'in canonical unit': '0.001 mg' });
    });

    test('a wrong kind or format is a usage error, not a trace', () => {
        const wrong = osteo('list', 'drug');
        expect(wrong.status).toBe(2);
        expect(wrong.stderr).toBe("osteo: osteo list needs one of drugs, conditions, parameters, outputs, units, not 'drug'\nRun 'osteo --help' for usage.\n");
        expect(osteo('list', 'drugs', '--format', 'csv').stderr).toMatch(/--format for list is table or json, not 'csv'/);
    });
});
