import { Cancellation, DefaultReferenceDescriptionProvider, type LangiumDocument, type ReferenceDescription } from 'langium';
import { astNodes, forEachReference } from '../workspace/ast-nodes.js';
import { interruptEvery } from '../workspace/interrupt-every.js';

/** Langium's reference index entries over the document's node list (ast-nodes.ts), with the interruption check batched. */
export class OsteoReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        let count = 0;
        for (const node of astNodes(document)) {
            const pause = interruptEvery(++count, cancelToken);
            if (pause) await pause;
            forEachReference(node, refInfo => {
                if (!refInfo.reference.error) descriptions.push(...this.createInfoDescriptions(refInfo));
            });
        }
        return descriptions;
    }
}
