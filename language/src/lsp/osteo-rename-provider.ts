import { AstUtils, CstUtils, GrammarAST, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type Position, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isLibraryUri } from '../builtins/library.js';
import { kindWord, withArticle } from '../validation/target-kinds.js';

const NAME = /^[_a-zA-Z]\w*$/;

/** Rename across files, refused (with a message the editor shows) for names of the read-only standard library. */
export class OsteoRenameProvider extends DefaultRenameProvider {
    private readonly keywords: ReadonlySet<string>;

    constructor(services: LangiumServices) {
        super(services);
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value));
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        this.refuseLibrary(document, params.position);
        if (!NAME.test(params.newName)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `'${params.newName}' is not a valid name: use letters, digits and _ and start with a letter or _.`);
        }
        if (this.keywords.has(params.newName)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `'${params.newName}' is a keyword of the Osteo language and cannot be used as a name.`);
        }
        return super.rename(document, params);
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): MaybePromise<Range | undefined> {
        this.refuseLibrary(document, params.position);
        return super.prepareRename(document, params);
    }

    /** Throws when the position is in the library or on a name declared there. */
    protected refuseLibrary(document: LangiumDocument, position: Position): void {
        if (isLibraryUri(document.uri)) {
            throw new ResponseError(ErrorCodes.InvalidRequest, 'The Osteo standard library is read-only: its names cannot be renamed.');
        }
        const root = document.parseResult.value.$cstNode;
        if (!root) return;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        if (!leaf) return;
        const library = this.references.findDeclarations(leaf).find(target => isLibraryUri(AstUtils.getDocument(target).uri));
        if (library) {
            const name = (library as AstNode & { name?: string }).name ?? leaf.text;
            const kind = kindWord(library.$type);
            const instead = library.$type === 'Drug' || library.$type === 'Condition' ? ` Declare your own ${kind} under a new name instead.` : '';
            throw new ResponseError(ErrorCodes.InvalidRequest,
                `'${name}' is ${withArticle(kind)} of the read-only standard library and cannot be renamed.${instead}`);
        }
    }
}
