import { interruptAndCheck, OperationCancelled, type Cancellation } from 'langium';

/** How many AST nodes a build phase handles between two yields to the event loop. */
const NODES_PER_YIELD = 256;

/**
 * Langium awaits `interruptAndCheck` for every AST node of every build phase: tens of thousands of promises per
 * keystroke in a large file. Yielding every few hundred nodes keeps a build just as cancellable by the next edit.
 * Returns a promise to await only when it is time to yield; throws at once when the build is cancelled.
 */
export function interruptEvery(count: number, cancelToken: Cancellation.CancellationToken): Promise<void> | undefined {
    if (count % NODES_PER_YIELD === 0) return interruptAndCheck(cancelToken);
    if (cancelToken.isCancellationRequested) throw OperationCancelled;
    return undefined;
}
