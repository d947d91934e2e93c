// The web extension in a web worker extension host (`npm run test:web`, @vscode/test-web): the checks a user of
// vscode.dev/github.dev depends on. Runs inside the host (no Node, no mocha): each check polls for what a user
// would see, and the run ends with the plain "web: N passed, M failed" line.
import * as vscode from 'vscode';

const EXTENSION_ID = 'osteo-scenarios.osteo-scenarios';
const WAIT_MS = 60000;

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 250));
    }
}

function fixture(name: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder: the test host must mount tests/e2e/fixtures/workspace');
    return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture(name)), { preview: false });
}

function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
    const index = document.getText().indexOf(text);
    if (index < 0) throw new Error(`"${text}" not in ${document.uri.path}`);
    return document.positionAt(index + offset);
}

function expect(condition: unknown, message: string): asserts condition {
    if (!condition) throw new Error(message);
}

const checks: [string, () => Promise<void>][] = [
    ['runs as a web extension (no Node) and activates on an .osteo file', async () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        expect(extension, `${EXTENSION_ID} is not loaded`);
        const nodeHost = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
        expect(!nodeHost, 'the test runs in a Node extension host, not a web worker one');
        await open('typo.osteo');
        await waitFor('activation', () => extension.isActive);
    }],
    ['a misspelt drug gets its diagnostic from the web language server', async () => {
        const editor = await open('typo.osteo');
        const line = positionOf(editor.document, 'adalimumabb').line;
        const found = await waitFor('the unresolved-drug diagnostic', () =>
            vscode.languages.getDiagnostics(editor.document.uri).find(d => d.range.start.line === line && d.message.includes("'adalimumabb'")));
        expect(found.severity === vscode.DiagnosticSeverity.Error, `expected an error, got severity ${found.severity}`);
        expect(found.message.includes("Did you mean 'adalimumab'"), `no suggestion in: ${found.message}`);
    }],
    ['completion after `give` offers drugs and a regimen from an imported file (workspace read through the client)', async () => {
        const editor = await open('completion.osteo');
        const at = positionOf(editor.document, 'give  }', 5);
        const labels = await waitFor('completion with the imported regimen', async () => {
            const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
            const names = list.items.map(i => typeof i.label === 'string' ? i.label : i.label.label);
            return names.includes('AntiTNF') && names;
        });
        expect(labels.includes('adalimumab'), `no adalimumab among ${labels.slice(0, 20).join(', ')}`);
        // The import resolves: no "cannot find the imported file" error (the unused-import hint is fine: it is only
        // given when the imported file was read).
        const importErrors = vscode.languages.getDiagnostics(editor.document.uri)
            .filter(d => d.severity === vscode.DiagnosticSeverity.Error && /import/i.test(d.message));
        expect(importErrors.length === 0, `import diagnostics: ${importErrors.map(d => d.message).join('; ')}`);
    }],
    ['hover on a duration shows it in days', async () => {
        const editor = await open('ra-timing.osteo');
        const at = positionOf(editor.document, 'years', 1);
        const text = await waitFor('a hover', async () => {
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
            const all = hovers.flatMap(h => h.contents.map(c => typeof c === 'string' ? c : c.value)).join('\n');
            return all.includes('days') && all;
        });
        expect(/\d+(\.\d+)? days/.test(text), `hover without days: ${text}`);
    }],
    ['formatting re-indents a file', async () => {
        const editor = await open('unformatted.osteo');
        const edits = await waitFor('formatting edits', async () => {
            const found = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', editor.document.uri, { tabSize: 4, insertSpaces: true });
            return found && found.length > 0 && found;
        });
        expect(edits.length > 0, 'no formatting edits');
    }],
    ['Run Scenario simulates in the worker and opens the results view', async () => {
        const editor = await open('ra-timing.osteo');
        // As the code lens does: the document and the scenario's name.
        const outcome = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('osteo.runScenario', editor.document.uri.toString(), 'RaTiming');
        expect(outcome?.ok, `the run failed: ${outcome?.reason}`);
        await waitFor('the results view', () => vscode.window.tabGroups.all.flatMap(g => g.tabs)
            .find(t => t.input instanceof vscode.TabInputWebview && /osteo/i.test(t.input.viewType)), 120000);
    }]
];

export async function run(): Promise<void> {
    let passed = 0;
    const failures: string[] = [];
    for (const [name, check] of checks) {
        const started = Date.now();
        try {
            await check();
            passed++;
            console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
        } catch (error) {
            failures.push(name);
            console.log(`  ✗ ${name}: ${(error as Error)?.message ?? error}`);
        }
    }
    console.log(`web: ${passed} passed, ${failures.length} failed`);
    if (failures.length > 0) throw new Error(`${failures.length} web test(s) failed: ${failures.join('; ')}`);
}
