import type { AstNode, ValidationAcceptor } from 'langium';
import { isQuantity, type Quantity, type Scenario, type SampleSpec } from '../generated/ast.js';
import { CANONICAL_UNIT, lookupUnit } from '../../../simulator/index.js';
import { EXPECTED_QUANTITIES } from './expected-dimensions.js';
import { issue, IssueCodes } from './issue-codes.js';
import { days, formatDays, quantityText, valueAs } from './quantities.js';
import { scenarioDuration } from './scenario-facts.js';

/** Numbers outside what the model can use (docs/language.md §6 "Ranges"). */
export function checkQuantityRanges(node: AstNode, accept: ValidationAcceptor): void {
    const table = EXPECTED_QUANTITIES[node.$type];
    if (!table) return;
    for (const [property, { range, dimensions, label }] of Object.entries(table)) {
        const q = (node as unknown as Record<string, unknown>)[property];
        if (!range || !isQuantity(q)) continue;
        // In the canonical unit of whichever accepted dimension the value has (a dose in mg or mg/kg alike).
        const value = dimensions.map(d => valueAs(q, d)).find(v => v !== undefined);
        if (value === undefined) continue; // unit checks report it
        const tooLow = range.minOpen ? value <= range.min : value < range.min;
        const tooHigh = range.max !== undefined && value > range.max;
        if (tooLow || tooHigh) {
            accept('error', `The ${label} must be ${range.text}; ${quantityText(q)} is not.${value < 0 ? ' Negative values are not allowed here.' : ''}`,
                { node: q, ...issue(IssueCodes.OutOfRange) });
        } else if (range.warnAbove && value > range.warnAbove.value) {
            accept('warning', `The ${label} ${quantityText(q)} is unusually large: ${range.warnAbove.text}. Check the value.`,
                { node: q, ...issue(IssueCodes.LargeFold) });
        }
    }
}

/** `1e999` reads as Infinity: say so rather than computing with it. */
export function checkFinite(q: Quantity, accept: ValidationAcceptor): void {
    if (typeof q.value === 'number' && !Number.isFinite(q.value)) {
        accept('error', `${q.$cstNode?.text ?? 'This number'} is too large to compute with. Use a number below 1e308.`, { node: q, ...issue(IssueCodes.OutOfRange) });
        return;
    }
    // 1e308 years is finite but overflows once the model converts it to days.
    const unit = typeof q.value === 'number' && q.unit ? lookupUnit(q.unit) : undefined;
    if (unit && !Number.isFinite(q.value * unit.factor)) {
        accept('error', `${q.$cstNode?.text ?? 'This quantity'} is too large to compute with: it overflows in ${CANONICAL_UNIT[unit.dimension]}. Use a smaller number.`, { node: q, ...issue(IssueCodes.OutOfRange) });
    }
}

/** `sample every` cannot be coarser than the whole simulated horizon. */
export function checkSample(sample: SampleSpec, accept: ValidationAcceptor): void {
    const spacing = days(sample.value);
    const horizon = scenarioDuration(sample.$container as Scenario);
    if (spacing !== undefined && horizon !== undefined && spacing > 0 && spacing > horizon) {
        accept('error', `Sample spacing ${quantityText(sample.value)} is longer than the duration (${formatDays(horizon)}): the run would have no output between its ends. Use a spacing of at most the duration.`,
            { node: sample, property: 'value', ...issue(IssueCodes.SampleTooCoarse) });
    }
}
