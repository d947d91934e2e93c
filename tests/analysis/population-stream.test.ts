/** Populations too large to keep every patient's series (docs/language.md "Populations"): streaming percentiles. */
import { describe, expect, test } from 'vitest';
import type { PopulationPlan } from '../../simulator/analysis/analysis-plan.js';
import { PopulationStream, populationResult, quantile, STREAMING_ABOVE } from '../../simulator/analysis/population.js';
import { memberStream, standardNormal } from '../../simulator/analysis/random.js';
import type { TaskOutput } from '../../simulator/analysis/sim-task.js';
import { P2Block } from '../../simulator/analysis/streaming-quantiles.js';
import type { ModelDescription } from '../../simulator/model-description.js';

describe('P² streaming quantiles', () => {
    test('estimate the 5th, 50th and 95th percentiles of 10,000 draws close to the exact ones', () => {
        const uniform = memberStream(3, 0);
        const draws = Array.from({ length: 10_000 }, () => [standardNormal(uniform), 10 + 2 * uniform()]);
        for (const p of [0.05, 0.5, 0.95]) {
            const block = new P2Block(2, p);
            for (const d of draws) block.add(d);
            const [normal, flat] = block.estimates();
            const exact = (k: number) => quantile(Float64Array.from(draws, d => d[k]).sort(), p);
            expect(Math.abs(normal - exact(0))).toBeLessThan(0.03);
            expect(Math.abs(flat - exact(1))).toBeLessThan(0.02);
        }
    });

    test('fewer than five values: the exact quantile', () => {
        const block = new P2Block(1, 0.5);
        for (const x of [3, 1, 2]) block.add([x]);
        expect(block.estimates()).toEqual([2]);
    });
});

describe('a population above the streaming size', () => {
    const arms = ['placebo', 'treated'].map(arm => ({ arm }) as unknown as ModelDescription);
    const size = STREAMING_ABOVE + 100;
    const plan: PopulationPlan = {
        name: 'Big', size, seed: 1, variables: [], arms,
        responders: [{ label: 'bmd > 0', key: 'bmd', atDays: 10, comparison: '>', threshold: 0 }]
    };
    const outputs: TaskOutput[] = Array.from({ length: size * 2 }, (_, i) => {
        const m = Math.floor(i / 2);
        if (m === 17) return { ok: false, message: 'solver failed', timeDays: 3 };
        const u = memberStream(9, i);
        const level = standardNormal(u) + (i % 2);
        return { ok: true, time: [0, 10, 20], series: { bmd: [0, level, 2 * level] } };
    });

    test('is summarised the same whether its outputs come at once or in chunks (the run and osteo merge agree)', () => {
        const whole = populationResult(plan, outputs);
        const stream = new PopulationStream(plan);
        for (let i = 0; i < outputs.length; i += 1000) stream.add(outputs.slice(i, i + 1000));
        expect(stream.result()).toEqual(whole);
    });

    test('gives percentiles close to the exact ones, counts failures and responders exactly', () => {
        const result = populationResult(plan, outputs);
        const [placebo, treated] = result.arms;
        expect(placebo.failed).toBe(1);
        const levels = outputs.filter((o, i) => i % 2 === 1 && o.ok).map(o => (o as { series: Record<string, number[]> }).series.bmd[1]);
        const sorted = Float64Array.from(levels).sort();
        expect(Math.abs(treated.median.bmd[1] - quantile(sorted, 0.5))).toBeLessThan(0.05);
        expect(Math.abs(treated.p05.bmd[1] - quantile(sorted, 0.05))).toBeLessThan(0.08);
        expect(Math.abs(treated.p95.bmd[1] - quantile(sorted, 0.95))).toBeLessThan(0.08);
        expect(treated.median.bmd[0]).toBe(0);
        expect(treated.responders![0]).toMatchObject({ count: levels.filter(v => v > 0).length, of: levels.length });
    });
});
