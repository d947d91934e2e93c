import { describe, expect, test } from 'vitest';
import { seriesLabel, seriesUnit } from '../../report/series-catalog.js';

/**
 * One table of the series' units (report/series-catalog.ts) for the charts and the text table of `osteo run`:
 * the table's column header says the same unit, shorter and without nested parentheses.
 */
describe('series units, on a chart and in a table header', () => {
    test.each([
        ['bmd.lumbar_spine', '% change from baseline', '% change'],
        ['osteoclasts', '% of baseline', '% of baseline'],
        ['osteoclasts@alveolar_bone', '% of baseline', '% of baseline'],
        ['rankl', 'pM (model units)', 'pM, model units'],
        ['rankl_opg_ratio', 'ratio (model units)', 'ratio, model units'],
        ['IL_6', 'pg/mL, free', 'pg/mL, free'],
        ['drug.adalimumab', 'mg/L', 'mg/L'],
        ['alveolar_height_loss_mm', 'mm', 'mm'],
        ['something_new', '', '']
    ])('%s: %s on a chart, %s in a table', (key, chart, table) => {
        expect([seriesUnit(key), seriesUnit(key, 'table')]).toEqual([chart, table]);
    });
});

/** What a series is, in its label: a drug's concentration says where it is, a cytokine that it is the free level (issue 11). */
describe('series labels say what is measured', () => {
    test.each([
        ['drug.adalimumab', 'Adalimumab: plasma concentration'],
        ['drug.zoledronic_acid', 'Zoledronic acid: plasma concentration'],
        ['drug.adalimumab@hand', 'Adalimumab: tissue concentration, Hand (periarticular)'],
        ['TNF_alpha', 'Free TNF-α'],
        ['TNF_alpha@hand', 'Free TNF-α: Hand (periarticular)'],
        ['rankl_opg_ratio', 'RANKL:OPG ratio (model units)']
    ])('%s → %s', (key, label) => {
        expect(seriesLabel(key)).toBe(label);
    });
});
