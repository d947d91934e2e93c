import type { ValidationAcceptor } from 'langium';
import type { SetParameter } from '../generated/ast.js';
import { findParameter, lookupUnit, type ParameterInfo, PARAMETERS } from '../../../simulator/index.js';
import { issue, IssueCodes } from './issue-codes.js';
import { closestNames } from './name-suggestions.js';
import { quantityText } from './quantities.js';

/** `set NAME = VALUE`: the name must be in the model's parameter table and the value within its bounds. */
export function checkSetParameter(set: SetParameter, accept: ValidationAcceptor): void {
    if (!set.parameter) return;
    const parameter = findParameter(set.parameter);
    if (!parameter) {
        const suggestions = closestNames(set.parameter, PARAMETERS.map(p => p.name));
        const hint = suggestions.length > 0 ? `Did you mean ${suggestions.map(s => `'${s}'`).join(' or ')}?` : 'The model\'s parameters are listed in docs/model.md.';
        accept('error', `The model has no parameter '${set.parameter}'. ${hint}`,
            { node: set, property: 'parameter', ...issue(IssueCodes.UnknownParameter, { suggestions }) });
        return;
    }
    const q = set.value;
    if (!q || typeof q.value !== 'number' || !Number.isFinite(q.value)) return;
    const value = inParameterUnit(q.value, q.fold ? 'x' : q.unit, parameter);
    if (value === undefined) {
        accept('error', `'${parameter.name}' is in ${unitWords(parameter)}; '${q.fold ? 'x' : q.unit}' does not convert to it. Write the value ${isUnitless(parameter) ? 'as a bare number' : `in ${parameter.unit}`}.`,
            q.fold
                ? { node: q, ...issue(IssueCodes.WrongUnit, { units: isUnitless(parameter) ? [] : [parameter.unit], value: q.value }) }
                : { node: q, property: 'unit', ...issue(IssueCodes.WrongUnit, { units: isUnitless(parameter) ? [] : [parameter.unit] }) });
        return;
    }
    if (value < parameter.min || value > parameter.max) {
        const unit = isUnitless(parameter) ? '' : ` ${parameter.unit}`;
        accept('error', `'${parameter.name}' must lie in [${parameter.min}, ${parameter.max}]${unit} (the model is meaningless outside it); ${quantityText(q)} is not. Default: ${parameter.value}${unit}.`,
            { node: q, ...issue(IssueCodes.OutOfRange) });
    }
}

/** Parameter-table units that mean "a bare number". */
const UNITLESS = new Set(['', '-', '–', '1', 'dimensionless', 'fold', 'fraction']);

function isUnitless(p: ParameterInfo): boolean {
    return UNITLESS.has((p.unit ?? '').trim());
}

function unitWords(p: ParameterInfo): string {
    return isUnitless(p) ? 'no unit (a bare number)' : p.unit;
}

/** The value converted to the parameter's own unit; a bare number is taken as already in it. */
function inParameterUnit(value: number, unit: string | undefined, p: ParameterInfo): number | undefined {
    if (!unit) return value;
    if (!isUnitless(p) && unit.replace(/\s+/g, '') === p.unit.replace(/\s+/g, '')) return value;
    const from = lookupUnit(unit);
    const to = isUnitless(p) ? undefined : lookupUnit(p.unit);
    if (from && to && from.dimension === to.dimension) return value * from.factor / to.factor;
    if (from?.dimension === 'fraction' && p.unit === 'fraction') return value * from.factor;
    if (from?.dimension === 'fold' && p.unit === 'fold') return value;
    return undefined;
}
