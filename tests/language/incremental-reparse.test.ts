import { describe, expect, test } from 'vitest';
import { AstUtils, CstUtils, EmptyFileSystem, isReference, URI, type AstNode, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createOsteoServices } from '../../language/src/osteo-module.js';
import type { Model } from '../../language/src/generated/ast.js';

// An editor buffer is re-parsed declaration by declaration (language/src/workspace/incremental-reparse.ts).
// Whatever the edit, the tree, its positions and the diagnostics must be exactly those of a full parse.

const REGIMENS = `// Regimens shared by the examples.

/** Standard adalimumab maintenance dosing in RA. */
regimen AntiTNF "Adalimumab 40 mg every 2 weeks" {
    drug adalimumab
    dose 40 mg every 2 weeks
}
`;

const MAIN = `/**
 * A file edited while it is open.
 */

import "./regimens.osteo"

/** Denosumab every 6 months, as in FREEDOM. */
regimen Dmab "Denosumab 60 mg every 6 months" {
    drug denosumab
    dose 60 mg every 6 months
}

// A line comment between declarations.
regimen Zol { drug zoledronate dose 5 mg every 12 months }

/** Timing of anti-TNF therapy. */
scenario RaTiming "Timing of anti-TNF therapy in early RA" {
    duration 3 years
    sample every 1 week

    patient {
        age 52 years
        sex female
        weight 70 kg
    }

    condition rheumatoid_arthritis {
        severity high
        onset at 0 months
    }

    arm untreated { }
    arm early { give AntiTNF from 0 months }
    arm late { give Dmab from 12 months }
    arm zol { give Zol from 6 months }

    report bmd at lumbar_spine, total_hip
}

/** Regimen B1. */
regimen B1 {
    drug infliximab
    dose 5 mg every 8 weeks
}
`;

interface Workspace {
    open(text: string): Promise<LangiumDocument>;
    edit(text: string): Promise<LangiumDocument>;
}

/** A workspace fed like the language server: editor buffers, rebuilt by DocumentBuilder.update. */
async function workspace(): Promise<Workspace> {
    const { shared } = createOsteoServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const textDocuments = shared.workspace.TextDocuments!;
    const main = URI.parse('file:///ws/main.osteo');
    const regimens = URI.parse('file:///ws/regimens.osteo');
    let version = 0;
    const set = (uri: URI, text: string) => textDocuments.set(TextDocument.create(uri.toString(), 'osteo', ++version, text));
    set(regimens, REGIMENS);
    await shared.workspace.DocumentBuilder.update([regimens], []);
    return {
        async open(text) {
            // A new document: always a full parse.
            if (shared.workspace.LangiumDocuments.hasDocument(main)) await shared.workspace.DocumentBuilder.update([], [main]);
            set(main, text);
            await shared.workspace.DocumentBuilder.update([main], []);
            return shared.workspace.LangiumDocuments.getDocument(main)!;
        },
        async edit(text) {
            set(main, text);
            await shared.workspace.DocumentBuilder.update([main], []);
            return shared.workspace.LangiumDocuments.getDocument(main)!;
        }
    };
}

