import * as path from 'node:path';

/** The repository root; out/ there is built once by tests/global-setup.ts. */
export const ROOT = path.resolve(__dirname, '../..');
