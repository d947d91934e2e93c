import { describe, expect, test } from 'vitest';
import { isScenario, type Model } from '../../language/src/generated/ast.js';
import { compileScenario } from '../../language/src/compiler/index.js';
import { simulateCompiled } from '../../simulator/run-scenarios.js';
import { createTestServices } from '../language/test-services.js';

/**
 * Issue 12 "Local disease is half-modelled": `report osteoclasts at alveolar_bone` passed `check` and was
 * ignored by `run`; periodontitis left local cytokines and osteoclasts flat in the output. Each simulated
 * local site now has its own series (docs/language.md "Local sites").
 */
const { parse } = await createTestServices();

async function compiled(text: string) {
    const document = await parse(text);
    expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    return compileScenario((document.parseResult.value as Model).declarations.find(isScenario)!);
}

describe('local sites', () => {
    test('periodontitis: local osteoclasts and IL-1 move, the systemic ones do not; a site report is a series', async () => {
        const scenario = await compiled(`
regimen Targeted { drug anakinra  dose 10 mg every 1 day  delivery nanoparticle targeting 8 }
scenario Perio { duration 120 days  sample every 2 days
    condition periodontitis { severity moderate  sites alveolar_bone }
    arm untreated { }
    arm targeted { give Targeted }
    report osteoclasts at alveolar_bone
    report IL_1 at alveolar_bone
    report anakinra at alveolar_bone
    report osteoclasts at lumbar_spine
}`);
        expect(scenario.reported).toEqual(['osteoclasts@alveolar_bone', 'IL_1@alveolar_bone', 'drug.anakinra@alveolar_bone', 'osteoclasts']);
        expect(scenario.notes.join(' ')).toContain('osteoclasts at lumbar_spine is the systemic value');
        const [result] = simulateCompiled([scenario]);
        const [untreated, targeted] = result.arms;
        const end = (arm: typeof untreated, key: string) => arm.series[key].at(-1)!;
        expect(end(untreated, 'osteoclasts@alveolar_bone')).toBeGreaterThan(150);
        expect(Math.abs(end(untreated, 'osteoclasts') - 100)).toBeLessThan(5);
        expect(end(untreated, 'IL_1@alveolar_bone') / untreated.series['IL_1@alveolar_bone'][0]).toBeGreaterThan(2);
        expect(end(untreated, 'IL_1')).toBeCloseTo(untreated.series.IL_1[0], 6);
        for (const key of ['osteoblasts@alveolar_bone', 'osteoblast_precursors@alveolar_bone', 'rankl@alveolar_bone', 'opg@alveolar_bone',
            'rankl_opg_ratio@alveolar_bone', 'TNF_alpha@alveolar_bone', 'IL_6@alveolar_bone']) {
            expect(untreated.series[key], key).toHaveLength(untreated.time.length);
        }
        // Targeting ×8: local exposure ×8, systemic ÷8, so the site sees 64× the plasma level.
        const ratio = end(targeted, 'drug.anakinra@alveolar_bone') / end(targeted, 'drug.anakinra');
        expect(ratio).toBeCloseTo(64, 6);
        expect(end(targeted, 'osteoclasts@alveolar_bone')).toBeLessThan(end(untreated, 'osteoclasts@alveolar_bone'));
    });

    test('a scenario without local sites has no site series; a local site nobody simulates is said, not silently dropped', async () => {
        const scenario = await compiled(`scenario Plain { duration 30 days  condition aging  report osteoclasts at alveolar_bone }`);
        expect(scenario.reported).toEqual([]);
        expect(scenario.notes.join(' ')).toContain('osteoclasts at alveolar_bone is not reported: alveolar_bone is simulated only when a condition names it');
        const [result] = simulateCompiled([scenario]);
        expect(Object.keys(result.arms[0].series).filter(k => k.includes('@'))).toEqual([]);
        expect(result.assumptions.join(' ')).toContain('osteoclasts at alveolar_bone is not reported');
    });
});
