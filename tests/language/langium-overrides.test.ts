/**
 * Two services replace Langium internals for speed: OsteoDocumentValidator.validateAstNodes (with
 * OsteoValidationRegistry.wrapValidationException) and OsteoDocumentFactory.update (incremental re-parse).
 * They rely on what Langium 4.2.1 does there. These tests fail loudly when a Langium upgrade changes
 * that code, so whoever upgrades re-reads the overrides against the new version, and they check that the
 * overrides still give what Langium's own code gives.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefaultDocumentValidator, DefaultLangiumDocumentFactory, ValidationRegistry, type LangiumDocument, type ValidationChecks } from 'langium';
import type { OsteoAstType } from '../../language/src/generated/ast.js';
import { describe, expect, test } from 'vitest';
import { OsteoDocumentValidator } from '../../language/src/validation/osteo-document-validator.js';
import { createTestServices } from './test-services.js';

const ROOT = path.resolve(__dirname, '../..');
const fingerprint = (f: { toString(): string }) => createHash('sha256').update(f.toString()).digest('hex').slice(0, 16);

describe('the Langium code the overrides replace is the code they were written against', () => {
    test('Langium is 4.2.1', () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/langium/package.json'), 'utf8')) as { version: string };
        expect(pkg.version, 'Langium was upgraded: re-read the overrides named in this file against the new version').toBe('4.2.1');
    });

    test.each([
        ['DefaultDocumentValidator.validateAstNodes (OsteoDocumentValidator.validateAstNodes)', () => DefaultDocumentValidator.prototype['validateAstNodes'], 'ab2e5ed580264917'],
        ['ValidationRegistry.wrapValidationException (OsteoValidationRegistry.wrapValidationException)', () => ValidationRegistry.prototype['wrapValidationException'], '0e44ec8136d1d1c4'],
        ['DefaultLangiumDocumentFactory.update (OsteoDocumentFactory.update)', () => DefaultLangiumDocumentFactory.prototype.update, '8deb60b64932eaac']
    ])('%s is unchanged', (name, method, expected) => {
        expect(fingerprint(method()), `Langium's ${name} changed: compare the override with it, then update this fingerprint`).toBe(expected);
    });

    test('the protected members the overrides call still exist', () => {
        expect(typeof DefaultDocumentValidator.prototype['validateSingleNodeOptions']).toBe('function');
        expect(typeof ValidationRegistry.prototype.getChecks).toBe('function');
        expect(typeof ValidationRegistry.prototype['handleException']).toBe('function');
        expect(typeof DefaultLangiumDocumentFactory.prototype['parse']).toBe('function');
    });
});

describe('the overrides give what Langium gives', () => {
    /** Diagnostics of `document` validated with Langium's own node loop instead of the override. */
    async function withLangiumLoop(validator: OsteoDocumentValidator, document: LangiumDocument) {
        const own = validator as unknown as { validateAstNodes: unknown };
        own.validateAstNodes = DefaultDocumentValidator.prototype['validateAstNodes'];
        try {
            return await validator.validateDocument(document);
        } finally {
            delete own.validateAstNodes;
        }
    }
    const key = (d: { range: unknown; message: string; severity?: number }) => JSON.stringify([d.range, d.severity, d.message]);

    test('validateAstNodes: the same diagnostics as Langium\'s loop on every example and on broken input', async () => {
        const { parse, Osteo } = await createTestServices();
        const validator = Osteo.validation.DocumentValidator as OsteoDocumentValidator;
        const texts = fs.readdirSync(path.join(ROOT, 'examples')).filter(f => f.endsWith('.osteo'))
            .map(f => fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
        texts.push('scenario Broken { duration 3 yeers\n arm a { give nothing 5 mg every } }\ndrug d { class anti_TNF half_life -2 days }');
        let compared = 0;
        for (const text of texts) {
            const document = await parse(text);
            const ours = (await validator.validateDocument(document)).map(key).sort();
            const langiums = (await withLangiumLoop(validator, document)).map(key).sort();
            expect(ours).toEqual(langiums);
            compared += ours.length;
        }
        expect(compared).toBeGreaterThan(0);
    });

    test('the exception guard: a check that throws is logged, and the other checks\' diagnostics stay', async () => {
        const { parse, Osteo } = await createTestServices();
        const broken: ValidationChecks<OsteoAstType> = { Drug: [function brokenCheck() { throw new Error('boom'); }] };
        (Osteo.validation.ValidationRegistry as ValidationRegistry).register(broken);
        const logged: unknown[][] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => { logged.push(args); };
        try {
            const document = await parse('drug d { class anti_TNF half_life -2 days }', { validation: true });
            expect(document.diagnostics?.some(d => d.severity === 1 && /half/i.test(d.message))).toBe(true);
            expect(document.diagnostics?.some(d => /boom|error occurred/i.test(d.message))).toBe(false);
        } finally {
            console.error = original;
        }
        expect(logged.some(args => String(args[0]).includes("'brokenCheck' failed on Drug"))).toBe(true);
    });
});
