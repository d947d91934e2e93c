// Bundles the extension, the language server, the CLI and the results view (CommonJS for Node, IIFE for the webview),
// and the web extension (out/web/) for browser hosts.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    loader: { '.osteo': 'text' },
    logLevel: 'warning'
};

const fs = require('fs');

const web = { bundle: true, platform: 'browser', target: 'es2022', sourcemap: !production, minify: production, loader: { '.osteo': 'text' }, logLevel: 'warning' };

const all = [
    { ...node, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'out', external: ['vscode'] },
    { ...node, entryPoints: { server: 'server/src/main.ts', cli: 'cli/main.ts' }, outdir: 'out' },
    // The web extension (package.json `browser`, for vscode.dev/github.dev): the client for the web worker extension
    // host and the language server for a web worker. platform=browser makes esbuild take each package's browser build.
    { ...web, format: 'cjs', entryPoints: { extension: 'client/src/extension-browser.ts' }, outdir: 'out/web', external: ['vscode'] },
    { ...web, format: 'iife', entryPoints: { server: 'server/src/browser-main.ts' }, outdir: 'out/web' },
    // The engine alone (simulator/ through simulator/index.ts): no Langium, no VS Code.
    { ...node, entryPoints: { 'simulation-worker': 'runtime/simulation-worker.ts' }, outdir: 'out' },
    {
        bundle: true, platform: 'browser', format: 'iife', target: 'es2020', sourcemap: !production, minify: production,
        entryPoints: { results: 'client/webview/main.ts' }, outdir: 'out/webview', loader: { '.css': 'css' }, logLevel: 'warning'
    }
];

async function main() {
    const contexts = await Promise.all(all.map(options => esbuild.context(options)));
    if (watch) {
        await Promise.all(contexts.map(ctx => ctx.watch()));
        return;
    }
    await Promise.all(contexts.map(ctx => ctx.rebuild()));
    await Promise.all(contexts.map(ctx => ctx.dispose()));
    fs.chmodSync('out/cli.js', 0o755);
}

main().catch(error => {
    console.error(error.message ?? error);
    process.exit(1);
});
