/**
 * The end-to-end runner's verdicts (scripts/e2e/outcome.js): it never passes without running — a skip
 * fails unless OSTEO_E2E_ALLOW_SKIP=1, a run in which no test executed fails, and so does a run whose
 * suite never reported.
 */
import { describe, expect, test } from 'vitest';
import { skipVerdict, suiteVerdict } from '../../scripts/e2e/outcome.js';

describe('e2e runner verdicts', () => {
    test('a missing runtime fails the run unless a skip is explicitly allowed', () => {
        expect(skipVerdict('no Chromium', {})).toEqual({ code: 1, message: expect.stringMatching(/^NOT RUN: no Chromium\. .*OSTEO_E2E_ALLOW_SKIP=1/) });
        expect(skipVerdict('no Chromium', { OSTEO_E2E_ALLOW_SKIP: 'true' }).code).toBe(1);
        expect(skipVerdict('no Chromium', { CI: 'false' }).code).toBe(1);
        expect(skipVerdict('no Chromium', { OSTEO_E2E_ALLOW_SKIP: '1' })).toEqual({ code: 0, message: 'SKIPPED (allowed by OSTEO_E2E_ALLOW_SKIP=1): no Chromium' });
    });

    test('a run passes only when tests ran and none failed', () => {
        expect(suiteVerdict('{"passes":12,"failures":0,"pending":0}')).toEqual({ ok: true, message: '12 passed' });
        expect(suiteVerdict('{"passes":3,"failures":0,"pending":2}')).toEqual({ ok: true, message: '3 passed, 2 skipped' });
        expect(suiteVerdict('{"passes":11,"failures":1,"pending":0}')).toEqual({ ok: false, message: '1 test(s) failed, 11 passed' });
    });

    test('a run in which no test executed fails (a --grep that matches nothing)', () => {
        expect(suiteVerdict('{"passes":0,"failures":0,"pending":0}')).toEqual({ ok: false, message: expect.stringMatching(/^no test ran: /) });
        expect(suiteVerdict('{"passes":0,"failures":0,"pending":4}').message).toMatch(/^no test ran \(4 skipped\)/);
    });

    test('a suite that never reported, or reported nonsense, fails', () => {
        expect(suiteVerdict(undefined)).toEqual({ ok: false, message: expect.stringMatching(/wrote no result/) });
        expect(suiteVerdict('').ok).toBe(false);
        expect(suiteVerdict('{"passes":"many"}')).toEqual({ ok: false, message: expect.stringMatching(/has no counts/) });
    });
});
