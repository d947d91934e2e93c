import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The grammar's regular expressions are Oniguruma; the ones used here are also valid JavaScript,
 * which lets the test run them on real Osteo lines.
 */
const grammar = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../syntaxes/osteo.tmLanguage.json'), 'utf8'));
const quantity = new RegExp(grammar.repository.quantities.patterns[1].match, 'g');
const fold = new RegExp(grammar.repository.quantities.patterns[0].match, 'g');

function quantities(line: string): [string, string | undefined][] {
    return [...line.matchAll(quantity)].map(m => [m[1], m[2]]);
}

describe('the TextMate grammar', () => {
    test('every match pattern compiles', () => {
        const walk = (node: unknown): void => {
            if (Array.isArray(node)) node.forEach(walk);
            else if (node && typeof node === 'object') {
                for (const [key, value] of Object.entries(node)) {
                    if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') expect(() => new RegExp(value), value).not.toThrow();
                    else walk(value);
                }
            }
        };
        walk(grammar);
    });

    test('numbers carry their units', () => {
        expect(quantities('dose 40 mg every 2 weeks')).toEqual([['40', 'mg'], ['2', 'weeks']]);
        expect(quantities('infuse OPG at 2e5 pM/day from 20 days')).toEqual([['2e5', 'pM/day'], ['20', 'days']]);
        expect(quantities('bioavailability 64 % ic50 1.5 mg/L')).toEqual([['64', '%'], ['1.5', 'mg/L']]);
        expect(quantities('TNF_alpha 4x  weight 70 kg')).toEqual([['4', 'x'], ['70', 'kg']]);
        expect(quantities('set rankl_per_tnf = 25')).toEqual([['25', undefined]]);
    });

    test('a number inside a name is not a number; a unit must end where the word ends', () => {
        expect(quantities('drug anti_IL6 { }')).toEqual([]);
        expect(quantities('severity 2 high')).toEqual([['2', undefined]]);
    });

    test('fold changes written before the number', () => {
        expect([...'drives TNF_alpha x 1.5, IL_6 x 2'.matchAll(fold)].map(m => m[2])).toEqual(['1.5', '2']);
    });

    test('doc comments have their own scope, so themes can show them as documentation', () => {
        const doc = grammar.repository.comments.patterns[0];
        expect(doc.name).toBe('comment.block.documentation.osteo');
        expect(new RegExp(doc.begin).test('/** Fully human anti-TNF. */')).toBe(true);
        expect(new RegExp(doc.begin).test('/**/')).toBe(false);
    });

    test('every word keyword of the Langium grammar is highlighted', () => {
        const langium = fs.readFileSync(path.resolve(__dirname, '../../language/src/osteo.langium'), 'utf8')
            .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        const keywords = [...new Set([...langium.matchAll(/'([A-Za-z_]+)'/g)].map(m => m[1]))].filter(k => k !== 'x');
        const patterns: RegExp[] = [];
        const walk = (node: unknown): void => {
            if (Array.isArray(node)) node.forEach(walk);
            else if (node && typeof node === 'object') {
                for (const [key, value] of Object.entries(node)) {
                    if (key === 'match' && typeof value === 'string') patterns.push(new RegExp(value));
                    else walk(value);
                }
            }
        };
        walk(grammar.repository);
        const unhighlighted = keywords.filter(k => !patterns.some(p => p.exec(`${k} `)?.[0].trim() === k || p.exec(`${k} name`)?.[1] === k));
        expect(unhighlighted).toEqual([]);
    });

    test('a soft keyword used as a name is coloured as a name', () => {
        const declarations = grammar.repository.declarations.patterns.map((p: { match: string }) => new RegExp(p.match));
        const nameAfter = (line: string) => declarations.map((p: RegExp) => p.exec(line)?.[2]).find(Boolean);
        expect(nameAfter('arm start {')).toBe('start');
        expect(nameAfter('give dose from 2 weeks')).toBe('dose');
        expect(nameAfter('vary interval of dose in start values 1 week')).toBe('dose');
        expect(nameAfter('regimen values {')).toBe('values');
    });
});
