/**
 * A scenario's `sensitivity` blocks as the results view and the report show them (docs/language.md §3.7):
 * Sobol and Morris studies as one figure each (global-sensitivity-svg.ts draws it, in the page's theme and
 * width), local ones as the ranked coefficient chart of the local sensitivity view. Malformed input becomes
 * a sentence for the reader, not a broken chart.
 */
import { formatDays, type GlobalSensitivityParameter, type GlobalSensitivityResult, type ScenarioResult, type ScenarioSensitivityResult } from '../simulator/index.js';
import { numberOrNull, text } from './exploration-input.js';

import { seriesLabel, seriesUnit } from './series-catalog.js';
import { buildSensitivityView, type SensitivityView } from './sensitivity-view.js';

export interface GlobalSensitivityView {
    readonly kind: 'global';
    /** Unique within the scenario: element ids and export file names. */
    readonly id: string;
    readonly name: string;
    readonly title: string;
    readonly method: 'sobol' | 'morris';
    /** "Total-hip BMD at 6 months, 12 months, 24 months · arm untreated · 64 base samples, 512 runs, seed 7 · study HipLoss". */
    readonly meta: string;
    /** What the bars mean, for the figure's caption. */
    readonly caption: string;
    /** The study as the figure reads it (ranked parameters, indices over time). */
    readonly result: GlobalSensitivityResult;
    readonly notes: string[];
    readonly assumedCount: number;
    readonly problem?: string;
}

export interface LocalStudyView {
    readonly kind: 'local';
    readonly id: string;
    readonly name: string;
    readonly title: string;
    readonly view: SensitivityView;
}

export type StudyView = GlobalSensitivityView | LocalStudyView;

export function buildStudyViews(scenario: ScenarioResult): StudyView[] {
    const studies = Array.isArray(scenario.sensitivities) ? scenario.sensitivities.filter(s => typeof s === 'object' && s !== null) : [];
    const used = new Set<string>();
    return studies.map((study, i) => {
        const name = text(study.name, `study ${i + 1}`);
        let id = `sensitivity-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
        while (used.has(id)) id += '_';
        used.add(id);
        const title = text(study.title, '') || name;
        return study.method === 'local'
            ? { kind: 'local', id, name, title, view: buildSensitivityView(study, { durationDays: scenario.durationDays }) }
            : globalView(study, id, name, title);
    });
}

function globalView(study: Exclude<ScenarioSensitivityResult, { method: 'local' }>, id: string, name: string, title: string): GlobalSensitivityView {
    const sobol = study.method !== 'morris';
    const parameters = cleanParameters(study.parameters);
    const overTime = Array.isArray(study.overTime)
        ? study.overTime.filter(t => numberOrNull(t?.at) !== null).map(t => ({ at: t.at, parameters: cleanParameters(t.parameters) }))
        : [];
    const output = text(study.output);
    const unit = text(study.unit) || seriesUnit(output);
    const times = overTime.length > 0 ? overTime.map(t => formatDays(t.at)).join(', ') : numberOrNull(study.at) !== null ? formatDays(study.at) : 'the end';
    const samples = numberOrNull(study.samples), runs = numberOrNull(study.runs), used = numberOrNull(study.samplesUsed);
    const meta = [
        `${seriesLabel(output)} at ${times}`,
        `arm ${text(study.arm)}`,
        [samples !== null ? `${samples} ${sobol ? 'base samples' : 'trajectories'}` : '', runs !== null ? `${runs} runs` : '', `seed ${text(study.seed)}`].filter(Boolean).join(', ')
            + (used !== null && samples !== null && used < samples ? ` (${used} used)` : ''),
        `study ${name}`
    ].join(' · ');
    const result: GlobalSensitivityResult = {
        ...study, method: sobol ? 'sobol' : 'morris', output, unit, parameters,
        overTime: overTime.length > 0 ? overTime : [{ at: numberOrNull(study.at) ?? 0, parameters }],
        notes: Array.isArray(study.notes) ? study.notes.filter((n): n is string => typeof n === 'string') : []
    };
    return {
        kind: 'global', id, name, title, method: result.method, meta,
        caption: sobol
            ? `share of the variance of ${seriesLabel(output)} at ${formatDays(result.at)}, parameters ranked by total index · whiskers: bootstrap 95 % intervals`
            : `μ* (mean |elementary effect|, ${unit} per whole range) at ${formatDays(result.at)}, ranked · σ marks interactions or non-linearity`,
        result, notes: result.notes,
        assumedCount: parameters.filter(p => p.assumption).length,
        problem: parameters.length === 0 ? 'The study returned no parameters.' : undefined
    };
}

function cleanParameters(value: unknown): GlobalSensitivityParameter[] {
    if (!Array.isArray(value)) return [];
    return value.filter(p => typeof p === 'object' && p !== null).map(p => {
        const q = p as GlobalSensitivityParameter;
        const n = (x: unknown) => numberOrNull(x) ?? undefined;
        const ci = (c: unknown): [number, number] | undefined => Array.isArray(c) && c.length === 2 && c.every(x => numberOrNull(x) !== null) ? [c[0], c[1]] : undefined;
        return {
            name: text(q.name), unit: text(q.unit), low: numberOrNull(q.low) ?? NaN, high: numberOrNull(q.high) ?? NaN,
            first: n(q.first), firstCi95: ci(q.firstCi95), total: n(q.total), totalCi95: ci(q.totalCi95),
            muStar: n(q.muStar), muStarCi95: ci(q.muStarCi95), mu: n(q.mu), sigma: n(q.sigma),
            assumption: q.assumption === true
        };
    });
}
