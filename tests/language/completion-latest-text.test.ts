import { DocumentState, EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { CancellationToken, type CompletionItem } from 'vscode-languageserver';
import { LatestTextDocuments } from '../../language/src/lsp/osteo-completion-handler.js';
import { createOsteoServices } from '../../language/src/osteo-module.js';

/**
 * Completion while the document is not built (language/src/lsp/osteo-completion-handler.ts): it answers from the
 * latest text, and its lists are those of the same text fully built.
 */
const BASE = `regimen AntiTNF {
    drug adalimumab
    dose 40 mg every 2 weeks
}

scenario S "Typing" {
    duration 2 years
    condition rheumatoid_arthritis { severity high }
    arm untreated { }
}
`;
const TYPED = '    arm early { give ';
const EDITED = BASE.replace('    arm untreated { }\n', `    arm untreated { }\n${TYPED}\n`);

async function services() {
    const s = createOsteoServices(EmptyFileSystem);
    await s.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    return s;
}

const labels = (items: CompletionItem[] | undefined) => (items ?? []).map(i => `${i.kind} ${i.label}`).sort();

describe('completion from the latest text', () => {
    test('an edit not yet built: completion reads the edited text, with the lists of the built text', async () => {
        const { shared, Osteo } = await services();
        const uri = URI.parse('file:///work/typing.osteo');
        let open = TextDocument.create(uri.toString(), 'osteo', 1, BASE);
        shared.workspace.TextDocuments!.set(open);
        await shared.workspace.DocumentBuilder.update([uri], []);
        const latest = new LatestTextDocuments(shared);
        const built = shared.workspace.LangiumDocuments.getDocument(uri)!;
        expect(await latest.completionDocument(uri, CancellationToken.None)).toBe(built);

        // The user types; the builder has not run yet (it is reset as the update handler resets it).
        open = TextDocument.update(open, [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: `${TYPED}\n` }], 2);
        shared.workspace.TextDocuments!.set(open);
        shared.workspace.DocumentBuilder.resetToState(built, DocumentState.Changed);
        const latestDocument = (await latest.completionDocument(uri, CancellationToken.None))!;
        expect(latestDocument).not.toBe(built);
        expect(latestDocument.textDocument.getText()).toBe(EDITED);
        const position = { line: 9, character: TYPED.length };
        const params = { textDocument: { uri: uri.toString() }, position };
        const fromLatest = await Osteo.lsp.CompletionProvider!.getCompletion(latestDocument, params);
        expect(labels(fromLatest?.items)).toContain(`3 AntiTNF`);

        // The same text, built in full by the builder.
        const fresh = createOsteoServices(EmptyFileSystem);
        await fresh.shared.workspace.WorkspaceManager.initializeWorkspace([]);
        fresh.shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'osteo', 2, EDITED));
        await fresh.shared.workspace.DocumentBuilder.update([uri], []);
        const freshDocument = fresh.shared.workspace.LangiumDocuments.getDocument(uri)!;
        expect(freshDocument.state).toBe(DocumentState.Validated);
        const fromBuilt = await fresh.Osteo.lsp.CompletionProvider!.getCompletion(freshDocument, params);
        expect(labels(fromLatest?.items)).toEqual(labels(fromBuilt?.items));

        // Asked again at the same version: the same parse, not a new one.
        expect(await latest.completionDocument(uri, CancellationToken.None)).toBe(latestDocument);
        // Once the builder has caught up, its document is used again and the private parse is dropped.
        await shared.workspace.DocumentBuilder.update([uri], []);
        expect(await latest.completionDocument(uri, CancellationToken.None)).toBe(built);
    });

    test('units after a number typed in a line the builder has not seen', async () => {
        const { shared, Osteo } = await services();
        const uri = URI.parse('file:///work/units.osteo');
        let open = TextDocument.create(uri.toString(), 'osteo', 1, BASE);
        shared.workspace.TextDocuments!.set(open);
        await shared.workspace.DocumentBuilder.update([uri], []);
        const latest = new LatestTextDocuments(shared);
        open = TextDocument.update(open, [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 11 } }, text: '1' }], 2);
        shared.workspace.TextDocuments!.set(open);
        shared.workspace.DocumentBuilder.resetToState(shared.workspace.LangiumDocuments.getDocument(uri)!, DocumentState.Changed);
        const document = (await latest.completionDocument(uri, CancellationToken.None))!;
        const list = await Osteo.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: uri.toString() }, position: { line: 2, character: 10 } });
        // `dose 40 mg` became `dose 1 mg` without a space yet after the number: units of a dose, singular after 1.
        expect((list?.items ?? []).map(i => i.label)).toContain('mg');
    });
});
