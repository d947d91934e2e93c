import { URI, type LangiumDocument } from 'langium';
import { clearDocuments, validationHelper, type ValidationResult } from 'langium/test';
import { afterEach } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../../language/src/generated/ast.js';
import { createTestServices } from './test-services.js';

/**
 * Validation with the standard library loaded; every document a test opens is removed after it, so
 * names declared by one test never count as duplicates in the next.
 */
export async function validationSetup() {
    const services = await createTestServices();
    const validateText = validationHelper<Model>(services.Osteo);
    let opened: LangiumDocument[] = [];
    const closeAll = async () => {
        await clearDocuments(services.shared, opened);
        opened = [];
    };
    afterEach(closeAll);

    /** Validates one file on its own: the documents of earlier calls are closed first. */
    async function validate(text: string, documentUri?: string): Promise<ValidationResult<Model>> {
        await closeAll();
        const result = await validateText(text, documentUri ? { documentUri } : undefined);
        opened.push(result.document);
        return result;
    }

    /**
     * Several files built together, as a workspace: `{ 'main.osteo': '...' }` under file:///ws/, or under
     * `root` (a real folder, so that the data files the texts name are read from disk).
     */
    async function workspace(files: Record<string, string>, root = 'file:///ws/'): Promise<Record<string, LangiumDocument>> {
        await closeAll();
        const documents: Record<string, LangiumDocument> = {};
        for (const [name, text] of Object.entries(files)) {
            const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`${root}${name}`));
            services.shared.workspace.LangiumDocuments.addDocument(document);
            documents[name] = document;
        }
        opened.push(...Object.values(documents));
        await services.shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
        return documents;
    }

    return { ...services, validate, workspace };
}

/** A scenario around the given members, three years long unless the members set the duration. */
export function scenario(members: string, name = 'S'): string {
    return `scenario ${name} {\n${/\bduration\b/.test(members) ? '' : '    duration 3 years\n'}${members}\n}`;
}

export function codesOf(diagnostics: readonly Diagnostic[] | undefined): string[] {
    return (diagnostics ?? []).map(d => String(d.code ?? (d.data as { code?: string } | undefined)?.code ?? 'syntax'));
}

export function withCode(diagnostics: readonly Diagnostic[] | undefined, code: string): Diagnostic[] {
    return (diagnostics ?? []).filter(d => d.code === code);
}
