import { AstUtils, type AstNode } from 'langium';
import {
    isDrug, isDurationSpec, isRegimen, isScenario, type Drug, type Dosing, type Give, type Scenario
} from '../generated/ast.js';
import { days } from './quantities.js';

/** Facts several checks need, read tolerantly from possibly partial ASTs. */

export function scenarioOf(node: AstNode): Scenario | undefined {
    return AstUtils.getContainerOfType(node, isScenario);
}

/** The scenario's horizon in days, when it is written and valid. */
export function scenarioDuration(scenario: Scenario | undefined): number | undefined {
    const spec = scenario?.members?.find(isDurationSpec);
    const d = days(spec?.value);
    return d !== undefined && d > 0 ? d : undefined;
}

/** The drug a `give` administers, directly or through its regimen. */
export function drugOf(give: Give): Drug | undefined {
    const target = give.target?.ref;
    if (isDrug(target)) return target;
    if (isRegimen(target)) return target.drug?.ref;
    return undefined;
}

/** The dosing a `give` uses: its inline dose or its regimen's. */
export function dosingOf(give: Give): Dosing | undefined {
    if (give.dosing) return give.dosing;
    const target = give.target?.ref;
    return isRegimen(target) ? target.dosing : undefined;
}

/** When a `give` starts and stops, in days (stop undefined: until the end). */
export interface Window {
    readonly from: number;
    readonly until: number | undefined;
}

export function windowOf(give: { from?: Give['from'], until?: Give['until'] }): Window | undefined {
    const from = give.from ? days(give.from) : 0;
    if (from === undefined) return undefined;
    const until = give.until ? days(give.until) : undefined;
    if (give.until && until === undefined) return undefined;
    return { from, until };
}