/** Every CST node with its position, every AST node with its properties, and the diagnostics. */
function snapshot(document: LangiumDocument) {
    const root = document.parseResult.value;
    const cst = [...CstUtils.streamCst(root.$cstNode!)].map(n => {
        const { start, end } = n.range;
        const leaf = 'tokenType' in n ? `${(n as { tokenType: { name: string } }).tokenType.name}${n.hidden ? ' hidden' : ''}` : `<${n.astNode.$type}>`;
        return `${leaf} ${n.offset}+${n.length} ${start.line}:${start.character}-${end.line}:${end.character} ${JSON.stringify(n.text)}`;
    });
    const ast = [...AstUtils.streamAst(root)].map(node => {
        const properties = Object.entries(node).filter(([k]) => !k.startsWith('$')).map(([k, v]) => `${k}=${show(v)}`);
        return `${node.$type} ${node.$containerProperty ?? ''}[${node.$containerIndex ?? ''}] @${node.$cstNode?.offset} ${properties.join(' ')}`;
    });
    const diagnostics = (document.diagnostics ?? []).map(d => `${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
    return { text: root.$cstNode?.root.fullText, cst, ast, diagnostics, parserErrors: document.parseResult.parserErrors.length };
}

function show(value: unknown): string {
    if (isReference(value)) return `->${value.$refText}${value.ref ? '✓' : '✗'}`;
    if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
    if (value && typeof value === 'object' && '$type' in value) return `{${(value as AstNode).$type}}`;
    return JSON.stringify(value);
}

/** An edit: the text after it, and whether the declarations it does not touch must keep their nodes. */
interface Edit { name: string; apply: (text: string) => string; incremental: boolean }

const replaceOnce = (from: string, to: string) => (text: string) => {
    expect(text).toContain(from);
    return text.replace(from, to);
};

const EDITS: Edit[] = [
    { name: 'a character typed in a documentation comment', apply: replaceOnce('as in FREEDOM', 'as in FREEDOMx'), incremental: true },
    { name: 'the character deleted again', apply: replaceOnce('FREEDOMx', 'FREEDOM'), incremental: true },
    { name: 'a dose changed', apply: replaceOnce('dose 60 mg', 'dose 65 mg'), incremental: true },
    { name: 'a line added inside a declaration', apply: replaceOnce('    sample every 1 week\n', '    sample every 1 week\n\n\n'), incremental: true },
    { name: 'a referenced regimen renamed (the reference no longer resolves)', apply: replaceOnce('regimen Zol {', 'regimen Zoll {'), incremental: true },
    { name: 'renamed back', apply: replaceOnce('regimen Zoll {', 'regimen Zol {'), incremental: true },
    { name: 'a declaration added between two others', apply: replaceOnce('// A line comment', 'regimen Extra {\n    drug denosumab\n    dose 60 mg every 6 months\n}\n\n// A line comment'), incremental: true },
    { name: 'a declaration deleted', apply: replaceOnce('regimen Zol { drug zoledronate dose 5 mg every 12 months }\n', ''), incremental: true },
    { name: 'a line comment added before a declaration', apply: replaceOnce('/** Regimen B1. */', '// note\n/** Regimen B1. */'), incremental: true },
    { name: 'a declaration appended at the end', apply: text => `${text}\nregimen B2 { drug infliximab dose 3 mg every 8 weeks }\n`, incremental: true },
    { name: 'the first declaration after the imports edited', apply: replaceOnce('regimen Dmab "Denosumab', 'regimen Dmab "The denosumab'), incremental: true },
    { name: 'a syntax error typed', apply: replaceOnce('dose 5 mg every 8 weeks', 'dose 5 mg every'), incremental: false },
    { name: 'the syntax error repaired', apply: replaceOnce('dose 5 mg every\n', 'dose 5 mg every 8 weeks\n'), incremental: false },
    { name: 'an unclosed block comment', apply: replaceOnce('// note', '/* note'), incremental: false },
    { name: 'the block comment closed', apply: replaceOnce('/* note', '/* note */'), incremental: false },
    { name: 'two declarations joined on one line', apply: replaceOnce('}\n\nregimen Extra {', '} regimen Extra {'), incremental: false },
    { name: 'an import added', apply: replaceOnce('import "./regimens.osteo"', 'import "./regimens.osteo"\nimport "./other.osteo"'), incremental: false },
    { name: 'a declaration wrapped in a new comment opener', apply: replaceOnce('regimen Extra {', '// regimen Extra {'), incremental: false }
];

describe('incremental re-parse of an edited file', () => {
    test('gives, edit after edit, the tree, positions and diagnostics of a full parse', async () => {
        const edited = await workspace();
        const reference = await workspace();
        let text = MAIN;
        let document = await edited.edit(text);
        expect(document.parseResult.parserErrors).toHaveLength(0);
        let incrementalSeen = 0;
        for (const edit of EDITS) {
            const before = (document.parseResult.value as Model).declarations.at(-1);
            text = edit.apply(text);
            document = await edited.edit(text);
            const fresh = await reference.open(text);
            expect(snapshot(document), edit.name).toEqual(snapshot(fresh));
            const kept = (document.parseResult.value as Model).declarations.includes(before!);
            if (edit.incremental) {
                // Otherwise the comparison above would only compare two full parses.
                expect(kept, `${edit.name}: the last declaration keeps its node`).toBe(true);
                incrementalSeen++;
            }
        }
        expect(incrementalSeen).toBeGreaterThan(5);
    });

    test('documentation of a declaration after the edit still comes from its comment', async () => {
        const { shared, Osteo } = createOsteoServices(EmptyFileSystem);
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const uri = URI.parse('file:///ws/doc.osteo');
        const text = '/** First. */\nregimen A { drug adalimumab dose 40 mg every 2 weeks }\n\n/** Second. */\nregimen B { drug denosumab dose 60 mg every 6 months }\n';
        shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'osteo', 1, text));
        await shared.workspace.DocumentBuilder.update([uri], []);
        const b = (shared.workspace.LangiumDocuments.getDocument(uri)!.parseResult.value as Model).declarations[1];
        shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'osteo', 2, text.replace('First.', 'The first one.\n  Two lines.')));
        await shared.workspace.DocumentBuilder.update([uri], []);
        const model = shared.workspace.LangiumDocuments.getDocument(uri)!.parseResult.value as Model;
        expect(model.declarations[1]).toBe(b);
        expect(Osteo.documentation.DocumentationProvider.getDocumentation(model.declarations[0])).toContain('The first one.');
        expect(Osteo.documentation.DocumentationProvider.getDocumentation(model.declarations[1])).toBe('Second.');
        expect(model.declarations[1].$cstNode!.range.start).toEqual({ line: 5, character: 0 });
    });
});
