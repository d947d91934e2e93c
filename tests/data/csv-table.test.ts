import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CsvParser, parseCsvText } from '../../simulator/data/csv-table.js';
import { DataFiles } from '../../language/src/workspace/data-files.js';
import { selectPoints } from '../../simulator/data/observations.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CSV/TSV measurement tables (docs/data-and-fit.md §1)', () => {
    test('BOM, CRLF, # comments, quoted fields with commas, quotes and newlines', () => {
        const table = parseCsvText('\ufeff# Source: Example et al. 2020, table 2\r\nmonth,"value, %",note\r\n0,1.5,"a ""quoted"", note"\r\n6,2.5,"two\r\nlines"\r\n');
        expect(table.comments).toEqual(['Source: Example et al. 2020, table 2']);
        expect(table.header).toEqual(['month', 'value, %', 'note']);
        expect([...table.columns[1].numbers]).toEqual([1.5, 2.5]);
        expect(table.columns[2].texts!.values).toEqual(['a "quoted", note', 'two\r\nlines']);
        expect([...table.lines]).toEqual([3, 4]);
    });

    test('the same table whatever the chunk boundaries (streaming)', () => {
        const text = 'time,measurement,simulationConditionId\n0,1,"c1"\n1.5,2e-1,c2\n3,NA,c1\n';
        const whole = parseCsvText(text);
        for (const size of [1, 2, 3, 7]) {
            const parser = new CsvParser(',');
            for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
            const chunked = parser.end();
            expect(chunked.columns.map(c => [...c.numbers])).toEqual(whole.columns.map(c => [...c.numbers]));
            expect(chunked.columns[2].texts).toEqual(whole.columns[2].texts);
        }
    });

    test('a PEtab measurement table works as it is, selecting a condition', () => {
        const petab = 'observableId\tsimulationConditionId\tmeasurement\ttime\tnoiseParameters\nbmd\tdmab\t1.1\t180\t0.5\nbmd\tplacebo\t-0.4\t180\t0.5\nbmd\tdmab\t2.9\t365\t0.5\n';
        const table = parseCsvText(petab, '\t');
        const points = selectPoints(table, { timeColumn: 'time', timeFactorDays: 1, valueColumn: 'measurement', errorColumn: 'noiseParameters', groupColumn: 'simulationConditionId' }, 'dmab');
        expect(points).toEqual({ times: [180, 365], values: [1.1, 2.9], errors: [0.5, 0.5], lines: [2, 4] });
    });

    test('a file is read once while unchanged, and again after it changes on disk', async () => {
        const file = path.join(dir, 'cache.csv');
        fs.writeFileSync(file, 'month,v\n0,1\n');
        const files = new DataFiles();
        const [a, b] = await Promise.all([files.load(file), files.load(file)]);
        await files.load(file);
        expect(files.reads).toBe(1);
        expect(a.ok && b.ok && a.table === b.table).toBe(true);
        fs.writeFileSync(file, 'month,v\n0,1\n12,2\n');
        fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
        const changed = await files.load(file);
        expect(files.reads).toBe(2);
        expect(changed.ok && changed.table.rows).toBe(2);
    });

    test('too many rows and no header are unreadable, with the reason', () => {
        const parser = new CsvParser(',', 3);
        expect(() => parser.push('a\n1\n2\n3\n4\n')).toThrow(/more than 3 rows/);
        expect(() => parseCsvText('# only a comment\n')).toThrow(/no header row/);
    });
});
