/**
 * Hover facts of a `data` declaration (docs/data-and-fit.md): its file, rows, groups with their point
 * counts and the time range, read from the data cache that validation filled (never from disk here).
 */
import { AstUtils } from 'langium';
import type { DataTable, Observe } from '../generated/ast.js';
import { findColumn, groupsOf, selectPoints } from '../../../simulator/index.js';
import { scenarioDuration, scenarioOf } from '../validation/scenario-facts.js';
import { formatDays } from '../validation/quantities.js';
import { dataFiles } from '../workspace/data-files.js';
import { dataPathOf, dataSpecOf, shownDataPath } from '../compiler/compile-data.js';
import { formatNumber } from './format-number.js';

export function dataFacts(decl: DataTable): string[] {
    const file = dataPathOf(decl);
    if (!file) return ['No file yet: add `file "data/measurements.csv"`.'];
    const shown = shownDataPath(file, AstUtils.getDocument(decl));
    const loaded = dataFiles.peek(file);
    if (!loaded) return [`File: ${shown} (not read yet)`];
    if (!loaded.ok) return [`File: ${shown} — ${loaded.error.message}`];
    const table = loaded.table;
    const lines = [`File: ${shown} · ${table.rows.toLocaleString('en-US')} rows · columns ${table.header.map(h => `\`${h}\``).join(', ')}`];
    const spec = dataSpecOf(decl);
    if (typeof spec !== 'string') {
        const time = findColumn(table, spec.timeColumn)?.numbers;
        const value = findColumn(table, spec.valueColumn)?.numbers;
        if (time && value) {
            let lo = Infinity, hi = -Infinity, used = 0;
            for (let i = 0; i < table.rows; i++) {
                if (Number.isNaN(value[i]) || Number.isNaN(time[i])) continue;
                used++;
                lo = Math.min(lo, time[i]);
                hi = Math.max(hi, time[i]);
            }
            const unit = decl.timeUnit ?? 'days';
            lines.push(used > 0 ? `Rows used: ${used} · times ${formatNumber(lo)} to ${formatNumber(hi)} ${unit}` : 'No row has both a time and a value.');
        }
        if (spec.groupColumn) {
            const groups = groupsOf(table, spec.groupColumn);
            if (groups.length > 0) lines.push(`Groups: ${groups.slice(0, 12).map(g => `"${g.value}" (${g.rows})`).join(', ')}${groups.length > 12 ? ` and ${groups.length - 12} more` : ''}`);
        }
    }
    if (table.comments.length > 0) lines.push(`Source: ${table.comments.slice(0, 4).join(' ').slice(0, 300)}`);
    return lines;
}

/**
 * Hover facts of an `observe` line: how many of the data's points it compares (inside the scenario's
 * horizon; later ones are ignored) and their time range. From the data cache that validation filled.
 */
export function observeFacts(observe: Observe): string[] {
    const decl = observe.data?.ref;
    if (!decl) return [];
    const file = dataPathOf(decl);
    const loaded = file ? dataFiles.peek(file) : undefined;
    const spec = dataSpecOf(decl);
    const which = `${decl.name}${observe.group !== undefined ? ` where "${observe.group}"` : ''}`;
    if (!loaded?.ok || typeof spec === 'string') return [`Compares ${which} with this arm's series (the data are not read yet).`];
    const points = selectPoints(loaded.table, spec, observe.group);
    if (Array.isArray(points)) return [`${which}: ${points[0].message}`];
    const scenario = scenarioOf(observe);
    const duration = scenario ? scenarioDuration(scenario) : undefined;
    const inside = points.times.filter(t => t >= 0 && (duration === undefined || t <= duration * (1 + 1e-12)));
    const lines = [`${inside.length} point${inside.length === 1 ? '' : 's'} of ${which}${duration !== undefined ? ` inside the scenario's ${formatDays(duration)}` : ''}`
        + (inside.length < points.times.length ? ` (${points.times.length - inside.length} outside it are ignored)` : '')];
    if (inside.length > 0) lines.push(`Times ${formatNumber(Math.min(...inside))} to ${formatNumber(Math.max(...inside))} days · ${points.errors ? 'weighted by the data\'s errors' : 'unweighted (no errors given)'}`);
    lines.push('Run the scenario to see the points on its chart and their goodness of fit.');
    return lines;
}
