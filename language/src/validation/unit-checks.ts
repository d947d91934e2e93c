import type { AstNode, ValidationAcceptor } from 'langium';
import { isQuantity, type Quantity } from '../generated/ast.js';
import { describeDimension, type Dimension, lookupUnit, unitsOf } from '../../../simulator/index.js';
import { EXPECTED_QUANTITIES, type ExpectedQuantity } from './expected-dimensions.js';
import { issue, IssueCodes } from './issue-codes.js';
import { safeUnitSuggestions } from './unit-suggestions.js';
import { followedByDecimalComma } from './decimal-comma.js';

/** Units worth proposing for a dimension: the plural time units, every unit otherwise. */
export function proposedUnits(dimension: Dimension): string[] {
    if (dimension === 'time') return ['hours', 'days', 'weeks', 'months', 'years'];
    if (dimension === 'fold') return ['x'];
    return unitsOf(dimension).map(u => u.name);
}

function expects(expected: ExpectedQuantity): string {
    const kinds = expected.dimensions.map(describeDimension);
    return kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

/** Units of the expected dimensions, the implied one first. */
function candidateUnits(expected: ExpectedQuantity): string[] {
    return [...new Set([expected.unit, ...expected.dimensions.flatMap(proposedUnits)])];
}

/** Wrong dimension, unknown unit, missing unit (docs/language.md §5, §6) for every constrained quantity. */
export function checkQuantityUnits(node: AstNode, accept: ValidationAcceptor): void {
    const table = EXPECTED_QUANTITIES[node.$type];
    if (!table) return;
    for (const [property, expected] of Object.entries(table)) {
        const q = (node as unknown as Record<string, unknown>)[property];
        if (isQuantity(q)) checkUnit(q, expected, accept);
    }
}

export function checkUnit(q: Quantity, expected: ExpectedQuantity, accept: ValidationAcceptor): void {
    if (typeof q.value !== 'number' || !Number.isFinite(q.value)) return;
    const wanted = expects(expected);
    if (q.fold) {
        if (!expected.dimensions.includes('fold')) {
            accept('error', `The ${expected.label} expects ${wanted}, not a fold change: write e.g. \`${q.value} ${expected.unit}\`.`,
                { node: q, ...issue(IssueCodes.WrongUnit, { units: candidateUnits(expected), value: q.value }) });
        }
        return;
    }
    if (!q.unit) {
        // A slot that is neither a fraction nor a fold takes a bare 0 alone (`taper … to 0`): 0 needs no unit, 2.5 does.
        const bareNumber = expected.dimensions.includes('fraction') || expected.dimensions.includes('fold');
        if (expected.bare && (bareNumber || q.value === 0)) {
            if (expected.dimensions[0] === 'fraction' && q.value > 1) {
                accept('error', `A bare ${expected.label} is a fraction and must lie in [0, 1]; for a percentage write \`${q.value} %\`.`,
                    { node: q, ...issue(IssueCodes.MissingUnit, { units: ['%'] }) });
            }
            return;
        }
        // `7,5 mg`: the syntax error at the comma says "write 7.5"; a missing unit on the `7` would mislead.
        if (followedByDecimalComma(q)) return;
        accept('error', `The ${expected.label} needs a unit: ${wanted}. Write e.g. \`${q.value} ${expected.unit}\`.`,
            { node: q, ...issue(IssueCodes.MissingUnit, { units: candidateUnits(expected) }) });
        return;
    }
    const unit = lookupUnit(q.unit);
    if (!unit) {
        const suggestions = safeUnitSuggestions(q.unit, candidateUnits(expected));
        const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?` : '';
        accept('error', `Unknown unit '${q.unit}': the ${expected.label} expects ${wanted}.${hint}`,
            { node: q, property: 'unit', ...issue(IssueCodes.UnknownUnit, { suggestions }) });
        return;
    }
    if (!expected.dimensions.includes(unit.dimension)) {
        accept('error', `The ${expected.label} expects ${wanted}, but '${q.unit}' is ${describeDimension(unit.dimension).replace(/ \(.*\)$/, '')}. Write e.g. \`${q.value} ${expected.unit}\`.`,
            { node: q, property: 'unit', ...issue(IssueCodes.WrongUnit, { units: candidateUnits(expected) }) });
    }
}
