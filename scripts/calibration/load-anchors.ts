/**
 * Loads the anchor scenarios (tests/anchors/*.osteo) through the real path: Langium parse and
 * validation with the standard library, then the scenario compiler. Used by the calibration
 * script, the docs generator and the clinical anchor tests.
 */
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import { isModel } from '../../language/src/generated/ast.js';
import { loadDocuments } from '../../language/src/workspace/document-loader.js';
import { compileDocument } from '../../language/src/compiler/compile-document.js';
import type { CompiledScenario } from '../../language/src/compiler/index.js';

/** Compiled scenarios by name, with the file each came from. */
export type AnchorScenarios = ReadonlyMap<string, CompiledScenario & { readonly file: string }>;

export async function loadAnchorScenarios(dir: string): Promise<AnchorScenarios> {
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.osteo')).sort().map(f => path.resolve(dir, f));
    const { shared } = createOsteoServices({ ...NodeFileSystem });
    const loaded = await loadDocuments(shared, files.map(f => URI.file(f)));
    if (loaded.problems.length > 0) throw new Error(`${loaded.problems[0].file}: ${loaded.problems[0].message}`);
    const scenarios = new Map<string, CompiledScenario & { file: string }>();
    for (const document of loaded.roots) {
        const file = path.basename(document.uri.fsPath);
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        if (errors.length > 0) {
            const e = errors[0];
            throw new Error(`${file}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`);
        }
        const model = document.parseResult.value;
        if (!isModel(model)) throw new Error(`${file}: not an Osteo file`);
        for (const compiled of compileDocument(model)) scenarios.set(compiled.name, { ...compiled, file });
    }
    return scenarios;
}
