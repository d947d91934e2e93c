/**
 * The model's single parameter table: every parameter with its value, unit, meaning and source.
 * `set NAME = VALUE` in a scenario is validated against this table, and docs/model.md lists it.
 * (Skeleton: the model implementation completes the table.)
 */

export type ParameterBasis = 'published' | 'assumption' | 'fitted';

export interface ParameterInfo {
    /** snake_case name used in `set` (model.md §5 names for the couplings). */
    readonly name: string;
    /** Symbol in model.md / Pivonka 2008. */
    readonly symbol: string;
    readonly value: number;
    readonly unit: string;
    readonly meaning: string;
    readonly source: string;
    readonly basis: ParameterBasis;
    /** Values outside [min, max] make the model meaningless and are rejected by validation. */
    readonly min: number;
    readonly max: number;
}

export const PARAMETERS: readonly ParameterInfo[] = [];

const byName = new Map<string, ParameterInfo>();

export function findParameter(name: string): ParameterInfo | undefined {
    if (byName.size !== PARAMETERS.length) for (const p of PARAMETERS) byName.set(p.name, p);
    return byName.get(name);
}
