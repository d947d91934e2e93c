import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, positionOf, waitFor } from './helpers.js';

describe('activation', () => {
    it('opening an .osteo file activates the extension and the language server answers with diagnostics', async () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `extension ${EXTENSION_ID} is not loaded in the development host`);

        const editor = await openFixture('typo.osteo');
        assert.equal(editor.document.languageId, 'osteo', '.osteo files are not associated with the Osteo language');
        await waitFor('the extension to activate', () => extension.isActive);

        // Only a running server can produce this: the misspelt drug is reported on its own line.
        const typoLine = positionOf(editor.document, 'adalimumabb').line;
        const diagnostics = await waitFor('diagnostics from the language server', () => {
            const found = vscode.languages.getDiagnostics(editor.document.uri);
            return found.some(d => d.range.start.line === typoLine) && found;
        });
        assert.ok(diagnostics.every(d => d.source === undefined || /osteo/i.test(d.source)),
            `diagnostics come from another source: ${diagnostics.map(d => d.source).join(', ')}`);
    });
});
