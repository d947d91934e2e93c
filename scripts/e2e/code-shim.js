#!/usr/bin/env node
// A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) when no Electron build can be
// downloaded. test-electron spawns it with Electron-style arguments (--extensionDevelopmentPath=…,
// --extensionTestsPath=…, --user-data-dir=…, --extensions-dir=…, FOLDER, plus flags that do not apply here) and uses its
// exit code. We start code-server, open its workbench in headless Chromium with the dev/test paths in the URL payload,
// relay the extension host's console and exit with the suite's exit code.
// Env: OSTEO_E2E_RUNTIME_DIR (default .e2e-runtime), OSTEO_E2E_TIMEOUT_MS (default 600000), CHROMIUM,
//      OSTEO_E2E_KEEP_TMP=1 to keep the temp folder (it is kept anyway when the suite fails).
// A test can ask for a screenshot of the live workbench by logging `__osteo_e2e_screenshot__ /abs/file.png`.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const { ensureRuntime } = require('./install-runtime.js');
const { writeUserSettings, startCodeServer, launchChromium, makeTempDir } = require('./workbench.js');

const SCREENSHOT_REQUEST = /__osteo_e2e_screenshot__ (\S+\.png)/;
// Harmless offline noise from the workbench (gallery lookups, missing optional files, AI/chat features).
const NOISE = /ENOTFOUND|open-vsx\.org|vsda|\[(AgentHost|ChatModelSelection|AccountPolicyGate)\]|authentication provider 'github'/;

function parseArgs(argv) {
    const args = { developmentPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.indexOf('=');
        const key = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
        const value = () => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : argv[++i]);
        if (key === '--extensionDevelopmentPath') args.developmentPaths.push(path.resolve(value()));
        else if (key === '--extensionTestsPath') args.testsPath = path.resolve(value());
        else if (key === '--user-data-dir') args.userDataDir = path.resolve(value());
        else if (key === '--extensions-dir') args.extensionsDir = path.resolve(value());
        else if (!arg.startsWith('-') && !args.folder) args.folder = path.resolve(arg);
        // Electron-only flags (--no-sandbox, --disable-updates, --skip-welcome, …) do not apply to a browser workbench.
    }
    return args;
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    if (!args.testsPath || !args.developmentPaths.length) {
        console.error('code-shim: needs --extensionDevelopmentPath and --extensionTestsPath');
        return 2;
    }
    const runtime = ensureRuntime();
    const tmp = makeTempDir('osteo-e2e-');
    const userDataDir = args.userDataDir || path.join(tmp, 'user-data');
    writeUserSettings(userDataDir);
    const server = await startCodeServer({ runtime, tmp, userDataDir, extensionsDir: args.extensionsDir || path.join(tmp, 'extensions') });
    let browser;
    const cleanUp = async () => {
        await browser?.close().catch(() => undefined);
        await server.stop();
    };
    process.once('SIGINT', () => cleanUp().finally(() => process.exit(130)));
    process.once('SIGTERM', () => cleanUp().finally(() => process.exit(143)));
    let code;
    try {
        browser = await launchChromium(runtime.chromium, tmp);
        const page = await (await browser.newContext({ viewport: { width: 1400, height: 850 } })).newPage();
        let finish;
        const finished = new Promise(resolve => (finish = resolve));
        // The workbench, started with the smoke-test driver, reports through these two globals.
        await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
            const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
            const shot = SCREENSHOT_REQUEST.exec(line);
            if (shot) {
                page.screenshot({ path: shot[1] }).catch(error => console.error(`code-shim: screenshot failed: ${error.message}`));
            } else if (!NOISE.test(line)) {
                (type === 'error' ? console.error : console.log)(line);
            }
        });
        await page.exposeFunction('codeAutomationExit', exitCode => finish(exitCode));
        page.on('pageerror', error => { if (!NOISE.test(error.message)) console.error(`code-shim: workbench error: ${error.message}`); });
        const folder = args.folder || fs.mkdtempSync(path.join(tmp, 'workspace-'));
        await page.goto(server.workbenchUrl(folder, { developmentPaths: args.developmentPaths, testsPath: args.testsPath }));
        const timeoutMs = Number(process.env.OSTEO_E2E_TIMEOUT_MS || 600000);
        let timer;
        code = await Promise.race([finished, new Promise(resolve => { timer = setTimeout(() => {
            console.error(`code-shim: the extension tests did not finish within ${timeoutMs} ms`);
            resolve(124);
        }, timeoutMs); })]);
        clearTimeout(timer);
    } finally {
        await cleanUp();
    }
    if (code === 0 && !process.env.OSTEO_E2E_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    else console.error(`code-shim: logs kept in ${tmp}`);
    return typeof code === 'number' ? code : 1;
}

main().then(code => process.exit(code), error => {
    console.error(`code-shim: ${error.message}`);
    process.exit(1);
});
