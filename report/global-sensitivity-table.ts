/** A Sobol or Morris study as a text table (`osteo sensitivity --method sobol|morris`): ranked, with intervals and the basis of each value. */
import type { GlobalSensitivityResult } from '../simulator/index.js';
import { formatDuration } from './format.js';

const number = (x: number | undefined) => x === undefined || !Number.isFinite(x) ? '—'
    : Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(3)));
const range = (ci: [number, number] | undefined) => ci ? `[${number(ci[0])}, ${number(ci[1])}]` : '';

export function formatGlobalSensitivityTable(r: GlobalSensitivityResult): string {
    const sobol = r.method === 'sobol';
    const lines = [
        `${sobol ? 'Sobol indices' : 'Morris screening'} of ${r.output} (${r.unit}) at day ${+r.at.toPrecision(6)} (${formatDuration(r.at)}) — scenario ${r.scenario}, arm ${r.arm}`,
        `${r.samples} ${sobol ? 'base samples' : 'trajectories'}, ${r.runs} runs, seed ${r.seed}${r.samplesUsed < r.samples ? `; ${r.samplesUsed} samples used` : ''}`,
        ''
    ];
    const header = sobol
        ? ['parameter', 'low', 'high', 'unit', 'first', '95 % CI', 'total', '95 % CI', 'basis']
        : ['parameter', 'low', 'high', 'unit', 'mu*', '95 % CI', 'sigma', 'mu', 'basis'];
    const rows = r.parameters.map(p => [p.name, number(p.low), number(p.high), p.unit,
        ...(sobol ? [number(p.first), range(p.firstCi95), number(p.total), range(p.totalCi95)] : [number(p.muStar), range(p.muStarCi95), number(p.sigma), number(p.mu)]),
        p.assumption ? 'ASSUMPTION/fit' : 'published']);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
    const numeric = new Set([1, 2, 4, 6, 7]);
    const format = (row: string[]) => row.map((cell, i) => numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join('  ').trimEnd();
    lines.push(format(header), ...rows.map(format));
    if (r.overTime.length > 1) {
        const top = r.parameters.slice(0, 5).map(p => p.name);
        lines.push('', `${sobol ? 'Total index' : 'mu*'} over time (largest five at day ${+r.at.toPrecision(6)}):`);
        const timeHeader = ['parameter', ...r.overTime.map(t => formatDuration(t.at))];
        const timeRows = top.map(name => [name, ...r.overTime.map(t => number(sobol ? t.parameters.find(p => p.name === name)?.total : t.parameters.find(p => p.name === name)?.muStar))]);
        const w = timeHeader.map((h, i) => Math.max(h.length, ...timeRows.map(row => row[i].length)));
        const f = (row: string[]) => row.map((c, i) => i === 0 ? c.padEnd(w[i]) : c.padStart(w[i])).join('  ').trimEnd();
        lines.push(f(timeHeader), ...timeRows.map(f));
    }
    if (r.notes.length > 0) lines.push('', ...r.notes.map(n => `Note: ${n}`));
    return lines.join('\n') + '\n';
}
