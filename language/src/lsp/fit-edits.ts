/**
 * "Apply fitted values" (docs/data-and-fit.md §6): the text edits that write a fit's estimates into its
 * scenario as `set NAME = VALUE` lines. An existing `set` line keeps its unit and only its number
 * changes (the fitted value converted into that unit, so the line means the fitted value); a missing
 * one is added as a bare number (the parameter table's unit) next to the scenario's other `set` lines. One value per
 * parameter and scenario: a per-arm estimate (`estimate … in ARM`) has no `set` form and is skipped.
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { Position, TextEdit } from 'vscode-languageserver';
import { isModel, isScenario, isSetParameter, type Quantity, type Scenario, type SetParameter } from '../generated/ast.js';
import { findParameter } from '../../../simulator/index.js';
import { parameterQuantity } from '../compiler/compile-analysis.js';

export interface FittedValue {
    readonly name: string;
    readonly arm: string | null;
    /** In the parameter table's unit (the `value` of `osteo fit` JSON). */
    readonly value: number;
}

export interface FitEditPlan {
    readonly edits: TextEdit[];
    /** What each written line now says, e.g. `set bmd_gob_total_hip = 0.3121`. */
    readonly written: { readonly name: string; readonly text: string; readonly added: boolean }[];
    readonly skipped: { readonly name: string; readonly reason: string }[];
}

/** Four significant digits, without an exponent where the grammar's plain decimals read better. */
export function formatFitted(x: number): string {
    const rounded = Number(x.toPrecision(4));
    const abs = Math.abs(rounded);
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e7)) return rounded.toExponential(3).replace(/\.?0+e/, 'e');
    return String(rounded);
}

export function fitEdits(document: LangiumDocument, scenarioName: string, values: readonly FittedValue[]): FitEditPlan {
    const model = document.parseResult.value;
    const scenario = isModel(model) ? model.declarations.filter(isScenario).find(s => s.name === scenarioName) : undefined;
    if (!scenario?.$cstNode) return { edits: [], written: [], skipped: values.map(v => ({ name: v.name, reason: `no scenario ${scenarioName} in the document` })) };
    const edits: TextEdit[] = [];
    const written: FitEditPlan['written'][number][] = [];
    const skipped: FitEditPlan['skipped'][number][] = [];
    const added: string[] = [];
    for (const v of values) {
        const info = findParameter(v.name);
        if (!info) {
            skipped.push({ name: v.name, reason: 'not a model parameter' });
            continue;
        }
        if (v.arm !== null) {
            skipped.push({ name: v.name, reason: `estimated for arm ${v.arm} only; a set line applies to every arm` });
            continue;
        }
        if (!Number.isFinite(v.value)) {
            skipped.push({ name: v.name, reason: 'no finite value' });
            continue;
        }
        // The last line wins when a scenario sets a parameter twice; that is the one to change.
        const existing = scenario.members.filter(isSetParameter).filter(s => s.parameter === info.name).at(-1);
        if (existing) {
            const edit = numberEdit(existing, v.value, info);
            if (typeof edit === 'string') skipped.push({ name: v.name, reason: edit });
            else {
                edits.push(edit.edit);
                written.push({ name: info.name, text: `set ${info.name} = ${edit.text}`, added: false });
            }
            continue;
        }
        // A bare number is in the parameter table's unit (the unit the fit reports), whatever that unit's spelling.
        const line = `set ${info.name} = ${formatFitted(v.value)}`;
        added.push(line);
        written.push({ name: info.name, text: line, added: true });
    }
    if (added.length > 0) edits.push(insertion(document, scenario, added));
    return { edits, written, skipped };
}

/** Replaces the number of a `set` line, converted into the line's own unit. */
function numberEdit(set: SetParameter, value: number, info: NonNullable<ReturnType<typeof findParameter>>): { edit: TextEdit; text: string } | string {
    const q = set.value;
    const factor = q ? parameterQuantity({ ...q, value: 1 } as Quantity, info) : undefined;
    if (!q?.$cstNode || factor === undefined || !(factor > 0)) return `the unit of its set line (${q?.unit ?? 'none'}) is not a unit of ${info.name} (${info.unit})`;
    const numberNode = GrammarUtils.findNodeForProperty(q.$cstNode, 'value');
    if (!numberNode) return 'its set line has no number to change';
    const text = formatFitted(value / factor);
    return { edit: { range: numberNode.range, newText: text }, text: `${text}${q.fold ? '' : q.unit ? ` ${q.unit}` : ''}` };
}

/** New lines after the scenario's last `set`, else before its first observe or fit, else before its `}`. */
function insertion(document: LangiumDocument, scenario: Scenario, lines: readonly string[]): TextEdit {
    const text = document.textDocument.getText();
    const members = scenario.members.filter(m => m.$cstNode);
    const indent = members.length > 0 ? indentOf(text, members[0].$cstNode!.offset) : '    ';
    const lastSet = members.filter(isSetParameter).at(-1);
    const before = members.find(m => m.$type === 'Observe' || m.$type === 'Fit');
    let at: Position;
    if (lastSet) at = document.textDocument.positionAt(lastSet.$cstNode!.end);
    else if (before) {
        const start = document.textDocument.positionAt(before.$cstNode!.offset);
        // Before the line of the observe/fit, as whole lines.
        return { range: { start: { line: start.line, character: 0 }, end: { line: start.line, character: 0 } }, newText: lines.map(l => `${indent}${l}\n`).join('') };
    } else {
        // After the last member, or just inside the scenario's closing brace.
        const close = text.lastIndexOf('}', scenario.$cstNode!.end - 1);
        at = document.textDocument.positionAt(members.at(-1)?.$cstNode?.end ?? (close > scenario.$cstNode!.offset ? close : scenario.$cstNode!.end));
    }
    return { range: { start: at, end: at }, newText: lines.map(l => `\n${indent}${l}`).join('') };
}

function indentOf(text: string, offset: number): string {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}
