import { defineConfig } from 'vitest/config';

export default defineConfig({
    plugins: [{
        // The standard library is bundled as text by esbuild; do the same here.
        name: 'osteo-text',
        transform(code: string, id: string) {
            return id.endsWith('.osteo') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
        }
    }],
    test: {
        include: ['tests/**/*.test.ts'],
        exclude: ['tests/e2e/**', 'tests/install/**', 'node_modules/**'],
        // Time limits only catch hangs: speed is measured in `npm run bench`, and a loaded machine
        // (two cores shared with other work) must not turn a slow pass into a failure.
        testTimeout: 120_000,
        hookTimeout: 120_000,
        globalSetup: ['tests/global-setup.ts']
    }
});
