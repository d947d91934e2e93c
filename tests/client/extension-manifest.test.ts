import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LIBRARY_SCHEME as SERVER_SCHEME, LIBRARY_TEXT as SERVER_TEXT } from '../../language/src/builtins/library.js';
import { LIBRARY_SCHEME, LIBRARY_TEXT } from '../../client/src/library-scheme.js';
import { RESULTS_VIEW_TYPE } from '../../client/src/results/view-type.js';
import { isWebviewMessage } from '../../protocol/webview-messages.js';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
// The commands are registered in activate.ts, shared by the desktop (extension.ts) and web (extension-browser.ts) entries.
const extensionSource = fs.readFileSync(path.join(ROOT, 'client/src/activate.ts'), 'utf8');
const registered = [...extensionSource.matchAll(/registerCommand\('([^']+)'/g)].map(m => m[1]);

describe('package.json contributions', () => {
    test('every contributed command is registered by the extension, and has an Osteo title and a codicon', () => {
        for (const command of contributes.commands) {
            expect(registered, command.command).toContain(command.command);
            expect(command.category).toBe('Osteo');
            expect(command.icon).toMatch(/^\$\([a-z-]+\)$/);
        }
        expect(contributes.commands.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining([
            'Run Scenario', 'Run All Scenarios in File', 'Export Results…', 'Open Results as HTML Report', 'Restart Language Server'
        ]));
    });

    test('a restored results panel is revived: the activation event names the panel\'s view type', () => {
        expect(pkg.activationEvents).toContain(`onWebviewPanel:${RESULTS_VIEW_TYPE}`);
        expect(pkg.activationEvents).toContain('onLanguage:osteo');
    });

    test('the run button and keybinding only appear in Osteo editors; palette entries are scoped too', () => {
        expect(contributes.menus['editor/title']).toContainEqual({ command: 'osteo.runScenario', when: 'editorLangId == osteo', group: 'navigation@1' });
        for (const binding of contributes.keybindings) expect(binding.when).toContain('editorLangId == osteo');
        for (const entry of contributes.menus.commandPalette) expect(entry.when, entry.command).toBeTruthy();
    });

    test('the language, its configuration and its grammar point at files that exist', () => {
        const [language] = contributes.languages;
        expect(language).toMatchObject({ id: 'osteo', extensions: ['.osteo'] });
        const config = JSON.parse(fs.readFileSync(path.join(ROOT, language.configuration), 'utf8'));
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.folding.markers.start).toBeTruthy();
        const [grammar] = contributes.grammars;
        expect(grammar.scopeName).toBe('source.osteo');
        expect(fs.existsSync(path.join(ROOT, grammar.path))).toBe(true);
    });

    test('settings: run on save and server tracing', () => {
        const props = contributes.configuration.properties;
        expect(props['osteo.runOnSave']).toMatchObject({ type: 'boolean', default: false });
        expect(props['osteo.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
    });
});

describe('the standard library as the client serves it', () => {
    test('uses the server\'s scheme and the very same text', () => {
        expect(LIBRARY_SCHEME).toBe(SERVER_SCHEME);
        expect(LIBRARY_TEXT).toBe(SERVER_TEXT);
    });
});

describe('messages from the webview', () => {
    test('are checked before the host acts on them', () => {
        expect(isWebviewMessage({ type: 'ready' })).toBe(true);
        expect(isWebviewMessage({ type: 'rendered', charts: 3, summaryRows: 6 })).toBe(true);
        expect(isWebviewMessage({ type: 'rendered', charts: '3' })).toBe(false);
        expect(isWebviewMessage({ type: 'exportImage', format: 'exe', chartId: 'a', fileName: 'a', data: '' })).toBe(false);
        expect(isWebviewMessage({ type: 'exportData', format: 'csv' })).toBe(true);
        expect(isWebviewMessage({ type: 'runShell' })).toBe(false);
        expect(isWebviewMessage(null)).toBe(false);
    });
});
