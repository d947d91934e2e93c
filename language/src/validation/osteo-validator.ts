import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { OsteoAstType, Model } from '../generated/ast.js';
import type { OsteoServices } from '../osteo-module.js';

/** Registers the checks of language spec §6, keyed by AST type. */
export function registerValidationChecks(services: OsteoServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.OsteoValidator;
    const checks: ValidationChecks<OsteoAstType> = {
        Model: validator.checkModel
    };
    registry.register(checks, validator);
}

export class OsteoValidator {
    constructor(_services: OsteoServices) {}

    checkModel(_model: Model, _accept: ValidationAcceptor): void {
        // placeholder: the §6 rules are added in their own files
    }
}
