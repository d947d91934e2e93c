import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { OsteoGeneratedModule, OsteoGeneratedSharedModule } from './generated/module.js';
import { OsteoValidator, registerValidationChecks } from './validation/osteo-validator.js';
import { OsteoDocumentValidator } from './validation/osteo-document-validator.js';
import { OsteoValidationRegistry } from './validation/osteo-validation-registry.js';
import { OsteoScopeProvider } from './references/osteo-scope-provider.js';
import { OsteoWorkspaceManager } from './builtins/osteo-workspace-manager.js';
import { OsteoCompletionProvider } from './lsp/osteo-completion-provider.js';
import { OsteoHoverProvider } from './lsp/osteo-hover-provider.js';
import { OsteoFormatter } from './lsp/osteo-formatter.js';
import { OsteoSemanticTokenProvider } from './lsp/osteo-semantic-tokens.js';
import { OsteoCodeLensProvider } from './lsp/osteo-code-lens.js';
import { OsteoRenameProvider } from './lsp/osteo-rename-provider.js';
import { OsteoDocumentSymbolProvider } from './lsp/osteo-document-symbols.js';
import { OsteoCodeActionProvider } from './lsp/osteo-code-actions.js';
import { OsteoDocumentFactory } from './workspace/osteo-document-factory.js';
import { createOsteoCompletionParser } from './parser/osteo-completion-parser.js';
import { OsteoLinker } from './references/osteo-linker.js';
import { OsteoScopeComputation } from './references/osteo-scope-computation.js';
import { OsteoReferenceDescriptionProvider } from './references/osteo-reference-descriptions.js';
import { DeclarationsByName } from './references/declarations-by-name.js';
import { OsteoIndexManager } from './references/osteo-index-manager.js';
import { OsteoDocumentUpdateHandler } from './lsp/osteo-document-update-handler.js';
import { OsteoParserErrorMessageProvider } from './parser/osteo-parser-error-messages.js';

/** Services added on top of Langium's shared defaults (one instance for every document of the workspace). */
export type OsteoAddedSharedServices = {
    references: {
        DeclarationsByName: DeclarationsByName
    }
};

export type OsteoSharedServices = LangiumSharedServices & OsteoAddedSharedServices;

/** Services added on top of Langium's defaults. */
export type OsteoAddedServices = {
    validation: {
        OsteoValidator: OsteoValidator
    }
};

export type OsteoServices = LangiumServices & OsteoAddedServices & { readonly shared: OsteoSharedServices };

export const OsteoModule: Module<OsteoServices, PartialLangiumServices & OsteoAddedServices> = {
    validation: {
        OsteoValidator: (services) => new OsteoValidator(services),
        DocumentValidator: (services) => new OsteoDocumentValidator(services),
        ValidationRegistry: (services) => new OsteoValidationRegistry(services)
    },
    parser: {
        ParserErrorMessageProvider: () => new OsteoParserErrorMessageProvider(),
        CompletionParser: (services) => createOsteoCompletionParser(services)
    },
    references: {
        ScopeProvider: (services) => new OsteoScopeProvider(services),
        ScopeComputation: (services) => new OsteoScopeComputation(services),
        Linker: (services) => new OsteoLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: (services) => new OsteoReferenceDescriptionProvider(services)
    },
    lsp: {
        CompletionProvider: (services) => new OsteoCompletionProvider(services),
        HoverProvider: (services) => new OsteoHoverProvider(services),
        Formatter: () => new OsteoFormatter(),
        SemanticTokenProvider: (services) => new OsteoSemanticTokenProvider(services),
        CodeLensProvider: () => new OsteoCodeLensProvider(),
        RenameProvider: (services) => new OsteoRenameProvider(services),
        DocumentSymbolProvider: (services) => new OsteoDocumentSymbolProvider(services),
        CodeActionProvider: () => new OsteoCodeActionProvider()
    }
};

export const OsteoSharedModule: Module<OsteoSharedServices, PartialLangiumSharedServices & OsteoAddedSharedServices> = {
    references: {
        DeclarationsByName: (shared) => new DeclarationsByName(shared)
    },
    lsp: {
        DocumentUpdateHandler: (services) => new OsteoDocumentUpdateHandler(services)
    },
    workspace: {
        IndexManager: (services) => new OsteoIndexManager(services),
        WorkspaceManager: (services) => new OsteoWorkspaceManager(services),
        LangiumDocumentFactory: (services) => new OsteoDocumentFactory(services)
    }
};

/**
 * Creates the shared and language services. Used by the language server, the CLI and the tests alike.
 */
export function createOsteoServices(context: DefaultSharedModuleContext): { shared: OsteoSharedServices, Osteo: OsteoServices } {
    const shared: OsteoSharedServices = inject(createDefaultSharedModule(context), OsteoGeneratedSharedModule, OsteoSharedModule);
    const Osteo = inject(createDefaultModule({ shared }), OsteoGeneratedModule, OsteoModule);
    shared.ServiceRegistry.register(Osteo);
    registerValidationChecks(Osteo);
    if (!context.connection) {
        // Without a client the workspace is never initialized by the protocol; do it here so the library loads.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Osteo };
}
