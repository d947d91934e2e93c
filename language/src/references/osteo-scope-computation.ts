import { Cancellation, DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { astNodes } from '../workspace/ast-nodes.js';
import { interruptEvery } from '../workspace/interrupt-every.js';

/** Langium's local symbols over the document's node list (ast-nodes.ts), with the interruption check batched (interrupt-every.ts). */
export class OsteoScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const nodes = astNodes(document);
        // From 1: Langium's streamAllContents leaves out the root.
        for (let i = 1; i < nodes.length; i++) {
            const node = nodes[i];
            const pause = interruptEvery(i, cancelToken);
            if (pause) await pause;
            this.addLocalSymbol(node, document, symbols);
        }
        return symbols;
    }
}
