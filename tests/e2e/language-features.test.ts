import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openFixture, positionOf, waitFor, workspaceFile } from './helpers.js';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** Brace depth at the start of each line, for checking the canonical layout (fixtures have no braces in comments). */
function expectedIndents(text: string): number[] {
    let depth = 0;
    return text.split('\n').map(line => {
        const trimmed = line.trim();
        const indent = 4 * Math.max(0, trimmed.startsWith('}') ? depth - 1 : depth);
        for (const ch of trimmed) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        return indent;
    });
}

describe('language features', () => {
    before(async () => {
        // Let the server load the workspace before asking it anything that crosses files.
        await openFixture('ra-timing.osteo');
        const typo = workspaceFile('typo.osteo');
        await vscode.workspace.openTextDocument(typo);
        await waitFor('the language server to report on the workspace', () => vscode.languages.getDiagnostics(typo).length > 0);
    });

    afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

    it('completion after `give ` lists drugs and imported regimens, not other kinds', async () => {
        const editor = await openFixture('completion.osteo');
        const position = positionOf(editor.document, 'arm probe { give ', 'arm probe { give '.length);
        const list = await waitFor('completion items', async () => {
            const result = await vscode.commands.executeCommand<vscode.CompletionList>(
                'vscode.executeCompletionItemProvider', editor.document.uri, position);
            return result.items.length > 0 && result;
        });
        const labels = new Set(list.items.map(labelOf));
        for (const expected of ['adalimumab', 'denosumab', 'zoledronate', 'AntiTNF']) {
            assert.ok(labels.has(expected), `"${expected}" missing after "give "; got ${[...labels].slice(0, 40).join(', ')}`);
        }
        for (const wrongKind of ['TNF_alpha', 'osteoclasts', 'rheumatoid_arthritis', 'lumbar_spine', 'RaTiming']) {
            assert.ok(!labels.has(wrongKind), `"${wrongKind}" cannot be given, yet it is offered after "give "`);
        }
    });

    it('hover on TNF_alpha shows its documentation from the standard library', async () => {
        const editor = await openFixture('ra-timing.osteo');
        const position = positionOf(editor.document, 'TNF_alpha x 4', 3);
        const text = await waitFor('a hover on TNF_alpha', async () => {
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
            return hovers.length > 0 && hoverText(hovers);
        });
        assert.match(text, /Tumour necrosis factor alpha/, `hover shows: ${text}`);
        assert.match(text, /TNF/);
    });

    it('go to definition on a built-in drug opens the read-only standard library at its declaration', async () => {
        const editor = await openFixture('ra-timing.osteo');
        const position = positionOf(editor.document, 'drug adalimumab', 'drug '.length + 2);
        const targets = await waitFor('a definition for adalimumab', async () => {
            const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
                'vscode.executeDefinitionProvider', editor.document.uri, position);
            return found.length > 0 && found;
        });
        assert.equal(targets.length, 1, 'one definition expected');
        const target = targets[0];
        const uri = 'targetUri' in target ? target.targetUri : target.uri;
        const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
        assert.equal(uri.scheme, 'osteo-builtin');

        const library = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
        const declarationLine = library.document.lineAt(range.start.line).text;
        assert.match(declarationLine, /^\s*drug adalimumab\b/, `definition points at: ${declarationLine}`);
        assert.match(library.document.getText(), /cytokine TNF_alpha/);

        // Read-only as a user experiences it: typing into the editor changes nothing. Control first: the same
        // typing does change a writable editor, so an unchanged library cannot come from typing going nowhere.
        const scratch = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'osteo', content: '' }));
        await vscode.commands.executeCommand('type', { text: 'x' });
        assert.equal(scratch.document.getText(), 'x', 'typing did not reach a writable editor');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await vscode.window.showTextDocument(library.document, { preview: false });
        const before = library.document.getText();
        library.selection = new vscode.Selection(range.start, range.start);
        await vscode.commands.executeCommand('type', { text: 'x' });
        assert.equal(library.document.getText(), before, 'the standard library accepted typing');
        assert.equal(library.document.isDirty, false);
        assert.notEqual(vscode.workspace.fs.isWritableFileSystem('osteo-builtin'), true, 'the osteo-builtin scheme is writable');
    });

    it('format document produces the canonical layout: 4-space indent by nesting, tokens unchanged, idempotent', async () => {
        const editor = await openFixture('unformatted.osteo');
        const document = editor.document;
        const original = document.getText();
        const options = { tabSize: 4, insertSpaces: true };
        const edits = await waitFor('formatting edits', async () => {
            const found = await vscode.commands.executeCommand<vscode.TextEdit[]>(
                'vscode.executeFormatDocumentProvider', document.uri, options);
            return found && found.length > 0 && found;
        });
        const edit = new vscode.WorkspaceEdit();
        edit.set(document.uri, edits);
        assert.equal(await vscode.workspace.applyEdit(edit), true);

        const formatted = document.getText();
        const lines = formatted.split('\n');
        const indents = expectedIndents(formatted);
        lines.forEach((line, i) => {
            if (!line.trim()) return;
            assert.doesNotMatch(line, /\t/, `line ${i + 1} has a tab: "${line}"`);
            assert.doesNotMatch(line, /\s$/, `line ${i + 1} has trailing whitespace: "${line}"`);
            assert.equal(line.length - line.trimStart().length, indents[i], `line ${i + 1} is not indented 4 spaces per level: "${line}"`);
        });
        assert.match(formatted, /^    duration 2 years$/m, 'one space between tokens');
        assert.match(formatted, /^    report bmd at lumbar_spine, total_hip$/m, 'one space after a comma');
        assert.equal(formatted.replace(/\s+/g, ''), original.replace(/\s+/g, ''), 'formatting changed more than whitespace');

        const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options);
        const changing = (again ?? []).filter(e => document.getText(e.range) !== e.newText);
        assert.equal(changing.length, 0, 'formatting a formatted document changes it again');
    });

    it('a "Run scenario" code lens sits above each scenario and runs osteo.runScenario', async () => {
        const editor = await openFixture('ra-timing.osteo');
        const lenses = await waitFor('code lenses', async () => {
            const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
            return found.length > 0 && found;
        });
        const scenarioLine = positionOf(editor.document, 'scenario RaTiming').line;
        const run = lenses.filter(lens => lens.command?.command === 'osteo.runScenario');
        assert.equal(run.length, 1, `one run lens expected for the one scenario; got ${lenses.map(l => l.command?.command).join(', ')}`);
        assert.equal(run[0].range.start.line, scenarioLine, 'the lens is not on the scenario line');
        assert.match(run[0].command!.title, /run/i);
        assert.ok(JSON.stringify(run[0].command!.arguments ?? []).includes('RaTiming'), 'the lens does not say which scenario it runs');
    });
});
