import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { codesOf, validationSetup, withCode } from '../language/validation-helpers.js';

/** docs/data-and-fit.md §4: every rule with a failing and a passing case, on real files in a temp folder. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-data-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function csv(text: string, name = `t${++counter}.csv`): string {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
}

const TABLE = '# Digitised from a made-up table\nmonth,bmd_pct,sd,arm\n0,0,1,placebo\n6,-1.2,0.8,placebo\n12,-2,0.9,placebo\n6,1.5,0.7,dmab\n12,3.1,0.8,dmab\n';

function data(file: string, extra = 'group column "arm"', name = 'Trial'): string {
    return `data ${name} "Trial" {\n    file "${file}"\n    time column "month" in months\n    value column "bmd_pct"\n    error column "sd" as sd\n    ${extra}\n}\n`;
}

function scenario(observe: string, more = ''): string {
    return `scenario S {\n    duration 2 years\n    condition postmenopausal_osteoporosis\n    arm placebo {}\n    ${observe}\n${more}}\n`;
}

describe('data and observe validation (docs/data-and-fit.md §4)', async () => {
    const { validate, Osteo } = await validationSetup();
    const check = async (text: string) => (await validate(text, pathToFileURL(path.join(dir, `main${++counter}.osteo`)).toString())).diagnostics;

    test('a well-formed data declaration and observe validate clean', async () => {
        const file = csv(TABLE);
        expect(codesOf(await check(data(file) + scenario('observe bmd at lumbar_spine in placebo from Trial where "placebo"')))).toEqual([]);
    });

    test('data-file-missing: on the file line, path relative to the .osteo file', async () => {
        const diagnostics = await check(data('nowhere/missing.csv'));
        const [d] = withCode(diagnostics, IssueCodes.DataFileMissing);
        expect(d.message).toBe('Data file nowhere/missing.csv does not exist.');
        expect(d.range.start.line).toBe(1);
        expect(codesOf(await check(data(csv(TABLE))))).toEqual([]);
    });

    test('data-file-unreadable: binary content, not UTF-8, and not .csv/.tsv', async () => {
        const binary = csv('', 'binary.csv');
        fs.writeFileSync(path.join(dir, binary), Buffer.from([0x6d, 0x6f, 0x6e, 0x74, 0x68, 0x0a, 0x00, 0x01, 0x02, 0xff]));
        const [bin] = withCode(await check(data(binary)), IssueCodes.DataFileUnreadable);
        expect(bin.message).toMatch(/binary\.csv is not UTF-8 text/);
        const latin1 = csv('', 'latin1.csv');
        fs.writeFileSync(path.join(dir, latin1), Buffer.from('month,bmd_pct,sd,arm\n0,0,1,caf\xe9\n', 'latin1'));
        expect(codesOf(await check(data(latin1)))).toEqual([IssueCodes.DataFileUnreadable]);
        const xlsx = csv('month\n', 'table.xlsx');
        expect(withCode(await check(data(xlsx)), IssueCodes.DataFileUnreadable)[0].message).toMatch(/is not a .csv or .tsv file/);
    });

    test('data-column-missing: names the header\'s columns and offers each as a fix', async () => {
        const file = csv(TABLE);
        const diagnostics = await check(data(file).replace('"bmd_pct"', '"bmd"'));
        const [d] = withCode(diagnostics, IssueCodes.DataColumnMissing);
        expect(d.message).toContain('has no column "bmd"; its columns are "month", "bmd_pct", "sd", "arm"');
        expect((d.data as { columns: string[] }).columns).toEqual(['month', 'bmd_pct', 'sd', 'arm']);
        expect(d.range.start.line).toBe(3);
    });

    test('data-not-numeric: names the CSV line, column and the text, truncated to 40 characters', async () => {
        const long = 'x'.repeat(60);
        const file = csv(`month,bmd_pct,sd,arm\n0,0,1,placebo\n6,${long},1,placebo\n`);
        const [d] = withCode(await check(data(file)), IssueCodes.DataNotNumeric);
        expect(d.message).toContain(`line 3, column "bmd_pct": "${'x'.repeat(40)}…" is not a number`);
        expect(d.message).not.toContain('x'.repeat(41));
        // Empty and NA values are missing, not errors: the row is skipped.
        const ok = csv('month,bmd_pct,sd,arm\n0,0,1,placebo\n6,NA,1,placebo\n9,,1,placebo\n12,-2,1,placebo\n');
        expect(codesOf(await check(data(ok) + scenario('observe bmd at lumbar_spine in placebo from Trial where "placebo"')))).toEqual([]);
    });

    test('a missing time is an error naming the line', async () => {
        const file = csv('month,bmd_pct,sd,arm\n0,0,1,placebo\n,-1,1,placebo\n');
        const [d] = withCode(await check(data(file) + scenario('observe bmd at lumbar_spine in placebo from Trial where "placebo"')), IssueCodes.DataNotNumeric);
        expect(d.message).toContain('line 3: the time in column "month" is missing');
    });

    test('data-group-unknown lists the values present; data-group-required and data-group-unexpected', async () => {
        const file = csv(TABLE);
        const unknown = withCode(await check(data(file) + scenario('observe bmd at lumbar_spine in placebo from Trial where "Placebo"')), IssueCodes.DataGroupUnknown);
        expect(unknown[0].message).toContain('the values are "placebo", "dmab"');
        const required = await check(data(file) + scenario('observe bmd at lumbar_spine in placebo from Trial'));
        expect(codesOf(required)).toEqual([IssueCodes.DataGroupRequired]);
        const plain = csv('month,bmd_pct,sd\n0,0,1\n12,-2,1\n');
        const unexpected = await check(data(plain, '') + scenario('observe bmd at lumbar_spine in placebo from Trial where "placebo"'));
        expect(codesOf(unexpected)).toEqual([IssueCodes.DataGroupUnexpected]);
        expect(codesOf(await check(data(plain, '') + scenario('observe bmd at lumbar_spine in placebo from Trial')))).toEqual([]);
    });

    test('data-empty: no usable row for the observe', async () => {
        const file = csv('month,bmd_pct,sd\n0,NA,1\n12,,1\n');
        expect(codesOf(await check(data(file, '') + scenario('observe bmd at lumbar_spine in placebo from Trial')))).toEqual([IssueCodes.DataEmpty]);
    });

    test('data-outside-horizon: a warning counting the ignored points', async () => {
        const file = csv('month,bmd_pct,sd\n0,0,1\n12,-2,1\n36,-4,1\n48,-5,1\n');
        const [d] = withCode(await check(data(file, '') + scenario('observe bmd at lumbar_spine in placebo from Trial')), IssueCodes.DataOutsideHorizon);
        expect(d.severity).toBe(2);
        expect(d.message).toMatch(/^2 points of Trial \(2 after the scenario's .*\) are ignored\.$/);
    });

    test('not-computed: a local site the scenario does not model, a drug not given in the arm', async () => {
        const file = csv('month,bmd_pct,sd\n0,0,1\n12,-2,1\n');
        expect(codesOf(await check(data(file, '') + scenario('observe bmd at hand in placebo from Trial')))).toEqual([IssueCodes.NotComputed]);
        expect(codesOf(await check(data(file, '') + scenario('observe denosumab in placebo from Trial')))).toEqual([IssueCodes.NotComputed]);
        expect(codesOf(await check(data(file, '') + scenario('observe osteoclasts in placebo from Trial')))).toEqual([]);
    });

    test('fit: unknown-parameter with a suggestion, out-of-range bounds, starts, fit-without-data, fit-underdetermined', async () => {
        const file = csv('month,bmd_pct,sd\n0,0,1\n12,-2,1\n');
        const base = data(file, '');
        const observe = 'observe bmd at lumbar_spine in placebo from Trial';
        const fit = (body: string) => `    fit F {\n        ${body}\n    }\n`;
        const unknown = withCode(await check(base + scenario(observe, fit('estimate rankl_per_tnfx from 1 to 100 log'))), IssueCodes.UnknownParameter);
        expect(unknown[0].message).toContain("Did you mean 'rankl_per_tnf'");
        const reversed = await check(base + scenario(observe, fit('estimate rankl_per_tnf from 50 to 10')));
        expect(codesOf(reversed)).toEqual([IssueCodes.OutOfRange]);
        const logZero = await check(base + scenario(observe, fit('estimate rankl_per_tnf from 0 to 10 log')));
        expect(codesOf(logZero)).toContain(IssueCodes.OutOfRange);
        const starts = await check(base + scenario(observe, fit('estimate rankl_per_tnf from 1 to 100 log\n        starts 0')));
        expect(codesOf(starts)).toEqual([IssueCodes.OutOfRange]);
        expect(codesOf(await check(base + scenario('', fit('estimate rankl_per_tnf from 1 to 100 log'))))).toEqual([IssueCodes.FitWithoutData]);
        const three = await check(base + scenario(observe, fit('estimate rankl_per_tnf from 1 to 100 log\n        estimate bmd_gob_lumbar_spine from 0.01 to 1\n        estimate rankl_per_il6 from 0.1 to 10')));
        expect(codesOf(three)).toContain(IssueCodes.FitUnderdetermined);
        expect(codesOf(await check(base + scenario(observe, fit('estimate rankl_per_tnf from 1 to 100 log\n        starts 4\n        seed 7'))))).toEqual([]);
    });

    test('hover on a data reference: file, rows used, groups with counts, time range and the cited source', async () => {
        const file = csv(TABLE);
        const text = data(file) + scenario('observe bmd at lumbar_spine in placebo from Tri<|>al where "placebo"');
        const { document } = await validate(text.replace('<|>', ''), pathToFileURL(path.join(dir, `hover${++counter}.osteo`)).toString());
        const hover = await Osteo.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('<|>'))
        });
        const value = (hover?.contents as { value: string }).value;
        expect(value).toContain(`File: ${file} · 5 rows`);
        expect(value).toContain('Rows used: 5 · times 0 to 12 months');
        expect(value).toContain('Groups: "placebo" (3), "dmab" (2)');
        expect(value).toContain('Source: Digitised from a made-up table');
    });

    test('hover on observe: the points it compares inside the horizon, their times and weighting', async () => {
        const file = csv(TABLE.replace('12,-2,0.9,placebo', '12,-2,0.9,placebo\n36,-3,0.9,placebo'));
        const text = data(file) + scenario('obs<|>erve bmd at lumbar_spine in placebo from Trial where "placebo"');
        const { document } = await validate(text.replace('<|>', ''), pathToFileURL(path.join(dir, `hover${++counter}.osteo`)).toString());
        const hover = await Osteo.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('<|>'))
        });
        const value = (hover?.contents as { value: string }).value;
        // Three placebo rows inside the two years; the 36-month row is after the horizon.
        expect(value).toMatch(/^3 points of Trial where "placebo" inside the scenario's .+ \(1 outside it are ignored\)/);
        expect(value).toContain('weighted by the data\'s errors');
    });

    test('completion: column names after `column`, group values after `where`, parameters after `estimate`', async () => {
        const file = csv(TABLE);
        const complete = async (text: string) => {
            const { document } = await validate(text.replace('<|>', ''), pathToFileURL(path.join(dir, `complete${++counter}.osteo`)).toString());
            const list = await Osteo.lsp.CompletionProvider!.getCompletion(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('<|>'))
            });
            return list?.items ?? [];
        };
        const columns = await complete(data(file).replace('value column "bmd_pct"', 'value column <|>'));
        expect(columns.map(i => i.label)).toEqual(['month', 'bmd_pct', 'sd', 'arm']);
        expect((columns[1].textEdit as { newText: string }).newText).toBe('"bmd_pct"');
        const groups = await complete(data(file) + scenario('observe bmd at lumbar_spine in placebo from Trial where "pl<|>'));
        expect(groups.map(i => `${i.label} ${i.detail}`)).toEqual(['placebo 3 rows', 'dmab 2 rows']);
        const parameters = await complete(data(file) + scenario('observe bmd at lumbar_spine in placebo from Trial where "placebo"', '    fit F {\n        estimate <|>\n    }\n'));
        expect(parameters.map(i => i.label)).toContain('rankl_per_tnf');
    });
});
