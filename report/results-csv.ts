import type { PopulationResult, RunResult, ScenarioSensitivityResult, SweepResult } from '../simulator/index.js';

export const CSV_HEADER = 'scenario,arm,time_days,series,value';
/**
 * The columns a run with sweeps or populations adds (docs/language.md "CSV columns"); a run without
 * them keeps the five-column header of interfaces.md, so existing readers are unaffected.
 */
export const CSV_ANALYSIS_COLUMNS = 'analysis,statistic,parameter,parameter_value,parameter2,parameter2_value';

/**
 * Long format (README "Command line"): one row per sample of every series, full precision. Sweeps add one row
 * per run (`analysis` = `sweep NAME`, `statistic` = `value`, the swept values in `parameter_value`,
 * `parameter2_value`); populations one row per arm, series, time and statistic (`median`, `p05`, `p95`), and one
 * row per arm and `responders` line (`statistic` = `responders`, `value` = the fraction, `parameter` = the condition
 * as written, `parameter_value` = the count, `parameter2` = `of`, `parameter2_value` = the patients counted).
 * A `sensitivity` block adds, per time and parameter, one row per statistic (`analysis` = `sensitivity NAME`;
 * Sobol `first`, `first_lo`, `first_hi`, `total`, `total_lo`, `total_hi`; Morris `mu_star`, `mu_star_lo`,
 * `mu_star_hi`, `sigma`, `mu`; local `coefficient`), `parameter` = the parameter with its unit, `parameter_value`
 * = the range's low end (local: the parameter's value), `parameter2` = `to`, `parameter2_value` = its high end.
 */
export function formatCsv(result: RunResult): string {
    const extended = result.scenarios.some(s => (s.sweeps?.length ?? 0) > 0 || (s.populations?.length ?? 0) > 0 || (s.sensitivities?.length ?? 0) > 0);
    const lines = [extended ? `${CSV_HEADER},${CSV_ANALYSIS_COLUMNS}` : CSV_HEADER];
    const tail = extended ? ',,,,,,' : '';
    for (const scenario of result.scenarios) {
        for (const arm of scenario.arms) {
            const prefix = `${field(scenario.name)},${field(arm.name)},`;
            for (const [key, values] of Object.entries(arm.series)) {
                const series = field(key);
                for (let i = 0; i < values.length; i++) lines.push(`${prefix}${arm.time[i]},${series},${values[i]}${tail}`);
            }
        }
        for (const sweep of scenario.sweeps ?? []) lines.push(...sweepRows(scenario.name, sweep));
        for (const population of scenario.populations ?? []) lines.push(...populationRows(scenario.name, population));
        for (const study of scenario.sensitivities ?? []) lines.push(...sensitivityRows(scenario.name, study));
    }
    return lines.join('\n') + '\n';
}

function sweepRows(scenario: string, sweep: SweepResult): string[] {
    const rows: string[] = [];
    const second = sweep.values2 && sweep.values2.length > 0 ? sweep.values2 : undefined;
    const analysis = field(`sweep ${sweep.name}`);
    const parameter = (name: string, unit: string | undefined) => field(unit ? `${name} (${unit})` : name);
    sweep.values.forEach((v, i) => {
        const runs = second ? second.map((w, j) => ({ w, r: sweep.results[i * second.length + j] })) : [{ w: undefined, r: sweep.results[i] }];
        for (const { w, r } of runs) {
            rows.push([field(scenario), field(sweep.arm), sweep.at, field(sweep.measure), r, analysis, 'value',
                parameter(sweep.parameter, sweep.unit), field(String(v)),
                second ? parameter(sweep.parameter2 ?? '', sweep.unit2) : '', w === undefined ? '' : field(String(w))].join(','));
        }
    });
    return rows;
}

function populationRows(scenario: string, population: PopulationResult): string[] {
    const rows: string[] = [];
    const analysis = field(`population ${population.name}`);
    for (const arm of population.arms) {
        for (const [statistic, table] of [['median', arm.median], ['p05', arm.p05], ['p95', arm.p95]] as const) {
            for (const [key, values] of Object.entries(table)) {
                const prefix = `${field(scenario)},${field(arm.name)},`;
                const series = field(key);
                for (let i = 0; i < values.length; i++) rows.push(`${prefix}${arm.time[i]},${series},${values[i]},${analysis},${statistic},,,,`);
            }
        }
        for (const r of arm.responders ?? []) {
            rows.push([field(scenario), field(arm.name), r.atDays, field(r.key), r.fraction, analysis, 'responders', field(r.label), r.count, 'of', r.of].join(','));
        }
    }
    return rows;
}

function sensitivityRows(scenario: string, study: ScenarioSensitivityResult): string[] {
    const rows: string[] = [];
    const analysis = field(`sensitivity ${study.name}`);
    const prefix = (at: number) => `${field(scenario)},${field(study.arm)},${at},${field(study.output)},`;
    const parameter = (name: string, unit: string) => field(unit && unit !== '–' ? `${name} (${unit})` : name);
    if (study.method === 'local') {
        for (const p of study.parameters) rows.push(`${prefix(study.at)}${p.coefficient},${analysis},coefficient,${parameter(p.name, p.unit)},${p.value},,`);
        return rows;
    }
    for (const { at, parameters } of study.overTime) {
        for (const p of parameters) {
            const statistics: [string, number | undefined][] = study.method === 'sobol'
                ? [['first', p.first], ['first_lo', p.firstCi95?.[0]], ['first_hi', p.firstCi95?.[1]], ['total', p.total], ['total_lo', p.totalCi95?.[0]], ['total_hi', p.totalCi95?.[1]]]
                : [['mu_star', p.muStar], ['mu_star_lo', p.muStarCi95?.[0]], ['mu_star_hi', p.muStarCi95?.[1]], ['sigma', p.sigma], ['mu', p.mu]];
            for (const [statistic, value] of statistics) {
                rows.push(`${prefix(at)}${value ?? ''},${analysis},${statistic},${parameter(p.name, p.unit)},${p.low},to,${p.high}`);
            }
        }
    }
    return rows;
}

function field(text: string): string {
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
