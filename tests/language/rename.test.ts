import { clearDocuments } from 'langium/test';
import { URI, type LangiumDocument } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { LIBRARY_URI } from '../../language/src/builtins/library.js';
import { createTestServices } from './test-services.js';

const { Osteo, shared, parse } = await createTestServices();
const renamer = Osteo.lsp.RenameProvider!;
let opened: LangiumDocument[] = [];

afterEach(async () => {
    await clearDocuments(shared, opened);
    opened = [];
});

async function open(uri: string, text: string): Promise<LangiumDocument> {
    const document = await parse(text, { documentUri: uri });
    opened.push(document);
    return document;
}

function at(document: LangiumDocument, needle: string, delta = 1) {
    return { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(document.textDocument.getText().indexOf(needle) + delta) };
}

describe('rename', () => {
    test('renames a user drug in its file and in the files that import it', async () => {
        const drugs = await open('file:///ws/drugs.osteo', 'drug mydrug { class anti_TNF mechanism neutralizes TNF_alpha half_life 14 days }');
        const regimens = await open('file:///ws/regimens.osteo', 'import "./drugs.osteo"\nregimen R { drug mydrug dose 40 mg every 2 weeks }\nscenario S { arm a { give mydrug 1 mg once } }');
        await shared.workspace.DocumentBuilder.build([drugs, regimens]);
        const edit = await renamer.rename(regimens, { ...at(regimens, 'mydrug dose'), newName: 'ourdrug' });
        expect(Object.keys(edit?.changes ?? {}).sort()).toEqual(['file:///ws/drugs.osteo', 'file:///ws/regimens.osteo']);
        expect(edit!.changes!['file:///ws/regimens.osteo'].map(e => e.newText)).toEqual(['ourdrug', 'ourdrug']);
        expect(edit!.changes!['file:///ws/drugs.osteo']).toHaveLength(1);
        const range = await renamer.prepareRename(drugs, at(drugs, 'mydrug'));
        expect(range && 'start' in range ? drugs.textDocument.getText(range) : range).toBe('mydrug');
    });

    test('refuses to rename a library name used in a user file, with a message saying why', async () => {
        const document = await open('file:///ws/s.osteo', 'scenario S { arm a { give adalimumab 40 mg every 2 weeks } }');
        const attempt = () => renamer.rename(document, { ...at(document, 'adalimumab'), newName: 'ada' });
        await expect(attempt()).rejects.toBeInstanceOf(ResponseError);
        await expect(attempt()).rejects.toThrow(/'adalimumab' is a drug of the read-only standard library and cannot be renamed/);
        expect(() => renamer.prepareRename(document, at(document, 'adalimumab'))).toThrow(/read-only standard library/);
    });

    test('refuses any rename inside the library document itself', async () => {
        const library = shared.workspace.LangiumDocuments.getDocument(LIBRARY_URI)!;
        await expect(renamer.rename(library, { ...at(library, 'TNF_alpha'), newName: 'TNF' })).rejects.toThrow(/standard library is read-only/);
    });

    test('refuses names that would not parse', async () => {
        const document = await open('file:///ws/t.osteo', 'drug mine { class NSAID }');
        await expect(renamer.rename(document, { ...at(document, 'mine'), newName: '2nd' })).rejects.toThrow(/not a valid name/);
        await expect(renamer.rename(document, { ...at(document, 'mine'), newName: 'scenario' })).rejects.toThrow(/keyword/);
    });

    test('the library URI is the built-in scheme', () => {
        expect(URI.parse(LIBRARY_URI.toString()).scheme).toBe('osteo-builtin');
    });
});
