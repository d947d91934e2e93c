// Preloaded into @vscode/test-web (NODE_OPTIONS=--require): its playwright would launch a browser it downloads,
// which cannot be fetched here; launch Debian's Chromium instead (CHROMIUM, default /usr/bin/chromium).
'use strict';
const path = require('path');
const testWeb = path.dirname(require.resolve('@vscode/test-web/package.json', { paths: [__dirname] }));
const playwright = require(require.resolve('playwright', { paths: [testWeb] }));
const launch = playwright.chromium.launch.bind(playwright.chromium);
playwright.chromium.launch = (options = {}) => launch({
    ...options,
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [...(options.args || []), '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run']
});
