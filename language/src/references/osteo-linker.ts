import { Cancellation, DefaultLinker, type LangiumDocument } from 'langium';
import { astNodes, forEachReference } from '../workspace/ast-nodes.js';
import { interruptEvery } from '../workspace/interrupt-every.js';

/** Langium's linker over the document's node list (ast-nodes.ts), with the interruption check batched (interrupt-every.ts). */
export class OsteoLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        let count = 0;
        for (const node of astNodes(document)) {
            const pause = interruptEvery(++count, cancelToken);
            if (pause) await pause;
            forEachReference(node, ref => this.doLink(ref, document));
        }
    }
}
