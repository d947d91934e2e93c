import type { AstNode, ValidationCheck, ValidationChecks } from 'langium';
import type { OsteoAstType } from '../generated/ast.js';
import type { OsteoServices } from '../osteo-module.js';
import {
    checkDrugCompleteness, checkDuplicateProperties, checkGiveDose, checkRegimenCompleteness, checkReservedKind, checkScenarioStructure
} from './declaration-checks.js';
import { checkCompares, checkReport } from './report-checks.js';
import { checkMeasure, checkPopulation, checkPopulationVary, checkResponders, checkSweep, checkSweepVary } from './analysis-checks.js';
import { checkSensitivity, checkSensitivityFactor } from './sensitivity-checks.js';
import { checkDataTable, checkEstimate, checkFit, checkObserve } from './data-checks.js';
import { DuplicateChecks } from './duplicate-checks.js';
import { EXPECTED_QUANTITIES } from './expected-dimensions.js';
import { ImportChecks } from './import-checks.js';
import { checkFoldTarget, checkMechanismTarget } from './mechanism-checks.js';
import { checkSetParameter } from './parameter-checks.js';
import { checkArmPharmacology } from './pharmacology-checks.js';
import { checkFinite, checkQuantityRanges, checkSample } from './range-checks.js';
import { checkConditionTimes, checkInterventionTimes, checkMenopause } from './time-checks.js';
import { checkQuantityUnits } from './unit-checks.js';
import { checkDosing } from './dosing-checks.js';
import { checkDrugBase, checkDrugPotency, checkMolarConcentrations, checkPkConsistency, checkPropertyPairs } from './drug-checks.js';
import { checkDelivery, checkLocalDepotSite } from './delivery-checks.js';

/** Registers the checks of docs/language.md §6, keyed by AST type. Unresolved names are OsteoDocumentValidator's. */
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

    /**
     * The checks keyed by AST type. Typed as ValidationChecks<OsteoAstType>, so a misspelt type or a check
     * written for another node type does not compile. A check that throws is logged and the others run on
     * (OsteoValidationRegistry.wrapValidationException, the one exception guard).
     */
    checks(): ValidationChecks<OsteoAstType> {
        const checks: ValidationChecks<OsteoAstType> = {
            Model: [this.imports.checkImports, this.duplicates.checkAmbiguousUses],
            Cytokine: [checkReservedKind], Mediator: [checkReservedKind], Cell: [checkReservedKind],
            Pathway: [checkReservedKind], Site: [checkReservedKind], Output: [checkReservedKind],
            Drug: [this.duplicates.checkDuplicateName, checkDrugCompleteness, checkDuplicateProperties,
                checkDrugBase, checkDrugPotency, checkMolarConcentrations, checkPropertyPairs, checkPkConsistency],
            Dosing: [checkDosing],
            Regimen: [this.duplicates.checkDuplicateName, checkRegimenCompleteness, checkDuplicateProperties],
            Condition: [this.duplicates.checkDuplicateName, checkDuplicateProperties],
            Scenario: [this.duplicates.checkDuplicateName, checkScenarioStructure, checkCompares],
            Report: [checkReport],
            Mechanism: [checkMechanismTarget],
            FoldEffect: [checkFoldTarget],
            Patient: [checkDuplicateProperties, checkMenopause],
            ConditionUse: [checkDuplicateProperties, checkConditionTimes],
            Give: [checkGiveDose, checkInterventionTimes, checkLocalDepotSite],
            Delivery: [checkDelivery],
            Infuse: [checkInterventionTimes],
            SampleSpec: [checkSample],
            Arm: [checkArmPharmacology],
            SetParameter: [checkSetParameter],
            Sweep: [checkSweep], SweepVary: [checkSweepVary], Measure: [checkMeasure],
            Sensitivity: [checkSensitivity], SensitivityFactor: [checkSensitivityFactor],
            Population: [checkPopulation], PopulationVary: [checkPopulationVary], Responders: [checkResponders],
            DataTable: [this.duplicates.checkDuplicateName, checkDataTable], Observe: [checkObserve], Fit: [checkFit], Estimate: [checkEstimate],
            Quantity: [checkFinite]
        };
        // Every node type with quantity properties gets the unit and range checks of its properties.
        const table = checks as Record<string, Array<ValidationCheck<AstNode>> | undefined>;
        for (const type of Object.keys(EXPECTED_QUANTITIES)) {
            table[type] = [...(table[type] ?? []), checkQuantityUnits, checkQuantityRanges];
        }
        return checks;
    }
}
