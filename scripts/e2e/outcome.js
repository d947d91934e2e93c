// What the end-to-end run may conclude, as plain functions (unit-tested in tests/scripts/e2e-outcome.test.ts):
// a run passes only when tests ran and none failed, and a skip passes only when OSTEO_E2E_ALLOW_SKIP=1 says so.
'use strict';

/** The file the suite (tests/e2e/index.ts) writes its counts to: { passes, failures, pending }. */
const RESULT_ENV = 'OSTEO_E2E_RESULT';

/**
 * Verdict on the suite from the text of its result file (undefined when the file was never written).
 * @returns {{ ok: boolean, message: string }}
 */
function suiteVerdict(text) {
    if (text === undefined) return { ok: false, message: 'the suite wrote no result: the extension host did not run tests/e2e/index.js to its end' };
    let result;
    try { result = JSON.parse(text); } catch { return { ok: false, message: `the suite's result is not JSON: ${JSON.stringify(String(text).slice(0, 80))}` }; }
    const count = key => (Number.isInteger(result?.[key]) && result[key] >= 0 ? result[key] : NaN);
    const passes = count('passes'), failures = count('failures'), pending = count('pending');
    if ([passes, failures, pending].some(Number.isNaN)) return { ok: false, message: `the suite's result has no counts: ${String(text).slice(0, 80)}` };
    if (failures > 0) return { ok: false, message: `${failures} test(s) failed, ${passes} passed` };
    if (passes === 0) return { ok: false, message: `no test ran${pending ? ` (${pending} skipped)` : ''}: a --grep that matches nothing, or an empty suite, is not a pass` };
    return { ok: true, message: `${passes} passed${pending ? `, ${pending} skipped` : ''}` };
}

/**
 * Exit code when a prerequisite (the VS Code runtime) is missing: a skip is a failure unless the
 * caller accepted it explicitly with OSTEO_E2E_ALLOW_SKIP=1.
 * @returns {{ code: number, message: string }}
 */
function skipVerdict(reason, env) {
    if (env.OSTEO_E2E_ALLOW_SKIP === '1') return { code: 0, message: `SKIPPED (allowed by OSTEO_E2E_ALLOW_SKIP=1): ${reason}` };
    return { code: 1, message: `NOT RUN: ${reason}. The end-to-end suite did not run, so it did not pass; set OSTEO_E2E_ALLOW_SKIP=1 to accept a skip.` };
}

module.exports = { RESULT_ENV, suiteVerdict, skipVerdict };
