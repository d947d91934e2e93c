import type { RunResult } from '../simulator/index.js';

export const CSV_HEADER = 'scenario,arm,time_days,series,value';

/** Long format (README "Command line"): one row per sample of every series, full precision. */
export function formatCsv(result: RunResult): string {
    const lines = [CSV_HEADER];
    for (const scenario of result.scenarios) {
        for (const arm of scenario.arms) {
            const prefix = `${field(scenario.name)},${field(arm.name)},`;
            for (const [key, values] of Object.entries(arm.series)) {
                const series = field(key);
                for (let i = 0; i < values.length; i++) lines.push(`${prefix}${arm.time[i]},${series},${values[i]}`);
            }
        }
    }
    return lines.join('\n') + '\n';
}

function field(text: string): string {
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
