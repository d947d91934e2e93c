import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { isScenario, type Model } from '../../language/src/generated/ast.js';
import { serialRunner, simulateCompiled } from '../../simulator/index.js';
import { compileDocument } from '../../language/src/compiler/compile-document.js';
import { compileFit } from '../../language/src/compiler/compile-fit.js';
import { mulberry32, standardNormal } from '../../simulator/analysis/random.js';
import { runFit } from '../../simulator/fit/run-fit.js';
import { validationSetup } from '../language/validation-helpers.js';

/**
 * Parameter recovery (issue: "How to show it"): simulate a menopause scenario with known parameter
 * values, add seeded Gaussian noise, write the CSV, fit from other starting values. The 95 % intervals
 * must contain the truth, the residuals must look like the noise, and a parameter the data cannot
 * see (IL-1's RANKL gain, with no IL-1 drive in this condition) must be flagged.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-recovery-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TRUTH = { bmd_kout_lumbar_spine: 0.0009, bmd_goc_lumbar_spine: 0.3 };
const SIGMA = 0.25;
const MONTHS = [1, 3, 6, 9, 12, 15, 18, 21, 24, 30, 36];

const scenarioText = (body: string) => `scenario Menopause {\n    duration 3 years\n    sample every 30 days\n    patient { age 50 years menopause at 50 years }\n    condition postmenopausal_osteoporosis\n${body}\n}\n`;

describe('parameter recovery from synthetic data', async () => {
    const { validate } = await validationSetup();
    const open = async (text: string, name: string) => {
        const { document, diagnostics } = await validate(text, pathToFileURL(path.join(dir, name)).toString());
        expect(diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        return document.parseResult.value as Model;
    };

    test('two estimates: intervals contain the true values; residuals are consistent with the noise', async () => {
        const truthModel = await open(scenarioText(`    set bmd_kout_lumbar_spine = ${TRUTH.bmd_kout_lumbar_spine}\n    set bmd_goc_lumbar_spine = ${TRUTH.bmd_goc_lumbar_spine}`), 'truth.osteo');
        const [truth] = simulateCompiled(compileDocument(truthModel));
        const arm = truth.arms[0];
        const random = mulberry32(20261206);
        const rows = MONTHS.map(m => {
            const t = m * 30.4375;
            // The truth run samples every 30 days: interpolate between neighbours for the data's exact times.
            const i = arm.time.findIndex(x => x >= t);
            const f = (t - arm.time[i - 1]) / (arm.time[i] - arm.time[i - 1]);
            const y = arm.series['bmd.lumbar_spine'][i - 1] * (1 - f) + arm.series['bmd.lumbar_spine'][i] * f;
            return `${m},${(y + SIGMA * standardNormal(random)).toFixed(4)},${SIGMA}`;
        });
        fs.writeFileSync(path.join(dir, 'synthetic.csv'), `# synthetic: seeded noise, sd ${SIGMA}\nmonth,bmd,sd\n${rows.join('\n')}\n`);
        const data = 'data Synthetic {\n    file "synthetic.csv"\n    time column "month" in months\n    value column "bmd"\n    error column "sd" as sd\n}\n';
        const model = await open(data + scenarioText('    observe bmd at lumbar_spine from Synthetic\n    fit Recover {\n        estimate bmd_kout_lumbar_spine from 0.0001 to 0.01 log\n        estimate bmd_goc_lumbar_spine from 0.01 to 3 log\n        starts 3\n        seed 4\n    }'), 'fit.osteo');
        const scenario = model.declarations.find(isScenario)!;
        const [compiled] = compileDocument(model);
        const result = await runFit(compileFit(scenario, compiled), serialRunner);
        if (process.env.DUMP_FIT) console.log(JSON.stringify({ ...result, observations: undefined }, null, 1));
        expect(result.interval).toBe('profile-likelihood');
        // The starts began elsewhere: the first at the centre of the log box, far from the truth.
        expect(result.starts.length).toBe(3);
        for (const e of result.estimates) {
            const truthValue = TRUTH[e.name as keyof typeof TRUTH];
            expect(e.identifiable, `${e.name}: ${e.note}`).toBe(true);
            expect(e.ci95[0], e.name).toBeLessThan(truthValue);
            expect(e.ci95[1], e.name).toBeGreaterThan(truthValue);
        }
        // χ² of a good fit to n points with p parameters: mean n − p, well below its 99.9 % quantile (≈ 27.9 for 9 dof).
        expect(result.objective.points).toBe(MONTHS.length);
        expect(result.objective.value).toBeLessThan(27.9);
        expect(result.rmse).toBeLessThan(2 * SIGMA);
        expect(result.starts.filter(s => s.converged).length).toBeGreaterThan(0);
        expect(result.correlations[0][0]).toBe(1);
    }, 300_000);

    test('a parameter the data cannot identify is flagged, with its flat profile', async () => {
        const model = await open('data Synthetic2 {\n    file "synthetic.csv"\n    time column "month" in months\n    value column "bmd"\n    error column "sd" as sd\n}\n'
            + scenarioText('    observe bmd at lumbar_spine from Synthetic2\n    fit Blind {\n        estimate rankl_per_il1 from 1 to 100 log\n        starts 1\n    }'), 'blind.osteo');
        const scenario = model.declarations.find(isScenario)!;
        const [compiled] = compileDocument(model);
        const result = await runFit(compileFit(scenario, compiled), serialRunner);
        const [e] = result.estimates;
        expect(e.identifiable).toBe(false);
        expect(e.note).toMatch(/flat profile/);
        expect(e.ci95).toEqual([1, 100]);
    }, 120_000);
});
