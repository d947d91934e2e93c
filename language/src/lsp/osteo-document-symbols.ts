import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider, type LangiumServices } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isArm, isConditionUse, isDrug, isPatient, isRegimen } from '../generated/ast.js';
import { armSummary, drugClassLabel, quantityWords, regimenSchedule } from './osteo-describe.js';

const SYMBOL_KINDS: Readonly<Record<string, SymbolKind>> = {
    Scenario: SymbolKind.Namespace, Arm: SymbolKind.Event, Drug: SymbolKind.Class, Regimen: SymbolKind.Function,
    Condition: SymbolKind.Object, ConditionUse: SymbolKind.Object, Patient: SymbolKind.Struct,
    Cytokine: SymbolKind.Variable, Mediator: SymbolKind.Constant, Cell: SymbolKind.Struct, Pathway: SymbolKind.Interface,
    Site: SymbolKind.EnumMember, Output: SymbolKind.Field
};

/** Outline: declarations with kinds by concept and their titles (or a summary) as detail; a scenario's patient and conditions too. */
export class OsteoDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    protected override getSymbol(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] {
        const cst = astNode.$cstNode;
        if (cst && isPatient(astNode)) {
            const keyword = GrammarUtils.findNodeForKeyword(cst, 'patient')?.range ?? cst.range;
            return [{ name: 'patient', kind: SYMBOL_KINDS.Patient, detail: patientDetail(astNode), range: cst.range, selectionRange: keyword }];
        }
        if (cst && isConditionUse(astNode) && astNode.condition?.$refText) {
            const detail = [astNode.severity, quantityWords(astNode.onset) && `from ${quantityWords(astNode.onset)}`].filter(Boolean).join(', ');
            const selection = GrammarUtils.findNodeForProperty(cst, 'condition')?.range ?? cst.range;
            return [{ name: astNode.condition.$refText, kind: SYMBOL_KINDS.ConditionUse, detail, range: cst.range, selectionRange: selection }];
        }
        return super.getSymbol(document, astNode);
    }

    protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: Parameters<DefaultDocumentSymbolProvider['createSymbol']>[2],
        nameNode: Parameters<DefaultDocumentSymbolProvider['createSymbol']>[3], computedName?: string): DocumentSymbol {
        const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
        return { ...symbol, kind: SYMBOL_KINDS[astNode.$type] ?? symbol.kind, detail: detailOf(astNode) };
    }
}

function detailOf(node: AstNode): string {
    const title = (node as AstNode & { title?: string }).title;
    if (isDrug(node)) return [title, drugClassLabel(node.drugClass)].filter(Boolean).join(' · ');
    if (isRegimen(node)) return title ?? regimenSchedule(node);
    if (isArm(node)) return title ?? armSummary(node);
    return title ?? '';
}

function patientDetail(patient: { age?: Parameters<typeof quantityWords>[0], sex?: string }): string {
    return [quantityWords(patient.age), patient.sex].filter(Boolean).join(', ');
}
