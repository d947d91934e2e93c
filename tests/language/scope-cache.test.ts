import { describe, expect, test } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import { errorsOf } from './test-services.js';

// Scopes and the name index are cached per build: an edit in one file must show in the diagnostics of another.

async function editorWorkspace() {
    const { shared } = createOsteoServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    let version = 0;
    return {
        async set(files: Record<string, string>) {
            const uris = Object.entries(files).map(([name, text]) => {
                const uri = URI.parse(`file:///ws/${name}`);
                shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'osteo', ++version, text));
                return uri;
            });
            await shared.workspace.DocumentBuilder.update(uris, []);
        },
        errors: (name: string) => errorsOf(shared.workspace.LangiumDocuments.getDocument(URI.parse(`file:///ws/${name}`))!)
    };
}

const MAIN = 'import "./lib.osteo"\nscenario S { duration 1 years arm a { give Shared } }\n';

describe('cached scopes follow edits in other files', () => {
    test('a reference to an imported regimen breaks and heals as the other file is edited', async () => {
        const ws = await editorWorkspace();
        await ws.set({ 'lib.osteo': 'regimen Shared { drug adalimumab dose 40 mg every 2 weeks }\n', 'main.osteo': MAIN });
        expect(ws.errors('main.osteo')).toEqual([]);
        await ws.set({ 'lib.osteo': 'regimen Shared2 { drug adalimumab dose 40 mg every 2 weeks }\n' });
        expect(ws.errors('main.osteo').join('\n')).toContain("'Shared'");
        await ws.set({ 'lib.osteo': 'regimen Shared { drug adalimumab dose 40 mg every 2 weeks }\n' });
        expect(ws.errors('main.osteo')).toEqual([]);
    });

    test('a duplicate name appears and disappears with the other declaration', async () => {
        const ws = await editorWorkspace();
        const other = 'regimen Twice { drug denosumab dose 60 mg every 6 months }\n';
        await ws.set({ 'a.osteo': other, 'b.osteo': 'import "./a.osteo"\nregimen Solo { drug denosumab dose 60 mg every 6 months }\n' });
        expect(ws.errors('b.osteo')).toEqual([]);
        await ws.set({ 'b.osteo': `import "./a.osteo"\n${other}` });
        expect(ws.errors('b.osteo').join('\n')).toContain("The regimen 'Twice' is already declared in a.osteo");
        // Only a.osteo changes: b.osteo imports it, so it is rebuilt and its error goes.
        await ws.set({ 'a.osteo': 'regimen Renamed { drug denosumab dose 60 mg every 6 months }\n' });
        expect(ws.errors('b.osteo')).toEqual([]);
    });

    test('an import added later makes its names visible', async () => {
        const ws = await editorWorkspace();
        await ws.set({ 'lib.osteo': 'regimen Shared { drug adalimumab dose 40 mg every 2 weeks }\n', 'main.osteo': 'scenario S { duration 1 years arm a { give Shared } }\n' });
        expect(ws.errors('main.osteo').join('\n')).toContain('import "./lib.osteo"');
        await ws.set({ 'main.osteo': MAIN });
        expect(ws.errors('main.osteo')).toEqual([]);
    });
});
