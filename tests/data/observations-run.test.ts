import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { simulateCompiled } from '../../simulator/index.js';
import { compileDocument } from '../../language/src/compiler/compile-document.js';
import { validationSetup } from '../language/validation-helpers.js';
import { formatScenarioTable, num } from '../../report/results-table.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-obs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('observe: data times are solver output times; run results gain observations (docs/data-and-fit.md §2, §5)', async () => {
    const { validate } = await validationSetup();

    test('predicted values are the series at the data times, exactly; residuals and goodness of fit follow', async () => {
        fs.writeFileSync(path.join(dir, 'spine.csv'), '# test table\nday,bmd,se,arm\n0,0,0.5,placebo\n45.3,-0.6,0.5,placebo\n200,-1.5,0.5,placebo\n900,-9,0.5,placebo\n');
        const text = `data Spine {\n file "spine.csv"\n time column "day" in days\n value column "bmd"\n error column "se" as se\n group column "arm"\n}\n`
            + 'scenario S {\n duration 1 year\n sample every 30 days\n condition postmenopausal_osteoporosis\n arm placebo {}\n observe bmd at lumbar_spine in placebo from Spine where "placebo"\n}\n';
        const { document, diagnostics } = await validate(text, pathToFileURL(path.join(dir, 'main.osteo')).toString());
        expect(diagnostics?.map(d => d.code)).toEqual(['data-outside-horizon']);
        const compiled = compileDocument(document.parseResult.value);
        const [result] = simulateCompiled(compiled);
        const arm = result.arms[0];
        // 45.3 is not on the 30-day grid: it was added to the output times, not interpolated.
        expect(arm.time).toContain(45.3);
        const [obs] = result.observations!;
        expect(obs).toMatchObject({ data: 'Spine', arm: 'placebo', series: 'bmd.lumbar_spine', group: 'placebo', time: [0, 45.3, 200], value: [0, -0.6, -1.5], error: [0.5, 0.5, 0.5] });
        const series = arm.series['bmd.lumbar_spine'];
        expect(obs.predicted).toEqual(obs.time.map(t => series[arm.time.indexOf(t)]));
        expect(obs.residual).toEqual(obs.predicted.map((p, i) => p - obs.value[i]));
        const wssr = obs.residual.reduce((s, r) => s + (r / 0.5) ** 2, 0);
        expect(result.goodnessOfFit!.points).toBe(3);
        expect(result.goodnessOfFit!.wssr).toBeCloseTo(wssr, 12);
        expect(result.goodnessOfFit!.rmse).toBeCloseTo(Math.sqrt(obs.residual.reduce((s, r) => s + r * r, 0) / 3), 12);

        // osteo run --format table ends the scenario with the same figures.
        const table = formatScenarioTable(result).split('\n');
        const at = table.findIndex(l => l.startsWith('Goodness of fit'));
        expect(at).toBeGreaterThan(0);
        expect(table[at + 3].split(/\s+/)).toEqual(['placebo', 'Spine', '"placebo"', 'bmd.lumbar_spine', '3', num(wssr), num(result.goodnessOfFit!.rmse)]);
        expect(table[at + 4].split(/\s+/)).toEqual(['all', '3', num(wssr), num(result.goodnessOfFit!.rmse)]);
    });
});
