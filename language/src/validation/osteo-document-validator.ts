import {
    AstUtils, Cancellation, DefaultDocumentValidator, DocumentValidator, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationOptions
} from 'langium';
import type { OsteoServices } from '../osteo-module.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import { issue, IssueCodes } from './issue-codes.js';
import { UnresolvedReferences } from './unresolved-reference.js';
import { OsteoValidationRegistry } from './osteo-validation-registry.js';
import { isOversized, oversizeMessage } from '../workspace/document-size.js';
import { astNodes } from '../workspace/ast-nodes.js';
import { interruptEvery } from '../workspace/interrupt-every.js';
import { rewriteStumbles } from './syntax-stumbles.js';

/** Replaces Langium's "Could not resolve reference" with a message that says how to fix the name. */
export class OsteoDocumentValidator extends DefaultDocumentValidator {
    private readonly unresolved: UnresolvedReferences;

    constructor(services: OsteoServices) {
        super(services);
        this.unresolved = new UnresolvedReferences(services);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        if (isOversized(document)) {
            // Parsed as empty by OsteoDocumentFactory: the size is the only thing to say.
            const { code, data } = issue(IssueCodes.FileTooLarge);
            return [{ severity: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: oversizeMessage(document.textDocument.getText()), code, data, source: 'osteo' }];
        }
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return rewriteStumbles(diagnostics, document.textDocument);
    }

    /**
     * Langium's loop awaits every check of every node; here synchronous checks run synchronously, the nodes come
     * from the list collected once per parse, and the loop yields to the event loop (where a newer edit cancels
     * this build) every few hundred nodes.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const registry = this.validationRegistry;
        if (!(registry instanceof OsteoValidationRegistry) || this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        const document = rootNode.$document;
        const nodes = document?.parseResult.value === rootNode ? astNodes(document) : AstUtils.streamAst(rootNode).toArray();
        const cascade = new CascadeFilter(acceptor);
        acceptor = cascade.accept;
        let pruned: AstNode | undefined;
        for (let i = 0; i < nodes.length; i++) {
            const node = nodes[i];
            // Pre-order: a pruned node's descendants follow it directly.
            if (pruned && AstUtils.hasContainerOfType(node.$container, n => n === pruned)) continue;
            pruned = undefined;
            const pause = interruptEvery(i + 1, cancelToken);
            if (pause) await pause;
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of registry.checksFor(node.$type, options.categories)) {
                    const result = check(node, acceptor, cancelToken);
                    if (result) await result;
                }
            }
            if (!nodeOptions.validateChildren) pruned = node;
        }
        cascade.flush();
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error;
            // An empty name comes from parser recovery: the syntax error already says what is missing.
            if (!error || !reference.$refText || !reference.$refNode) continue;
            const description = this.unresolved.describe(error.info, document);
            const { code, data } = issue(IssueCodes.UnresolvedReference, {
                suggestions: description.suggestions,
                importPath: description.importPath,
                importPaths: description.importPaths,
                // Kept for tools that look for Langium's own linking-error code.
                linkingError: DocumentValidator.LinkingError,
                refText: reference.$refText
            });
            diagnostics.push(this.toDiagnostic('error', description.message, {
                node: error.info.container, range: reference.$refNode.range, code, data
            }));
        }
    }
}

/**
 * No cascades: a node that has an error (on itself or on a part of it, e.g. the `until` of a give) gets no
 * warning or hint from the same pass, since those assume it valid — a treatment whose `until` is before its
 * `from` is never given, so it is not "stopped with no follow-on". Declarations and scenarios are exempt for
 * their parts: an error in one arm must not hide a warning about the scenario as a whole.
 */
class CascadeFilter {
    private readonly buffered: Array<{ severity: Parameters<ValidationAcceptor>[0], message: string, info: Parameters<ValidationAcceptor>[2] }> = [];
    private readonly erroneous = new Set<AstNode>();

    constructor(private readonly target: ValidationAcceptor) { }

    readonly accept: ValidationAcceptor = (severity, message, info) => {
        if (severity === 'error') {
            for (let node: AstNode | undefined = info.node; node; node = node.$container) this.erroneous.add(node);
        }
        this.buffered.push({ severity, message, info });
    };

    flush(): void {
        const direct = new Set(this.buffered.filter(b => b.severity === 'error').map(b => b.info.node));
        // The node has an error itself, or (except for declarations and scenarios) in one of its parts.
        const hasError = (node: AstNode) => this.erroneous.has(node) && (!WHOLE_ONLY.has(node.$type) || direct.has(node));
        for (const { severity, message, info } of this.buffered) {
            if (severity !== 'error' && hasError(info.node)) continue;
            this.target(severity, message, info);
        }
    }
}

/** Nodes whose warnings stand even when one of their parts has an error. */
const WHOLE_ONLY = new Set(['Model', 'Scenario', 'Drug', 'Regimen', 'Condition', 'Sweep', 'Population', 'Sensitivity']);
