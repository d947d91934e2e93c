import { isAstNode, isMultiReference, isReference, type AstNode, type LangiumDocument, type ReferenceInfo } from 'langium';

/** Per parse result (a new one for every parse): the document's nodes in order. */
const nodesByParse = new WeakMap<object, readonly AstNode[]>();

/**
 * Every node of a document's AST, in the order of Langium's `streamAst` (pre-order, properties in key order),
 * collected once per parse. Four build phases walk the whole tree for every keystroke; Langium's lazy streams
 * allocate an iterator and a key list per node each time.
 */
export function astNodes(document: LangiumDocument): readonly AstNode[] {
    const parse = document.parseResult;
    let nodes = nodesByParse.get(parse);
    if (!nodes) {
        const collected: AstNode[] = [];
        collect(parse.value, collected);
        nodesByParse.set(parse, nodes = collected);
    }
    return nodes;
}

function collect(node: AstNode, into: AstNode[]): void {
    into.push(node);
    for (const key of Object.keys(node)) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (const element of value) if (isAstNode(element)) collect(element, into);
        } else if (isAstNode(value)) {
            collect(value, into);
        }
    }
}

/** The cross-references held by one node, in the order of Langium's `streamReferences`. */
export function forEachReference(node: AstNode, action: (info: ReferenceInfo) => void): void {
    for (const key of Object.keys(node)) {
        if (key.charCodeAt(0) === 36 /* $ */) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (isReference(value) || isMultiReference(value)) {
            action({ reference: value, container: node, property: key });
        } else if (Array.isArray(value)) {
            value.forEach((element, index) => {
                if (isReference(element) || isMultiReference(element)) action({ reference: element, container: node, property: key, index });
            });
        }
    }
}
