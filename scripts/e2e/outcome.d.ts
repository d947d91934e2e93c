// Types of scripts/e2e/outcome.js for its unit test.
export declare const RESULT_ENV: string;
export declare function suiteVerdict(text: string | undefined): { ok: boolean; message: string };
export declare function skipVerdict(reason: string, env: Record<string, string | undefined>): { code: number; message: string };
