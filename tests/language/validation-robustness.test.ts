import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { scenario, validationSetup } from './validation-helpers.js';

const FILE = `import "./missing.osteo"
drug d "D" { class anti_TNF mechanism neutralizes TNF_alpha, kills osteoclasts route subcutaneous half_life 14 days
    bioavailability 64 % volume 5 L ic50 1 mg/L emax 95 % bone_half_life 2 years }
regimen R { drug d dose 5 mg/kg every 2 weeks loading 80 mg delivery nanoparticle targeting 4 }
condition c { scope local drives TNF_alpha x 2, IL_6 4x activates T_cells x 1.5 sites hand local_excess x 2 process senescence }
${scenario(`    sample every 1 week
    patient { age 52 years sex female menopause at 50 years weight 70 kg }
    condition c { severity high onset at 1 month resolves at 2 years sites hand TNF_alpha x 4 }
    arm a { give R from 0 months until 2 years give denosumab 60 mg every 6 months from 1 year }
    arm b { infuse OPG at 2e5 pM/day from 20 days until 80 days }
    report bmd at lumbar_spine, hand
    report osteoclasts
    set rankl_per_tnf = 25`)}`;

function wellFormed(d: Diagnostic): boolean {
    const positions = [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
    return positions.every(Number.isInteger) && d.message.length > 0 && !/\bundefined\b|\bNaN\b|\[object Object\]/.test(d.message);
}

describe('bad input never crashes validation (docs/language.md §6)', async () => {
    const { validate } = await validationSetup();
    let logged: ReturnType<typeof vi.spyOn>;
    beforeEach(() => { logged = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
    afterEach(() => { logged.mockRestore(); });

    test('every prefix of a file using every construct yields diagnostics, not exceptions', async () => {
        for (let end = 0; end <= FILE.length; end += 31) {
            const result = await validate(FILE.slice(0, end));
            const bad = result.diagnostics.filter(d => !wellFormed(d));
            expect(bad, `prefix of ${end} characters`).toEqual([]);
        }
        expect(logged).not.toHaveBeenCalled();
    });

    test('every file with one token removed validates without an exception', async () => {
        const tokens = FILE.split(/(\s+)/);
        for (let i = 0; i < tokens.length; i += 8) {
            if (/^\s*$/.test(tokens[i])) continue;
            const result = await validate([...tokens.slice(0, i), ...tokens.slice(i + 1)].join(''));
            expect(result.diagnostics.filter(d => !wellFormed(d)), `without token ${i} '${tokens[i]}'`).toEqual([]);
        }
        expect(logged).not.toHaveBeenCalled();
    });

    test('garbage gives syntax errors with positions', async () => {
        for (const text of ['}}}{{{', 'drug', 'give x', 'scenario { duration - years }', 'set = 5', '"unterminated', '\u0000\u0001', 'scenario S { duration 1e999 years }']) {
            const result = await validate(text);
            expect(result.diagnostics.every(wellFormed), text).toBe(true);
        }
        expect(logged).not.toHaveBeenCalled();
    });

    test('a huge number is out of range, not Infinity or NaN in a message', async () => {
        const result = await validate(scenario('duration 1e999 years'));
        expect(result.diagnostics.every(wellFormed)).toBe(true);
        expect(result.diagnostics.map(d => d.message)).toEqual(["1e999 years is too large to compute with. Use a number below 1e308."]);
    });
});
