import { AstUtils, UriUtils, type AstNode, type AstNodeLocator, type AstReflection, type Reference, type ValidationAcceptor } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { Declaration, Model } from '../generated/ast.js';
import { isLibraryUri } from '../builtins/library.js';
import { DeclarationsByName } from '../references/declarations-by-name.js';
import { visibleUris } from '../references/visible-documents.js';
import { relativeImportPath } from './import-checks.js';
import { issue, IssueCodes } from './issue-codes.js';
import { kindWord } from './target-kinds.js';

/**
 * Declaration names are unique per kind among what a file sees: itself, the files it imports and the standard
 * library (docs/language.md §2). Files that do not import one another may reuse a name; a file that imports two
 * declarations of one name and uses it gets the error at the use.
 */
export class DuplicateChecks {
    private readonly declarations: DeclarationsByName;
    private readonly locator: AstNodeLocator;
    private readonly reflection: AstReflection;

    constructor(services: LangiumServices) {
        this.declarations = new DeclarationsByName(services.shared);
        this.locator = services.workspace.AstNodeLocator;
        this.reflection = services.shared.AstReflection;
    }

    readonly checkDuplicateName = (declaration: Declaration, accept: ValidationAcceptor): void => {
        if (!declaration.name) return;
        const document = AstUtils.getDocument(declaration);
        if (isLibraryUri(document.uri)) return;
        const path = this.locator.getAstNodePath(declaration);
        const self = document.uri.toString();
        const visible = visibleUris(document);
        const others = this.declarations.named(declaration.name, declaration.$type)
            .filter(d => visible.has(d.documentUri.toString()) && !(d.documentUri.toString() === self && d.path === path));
        this.checkGivableClash(declaration, visible, accept);
        if (others.length === 0) return;
        const where = others.map(d => {
            const line = d.nameSegment ? ` (line ${d.nameSegment.range.start.line + 1})` : '';
            if (isLibraryUri(d.documentUri)) return 'the standard library';
            return d.documentUri.toString() === self ? `this file${line}` : `${UriUtils.basename(d.documentUri)}${line}, which this file imports`;
        });
        const kind = kindWord(declaration.$type);
        accept('error', `The ${kind} '${declaration.name}' is already declared in ${andList([...new Set(where)])}: a ${kind} name must be unique among this file, its imports and the library. Rename this one.`,
            { node: declaration, property: 'name', ...issue(IssueCodes.DuplicateName) });
    };

    /**
     * A name this file uses that two of its imports both declare: the file cannot say which it means. (A clash
     * between this file and an import, or an import and the library, is already reported at a declaration.)
     */
    readonly checkAmbiguousUses = (model: Model, accept: ValidationAcceptor): void => {
        const document = model.$document;
        if (!document || isLibraryUri(document.uri) || model.imports.length < 2) return;
        const visible = visibleUris(document);
        const self = document.uri.toString();
        for (const reference of document.references) {
            const name = reference.$refText;
            if (!name || !('ref' in reference) || !reference.ref || !reference.$refNode) continue;
            const type = this.referenceType(reference.$refNode.astNode, reference);
            if (!type) continue;
            const files = new Map<string, string>();
            for (const d of this.declarations.named(name, type)) {
                const uri = d.documentUri.toString();
                if (visible.has(uri) && uri !== self && !isLibraryUri(uri)) files.set(uri, relativeImportPath(document.uri, d.documentUri));
            }
            if (files.size < 2) continue;
            const names = [...files.values()];
            accept('error', `'${name}' is declared in both ${andList(names.map(n => `"${n}"`))}, which this file imports, so it is ambiguous here. Rename one of them, or import only one of the files.`,
                { node: reference.$refNode.astNode, range: reference.$refNode.range, ...issue(IssueCodes.AmbiguousName) });
        }
    };

    private referenceType(container: AstNode, reference: Reference): string | undefined {
        // The property holding this reference, to ask the reflection for the grammar's reference type.
        for (const [property, value] of Object.entries(container)) {
            if (value === reference || (Array.isArray(value) && value.includes(reference))) {
                return this.reflection.getReferenceType({ reference, container, property });
            }
        }
        return undefined;
    }

    /** `give NAME` accepts a regimen or a drug: one name for both, where a file sees both, makes it ambiguous. */
    private checkGivableClash(declaration: Declaration, visible: Set<string>, accept: ValidationAcceptor): void {
        const other = declaration.$type === 'Regimen' ? 'Drug' : declaration.$type === 'Drug' ? 'Regimen' : undefined;
        if (!other) return;
        const clash = this.declarations.named(declaration.name, other).find(d => visible.has(d.documentUri.toString()));
        if (!clash) return;
        const where = isLibraryUri(clash.documentUri) ? 'the standard library' : UriUtils.basename(clash.documentUri);
        accept('warning', `'${declaration.name}' is also the name of a ${kindWord(other)} (${where}), so \`give ${declaration.name}\` is ambiguous. Rename the ${declaration.$type === 'Regimen' ? 'regimen (e.g. ' + declaration.name + '_regimen)' : 'drug'}.`,
            { node: declaration, property: 'name', ...issue(IssueCodes.AmbiguousName) });
    }
}

function andList(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
