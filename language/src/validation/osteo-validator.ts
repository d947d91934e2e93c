import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import type { OsteoAstType } from '../generated/ast.js';
import type { OsteoServices } from '../osteo-module.js';
import {
    checkDrugCompleteness, checkDuplicateProperties, checkGiveDose, checkRegimenCompleteness, checkReservedKind, checkScenarioStructure
} from './declaration-checks.js';
import { checkMeasure, checkPopulation, checkPopulationVary, checkSweep, checkSweepVary } from './analysis-checks.js';
import { DuplicateChecks } from './duplicate-checks.js';
import { EXPECTED_QUANTITIES } from './expected-dimensions.js';
import { ImportChecks } from './import-checks.js';
import { checkFoldTarget, checkMechanismTarget } from './mechanism-checks.js';
import { checkSetParameter } from './parameter-checks.js';
import { checkArmPharmacology } from './pharmacology-checks.js';
import { checkFinite, checkPositiveAnyUnit, checkQuantityRanges, checkSample } from './range-checks.js';
import { checkConditionTimes, checkInterventionTimes, checkMenopause } from './time-checks.js';
import { checkQuantityUnits } from './unit-checks.js';
import { checkDosing } from './dosing-checks.js';
import { checkDrugBase, checkDrugPotency, checkPkConsistency } from './drug-checks.js';

type Check = (node: never, accept: ValidationAcceptor) => void;

/** Registers the checks of language spec §6, keyed by AST type. Unresolved names are OsteoDocumentValidator's. */
export function registerValidationChecks(services: OsteoServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.OsteoValidator;
    registry.register(validator.checks(), validator);
}

export class OsteoValidator {
    private readonly duplicates: DuplicateChecks;
    private readonly imports: ImportChecks;

    constructor(services: OsteoServices) {
        this.duplicates = new DuplicateChecks(services);
        this.imports = new ImportChecks(services);
    }

    checks(): ValidationChecks<OsteoAstType> {
        const byType: Record<string, Check[]> = {
            Model: [this.imports.checkImports, this.duplicates.checkAmbiguousUses],
            Cytokine: [checkReservedKind], Mediator: [checkReservedKind], Cell: [checkReservedKind],
            Pathway: [checkReservedKind], Site: [checkReservedKind], Output: [checkReservedKind],
            Drug: [this.duplicates.checkDuplicateName, checkDrugCompleteness, checkDuplicateProperties, checkPositiveAnyUnit,
                checkDrugBase, checkDrugPotency, checkPkConsistency],
            Dosing: [checkDosing],
            Regimen: [this.duplicates.checkDuplicateName, checkRegimenCompleteness, checkDuplicateProperties],
            Condition: [this.duplicates.checkDuplicateName, checkDuplicateProperties],
            Scenario: [this.duplicates.checkDuplicateName, checkScenarioStructure],
            Mechanism: [checkMechanismTarget],
            FoldEffect: [checkFoldTarget],
            Patient: [checkDuplicateProperties, checkMenopause],
            ConditionUse: [checkDuplicateProperties, checkConditionTimes],
            Give: [checkGiveDose, checkInterventionTimes],
            Infuse: [checkInterventionTimes],
            SampleSpec: [checkSample],
            Arm: [checkArmPharmacology],
            SetParameter: [checkSetParameter],
            Sweep: [checkSweep], SweepVary: [checkSweepVary], Measure: [checkMeasure],
            Population: [checkPopulation], PopulationVary: [checkPopulationVary],
            Quantity: [checkFinite]
        };
        for (const type of Object.keys(EXPECTED_QUANTITIES)) {
            (byType[type] ??= []).push(checkQuantityUnits, checkQuantityRanges);
        }
        const checks: Record<string, Array<(node: AstNode, accept: ValidationAcceptor) => void>> = {};
        for (const [type, list] of Object.entries(byType)) checks[type] = list.map(guard);
        return checks as ValidationChecks<OsteoAstType>;
    }
}

/**
 * A check that throws on some unforeseen partial AST must not take the other checks' diagnostics
 * with it (Langium drops the whole batch): log it and go on.
 */
function guard(check: Check): (node: AstNode, accept: ValidationAcceptor) => void {
    return (node, accept) => {
        try {
            (check as (node: AstNode, accept: ValidationAcceptor) => void)(node, accept);
        } catch (error) {
            console.error(`Osteo validation check '${check.name || 'anonymous'}' failed on ${node.$type}:`, error);
        }
    };
}
