import { AstUtils, type AstNode } from 'langium';

/** Where a compile error points: 1-based line and column in the file that holds the node. */
export interface SourceLocation {
    readonly uri: string;
    readonly line: number;
    readonly column: number;
}

/**
 * A scenario the validator let through but the compiler cannot turn into a model (a missing unit,
 * an unresolved reference in a document with errors ...). It carries the offending node so that
 * every front end can print the location instead of a stack trace.
 */
export class CompileError extends Error {
    override readonly name = 'CompileError';

    constructor(message: string, readonly node?: AstNode) {
        super(message);
    }

    get location(): SourceLocation | undefined {
        const range = this.node?.$cstNode?.range;
        if (!this.node || !range) return undefined;
        try {
            const uri = AstUtils.getDocument(this.node).uri.toString();
            return { uri, line: range.start.line + 1, column: range.start.character + 1 };
        } catch {
            return undefined;
        }
    }
}
