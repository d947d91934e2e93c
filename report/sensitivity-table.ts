/** A local sensitivity as a text table (`osteo sensitivity`, `osteo run --format table`): coefficients ranked, with the basis of each value. */
import { formatDays, type SensitivityResult } from '../simulator/index.js';

/** The coefficients as a table, largest first, with the basis of each parameter's value. */
export function formatSensitivityTable(r: SensitivityResult): string {
    const number = (x: number) => Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
    const lines = [
        `Sensitivity of ${r.output} at day ${+r.at.toPrecision(6)} (${formatDays(r.at)}) — scenario ${r.scenario}, arm ${r.arm}; value ${number(r.baseline)}`,
        r.form === 'normalised'
            ? `Coefficient: d ln(${r.output}) / d ln(parameter), central differences at ×exp(±${r.step})`
            : `Coefficient: d ${r.output} / d ln(parameter), in the output's unit, central differences at ×exp(±${r.step})`,
        ''
    ];
    const rows = r.parameters.map(p => [p.name, number(p.value), p.unit, number(p.coefficient), p.assumption ? 'ASSUMPTION/fit' : 'published']);
    const header = ['parameter', 'value', 'unit', 'coefficient', 'basis'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
    const format = (row: string[]) => row.map((cell, i) => i === 1 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join('  ').trimEnd();
    lines.push(format(header), ...rows.map(format));
    if (r.notes.length > 0) lines.push('', ...r.notes.map(n => `Note: ${n}`));
    return lines.join('\n') + '\n';
}
