import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, positionOf, waitFor } from './helpers.js';

describe('activation', () => {
    it('opening an .osteo file activates the extension and the language server answers with diagnostics', async () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `extension ${EXTENSION_ID} is not loaded in the development host`);
        // `npm run test:e2e -- --installed`: the extension under test must be the .vsix installed in the throw-away
        // extensions folder, not the working tree, so that a file missing from the package fails here.
        const installedIn = process.env.OSTEO_E2E_INSTALLED_IN;
        if (installedIn) {
            assert.ok(extension.extensionPath.startsWith(installedIn),
                `expected the extension installed from the .vsix under ${installedIn}, got ${extension.extensionPath}`);
        }

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
