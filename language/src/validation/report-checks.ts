/**
 * `report … at T, T` (summary times) and `compare to ARM` (docs/language.md §3.4): a report line says
 * something, its times are times within the horizon, and a scenario compares against one arm.
 */
import type { ValidationAcceptor } from 'langium';
import { isCompare, isDurationSpec, type Report, type Scenario } from '../generated/ast.js';
import { QUANTITY_TABLE } from '../../../simulator/index.js';
import { checkUnit } from './unit-checks.js';
import { issue, IssueCodes } from './issue-codes.js';
import { days } from './quantities.js';

export function checkReport(report: Report, accept: ValidationAcceptor): void {
    if ((report.items ?? []).length === 0 && (report.times ?? []).length === 0) {
        accept('error', '`report` needs what to report (e.g. `report bmd at total_hip`) or when to summarise (e.g. `report at 6 months, 2 years`).',
            { node: report, keyword: 'report' });
        return;
    }
    const scenario = report.$container as Scenario | undefined;
    const duration = scenario?.members?.find(isDurationSpec)?.value;
    const horizon = days(duration);
    for (const time of report.times ?? []) {
        checkUnit(time, QUANTITY_TABLE.Report.times, accept);
        const at = days(time);
        if (at === undefined) continue;
        if (at < 0) accept('error', 'A summary time cannot be before the start of the scenario.', { node: time });
        else if (horizon !== undefined && at > horizon * (1 + 1e-9)) {
            accept('warning', `This summary time is after the end of the ${+horizon.toPrecision(6)}-day horizon: its column will be empty (–).`, { node: time });
        }
    }
}

export function checkCompares(scenario: Scenario, accept: ValidationAcceptor): void {
    (scenario.members ?? []).filter(isCompare).slice(1).forEach(extra => accept('error',
        '`compare to` is given more than once in this scenario; the difference column has one reference arm. Remove the extra one.',
        { node: extra, keyword: 'compare', ...issue(IssueCodes.DuplicateProperty) }));
}
