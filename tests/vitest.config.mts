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
        exclude: ['tests/e2e/**', 'node_modules/**'],
        testTimeout: 30000,
        globalSetup: ['tests/global-setup.ts']
    }
});
