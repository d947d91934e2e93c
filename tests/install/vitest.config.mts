// The install suite (`npm run release:check`, also run by .ci/run): tests the artefacts a user installs — the
// .vsix, the npm package of the `osteo` command — and other editors as clients of the language server. It is
// kept out of `npm test` because it builds production bundles into out/, which the parallel unit tests read.
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['tests/install/**/*.test.ts'],
        testTimeout: 120000,
        hookTimeout: 300000,
        fileParallelism: false,   // each file installs into temporary prefixes and starts processes: one at a time
        globalSetup: ['tests/install/global-setup.ts']
    }
});
