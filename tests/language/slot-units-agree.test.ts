import { describe, expect, test } from 'vitest';
import { allUnits } from '../../simulator/index.js';
import { compileSelection } from '../../language/src/application/run-document.js';
import { CompileError } from '../../language/src/compiler/index.js';
import { validationSetup } from './validation-helpers.js';

/**
 * What the editor accepts, `osteo run` runs (issue 10: the validator's table of dimensions and the compiler's
 * inline lists disagreed — `ic50 5 nM` validated, then failed to compile). For the drug's potency slots, every
 * unit of every dimension is tried, with and without a molar mass: the validator reports nothing at the value
 * exactly when the compiler accepts it.
 */
const { validate } = await validationSetup();

const drugWith = (line: string, molarMass: boolean) => `drug mab "A test antibody" {
    class anti_TNF
    route subcutaneous
    mechanism neutralizes TNF_alpha
    half_life 14 days
    volume 8 L${molarMass ? '\n    molar_mass 148 kDa' : ''}
    ${line}
}

regimen R {
    drug mab
    dose 40 mg every 2 weeks
}

scenario S "t" {
    duration 1 years
    condition rheumatoid_arthritis { severity high }
    arm a { give R from 0 months }
}
`;

async function agreement(line: string, molarMass: boolean): Promise<{ validated: boolean; compiled: boolean; why: string }> {
    const { document, diagnostics } = await validate(drugWith(line, molarMass));
    const lineIndex = drugWith(line, molarMass).split('\n').findIndex(l => l.trim() === line.split('\n')[0]);
    const atValue = diagnostics.filter(d => d.severity === 1 && d.range.start.line === lineIndex);
    const others = diagnostics.filter(d => d.severity === 1 && d.range.start.line !== lineIndex);
    expect(others.map(d => d.message)).toEqual([]);
    let compiled = true, why = atValue.map(d => d.message).join('; ');
    try {
        compileSelection(document.parseResult.value);
    } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        compiled = false;
        why += ` | compile: ${error.message}`;
    }
    return { validated: atValue.length === 0, compiled, why };
}

describe('the units the validator accepts are those the compiler compiles', () => {
    for (const property of ['ic50', 'km']) {
        for (const molarMass of [false, true]) {
            test(`${property}, ${molarMass ? 'with' : 'without'} a molar mass`, async () => {
                const disagreements: string[] = [];
                for (const unit of allUnits()) {
                    // km comes with vmax (Michaelis–Menten clearance).
                    const line = `${property} 5 ${unit.name}${property === 'km' ? '\n    vmax 10 mg/day' : ''}`;
                    const { validated, compiled, why } = await agreement(line, molarMass);
                    if (validated !== compiled) disagreements.push(`${line}: validator ${validated ? 'accepts' : 'rejects'}, compiler ${compiled ? 'accepts' : 'rejects'} (${why})`);
                }
                expect(disagreements).toEqual([]);
            });
        }
    }

    test('a property the model needs in pairs: the validator says so where the compiler refused to run', async () => {
        for (const line of ['km 5 mg/L', 'vmax 10 mg/day', 'peripheral_volume 5 L', 'intercompartmental_clearance 1 L/day']) {
            const { validated, compiled, why } = await agreement(line, false);
            expect([line, validated, compiled, why.includes('needs')]).toEqual([line, false, false, true]);
        }
    });

    test('a molar ic50 runs through the molar mass: 5 nM of a 148 kDa antibody is 0.74 mg/L', async () => {
        const { document } = await validate(drugWith('ic50 5 nM', true));
        const [scenario] = compileSelection(document.parseResult.value);
        expect(scenario.arms[0].drugs.find(d => d.name === "mab")?.pd.ic50).toBeCloseTo(5e3 * 148 * 1e-6, 12);
    });
});
