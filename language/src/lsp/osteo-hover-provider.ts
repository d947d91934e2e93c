import { CstUtils, GrammarAST, GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { MultilineCommentHoverProvider, type LangiumServices } from 'langium/lsp';
import { MarkupContent, type Hover, type HoverParams } from 'vscode-languageserver';
import {
    isDosing, isEstimate, isObserve, isPopulation, isPopulationVary, isQuantity, isSensitivity, isSensitivityFactor, isSetParameter, isSweep, isSweepVary, isVaryName, isVaryTarget, type Quantity, type SetParameter
} from '../generated/ast.js';
import { observeFacts } from './osteo-data-describe.js';
import { populationFacts, sensitivityFacts, sensitivityFactorFacts, sweepFacts, sweepVaryFacts } from './osteo-analysis-describe.js';
import { findParameter } from '../../../simulator/index.js';
import { expectedQuantity } from '../validation/expected-dimensions.js';
import { declarationFacts, describeQuantity, headline, parameterFacts } from './osteo-describe.js';
import { keywordDoc } from './osteo-keyword-docs.js';
import { isNameAlternative } from '../parser/soft-keywords.js';
import { varyQuantityHover } from './osteo-vary-describe.js';
import { frequencyInterval } from '../dosing-frequency.js';

/** Hover: the doc comment plus computed facts (docs/language.md §7); quantities in canonical units; keyword meanings. */
export class OsteoHoverProvider extends MultilineCommentHoverProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || leaf.hidden || offset >= leaf.end) return undefined;
        const value = this.hoverText(leaf);
        return value ? { contents: { kind: 'markdown', value }, range: leaf.range } : undefined;
    }

    protected hoverText(leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        if (isQuantity(node)) return this.quantityHover(node);
        if (isSetParameter(node) && GrammarUtils.findNodeForProperty(node.$cstNode, 'parameter') === leaf) return this.parameterHover(node);
        const analysis = this.analysisHover(leaf);
        if (analysis) return analysis;
        const targets = this.references.findDeclarations(leaf);
        if (targets.length > 0) return targets.map(t => this.declarationHover(t)).join('\n\n---\n\n');
        if (GrammarAST.isKeyword(leaf.grammarSource) && !isNameAlternative(leaf.grammarSource)) {
            const grammarHover = this.getKeywordHoverContent(leaf.grammarSource) as Hover | undefined;
            const grammarDoc = grammarHover?.contents;
            return keywordDoc(leaf.text) ?? (MarkupContent.is(grammarDoc) ? grammarDoc.value : undefined);
        }
        return undefined;
    }

    protected declarationHover(node: AstNode): string {
        const parts = [headline(node as AstNode & { name?: string })];
        const facts = declarationFacts(node);
        if (facts.length > 0) parts.push(facts.join('  \n'));
        const doc = this.documentationProvider.getDocumentation(node);
        if (doc) parts.push(doc);
        return parts.join('\n\n');
    }

    protected quantityHover(q: Quantity): string {
        const container = q.$container;
        const property = q.$containerProperty;
        if (isSetParameter(container)) {
            const parameter = findParameter(container.parameter);
            const text = describeQuantity(q, undefined, container.parameter);
            return parameter ? `${text}  \nModel unit: ${parameter.unit} · default ${parameter.value}` : text;
        }
        const expected = container && property ? expectedQuantity(container, property) : undefined;
        return describeQuantity(q, expected?.dimensions, expected?.label);
    }

    /** Sweeps, populations and sensitivity studies: run counts on their names and `vary`, parameter facts on varied parameters. */
    protected analysisHover(leaf: CstNode): string | undefined {
        const node = leaf.astNode;
        // A name may be a soft keyword (a `Name` rule call around the token): compare by extent.
        const isName = (property: string) => {
            const cst = GrammarUtils.findNodeForProperty(node.$cstNode, property);
            return cst !== undefined && cst.offset <= leaf.offset && leaf.end <= cst.end;
        };
        const withDoc = (facts: string[]) => [facts.join('  \n'), this.documentationProvider.getDocumentation(node)].filter(Boolean).join('\n\n');
        if (isSweep(node) && isName('name')) return withDoc(sweepFacts(node));
        if (isPopulation(node) && isName('name')) return withDoc(populationFacts(node));
        if (isSensitivity(node) && (isName('name') || leaf.text === 'sensitivity')) return withDoc(sensitivityFacts(node));
        if (isSensitivityFactor(node) && (leaf.text === 'vary' || isName('parameter'))) return sensitivityFactorFacts(node).join('  \n') || undefined;
        if (isSweepVary(node) && leaf.text === 'vary') return sweepVaryFacts(node).join('  \n');
        if (isObserve(node) && leaf.text === 'observe') return observeFacts(node).join('  \n');
        if ((isVaryTarget(node) || isPopulationVary(node) || isEstimate(node)) && node.parameter && isName('parameter')) {
            return this.parameterHover({ parameter: node.parameter } as SetParameter);
        }
        if ((isPopulationVary(node) || isVaryName(node)) && (isName('field') || isName('patient'))) return varyQuantityHover(node);
        if (isDosing(node) && GrammarUtils.findNodesForProperty(node.$cstNode, 'frequency').some(n => n.offset <= leaf.offset && leaf.end <= n.end)) {
            const interval = frequencyInterval(node.frequency);
            return interval ? `**${node.frequency.join(' ')}** — dosing shorthand for \`${interval.longForm}\`.` : undefined;
        }
        return undefined;
    }

    protected parameterHover(set: SetParameter): string {
        const parameter = findParameter(set.parameter);
        if (!parameter) return `**${set.parameter}** — not a parameter of the model (see the parameter table in docs/model.md).`;
        return parameterFacts(parameter).join('  \n');
    }
}
