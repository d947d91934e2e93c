import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import type { Model } from '../../language/src/generated/ast.js';

/** Services with the standard library loaded, shared by the language tests. */
export async function createTestServices() {
    const services = createOsteoServices(EmptyFileSystem);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const parse = parseHelper<Model>(services.Osteo);
    return { ...services, parse };
}

export function errorsOf(document: LangiumDocument): string[] {
    return (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message);
}
