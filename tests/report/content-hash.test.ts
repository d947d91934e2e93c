// The file hash shown in the results header and stored in the report: our browser-safe SHA-256 must be the real one,
// or a reader comparing it with `sha256sum scenario.osteo` would be told the wrong version produced the report.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../report/content-hash.js';

const reference = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('contentHash', () => {
    it('is SHA-256 of the empty text and of "abc" (FIPS 180-4 examples)', () => {
        expect(contentHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
        expect(contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    });

    it('equals node:crypto around the 55/56/64-byte padding boundaries', () => {
        for (const length of [54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
            const text = 'x'.repeat(length);
            expect(contentHash(text), `length ${length}`).toBe(reference(text));
        }
    });

    it('hashes the UTF-8 bytes of µg, em dashes and CRLF line ends like node:crypto', () => {
        const text = 'scenario S {\r\n  give 20 µg teriparatide daily — from 0 days\r\n}\n';
        expect(contentHash(text)).toBe(reference(text));
    });
});
