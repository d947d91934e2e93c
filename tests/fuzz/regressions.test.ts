import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FuzzHarness } from './harness.js';
import { createRandom } from './random.js';

/**
 * Every input the fuzzer ever broke something with, replayed: each must now end in diagnostics or
 * results, and in the way its `// ending:` line says (errors, compile-error, results ...).
 */
const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(__dirname, 'regressions');
const FILES = fs.readdirSync(DIR).filter(f => f.endsWith('.osteo')).sort();

let harness: FuzzHarness;
beforeAll(async () => {
    harness = await FuzzHarness.create([path.join(ROOT, 'examples/regimens.osteo')], { slowMs: Infinity, offsets: 40 });
});
afterAll(() => harness?.dispose());

describe('fuzz regressions', () => {
    test.each(FILES)('%s', async file => {
        const text = fs.readFileSync(path.join(DIR, file), 'utf8');
        const expected = /^\/\/ ending: (\S+)/m.exec(text)?.[1];
        expect(expected, 'the file names its ending in a `// ending:` line').toBeDefined();
        const report = await harness.run(text, createRandom(1));
        expect(report.failures).toEqual([]);
        expect(report.ending).toBe(expected);
    });
});
