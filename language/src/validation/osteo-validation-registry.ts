import { isOperationCancelled, ValidationRegistry, type AstNode, type ValidationAcceptor, type ValidationCategory, type ValidationCheck } from 'langium';
import type { LangiumServices } from 'langium/lsp';

/**
 * Langium's registry wraps every check in two async functions and rebuilds a filtered stream of checks for every
 * node: on a 5,000-line file that is tens of thousands of promises per keystroke. Here a synchronous check stays
 * synchronous and each type's list of checks is built once.
 *
 * It is also the one exception guard: a check that throws on some unforeseen partial AST is logged and the
 * other checks run on, their diagnostics kept (no diagnostic of its own: the user cannot act on it, and an
 * error would block simulating a document whose real errors are none). An asynchronous check's rejection
 * goes through Langium's handling.
 */
export class OsteoValidationRegistry extends ValidationRegistry {
    /** Per requested category list (the builder passes the same array for a whole document), per node type. */
    private checkLists = new WeakMap<object, Map<string, readonly ValidationCheck[]>>();
    private readonly allCategories = {};

    constructor(services: LangiumServices) {
        super(services);
    }

    override register<T>(...args: Parameters<ValidationRegistry['register']>): void {
        this.checkLists = new WeakMap();
        super.register<T>(...(args as [never, unknown, ValidationCategory?]));
    }

    /** The checks of a node type in the given categories, as an array built once per type and category set. */
    checksFor(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        const key = categories ?? this.allCategories;
        let byType = this.checkLists.get(key);
        if (!byType) this.checkLists.set(key, byType = new Map());
        let list = byType.get(type);
        if (!list) byType.set(type, list = this.getChecks(type, categories).toArray());
        return list;
    }

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node: AstNode, accept: ValidationAcceptor, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                if (isOperationCancelled(error)) throw error;
                console.error(`Osteo validation check '${check.name || 'anonymous'}' failed on ${node.$type}:`, error);
                return undefined;
            }
            if (isThenable(result)) {
                return this.handleException(() => result as Promise<void>, 'An error occurred during validation', accept, node);
            }
            return undefined;
        };
    }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
    return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
