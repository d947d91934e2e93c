import { describe, expect, test } from 'vitest';
import { seriesUnit } from '../../report/series-catalog.js';

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
