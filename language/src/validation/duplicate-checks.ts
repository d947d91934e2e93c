import { AstUtils, UriUtils, type AstNodeLocator, type ValidationAcceptor } from 'langium';
import type { OsteoServices } from '../osteo-module.js';
import type { Declaration } from '../generated/ast.js';
import { isLibraryUri } from '../builtins/library.js';
import type { DeclarationsByName } from '../references/declarations-by-name.js';
import { issue, IssueCodes } from './issue-codes.js';
import { kindWord } from './target-kinds.js';

/** Declaration names are unique per kind across the workspace, the standard library included. */
export class DuplicateChecks {
    private readonly declarations: DeclarationsByName;
    private readonly locator: AstNodeLocator;

    constructor(services: OsteoServices) {
        this.declarations = services.shared.references.DeclarationsByName;
        this.locator = services.workspace.AstNodeLocator;
    }

    readonly checkDuplicateName = (declaration: Declaration, accept: ValidationAcceptor): void => {
        if (!declaration.name) return;
        const document = AstUtils.getDocument(declaration);
        if (isLibraryUri(document.uri)) return;
        const path = this.locator.getAstNodePath(declaration);
        const self = document.uri.toString();
        const others = this.declarations.named(declaration.name, declaration.$type)
            .filter(d => !(d.documentUri.toString() === self && d.path === path));
        this.checkGivableClash(declaration, accept);
        if (others.length === 0) return;
        const where = others.map(d => {
            const line = d.nameSegment ? ` (line ${d.nameSegment.range.start.line + 1})` : '';
            if (isLibraryUri(d.documentUri)) return 'the standard library';
            return d.documentUri.toString() === self ? `this file${line}` : `${UriUtils.basename(d.documentUri)}${line}`;
        });
        const kind = kindWord(declaration.$type);
        accept('error', `The ${kind} '${declaration.name}' is already declared in ${andList([...new Set(where)])}: ${kind} names must be unique across the workspace. Rename this one.`,
            { node: declaration, property: 'name', ...issue(IssueCodes.DuplicateName) });
    };

    /** `give NAME` accepts a regimen or a drug: one name for both makes it ambiguous. */
    private checkGivableClash(declaration: Declaration, accept: ValidationAcceptor): void {
        const other = declaration.$type === 'Regimen' ? 'Drug' : declaration.$type === 'Drug' ? 'Regimen' : undefined;
        if (!other) return;
        const clash = this.declarations.named(declaration.name, other)[0];
        if (!clash) return;
        const where = isLibraryUri(clash.documentUri) ? 'the standard library' : UriUtils.basename(clash.documentUri);
        accept('warning', `'${declaration.name}' is also the name of a ${kindWord(other)} (${where}), so \`give ${declaration.name}\` is ambiguous. Rename the ${declaration.$type === 'Regimen' ? 'regimen (e.g. ' + declaration.name + '_regimen)' : 'drug'}.`,
            { node: declaration, property: 'name', ...issue(IssueCodes.AmbiguousName) });
    }
}

function andList(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
