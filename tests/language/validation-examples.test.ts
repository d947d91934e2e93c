import { describe, expect, test } from 'vitest';
import { printDiagnostics } from 'langium/test';
import { validationSetup } from './validation-helpers.js';

// The examples of docs/language.md §3 (the drug of §3.1 renamed: the standard library already declares adalimumab).
const DRUG = `
/** Fully human anti-TNF-α monoclonal antibody. */
drug my_adalimumab "Adalimumab" {
    class anti_TNF
    mechanism neutralizes TNF_alpha
    route subcutaneous
    half_life 14 days
    absorption_half_life 2 days
    bioavailability 64 %
    volume 8 L
    ic50 1.5 mg/L
    emax 95 %
    bone_half_life 10 years
}`;

const REGIMEN = `
/** Standard maintenance dosing in RA. */
regimen AntiTNF {
    drug adalimumab
    dose 40 mg every 2 weeks
    loading 80 mg
    delivery nanoparticle targeting 4
}`;

const CONDITION = `
/** Low-grade inflammation of obesity and type 2 diabetes. */
condition my_metabolic {
    scope systemic
    drives TNF_alpha x 1.5, IL_6 x 2
    activates T_cells x 1.2, macrophage_M1 x 1.5
}`;

const SCENARIO = `
/** Does starting anti-TNF early prevent generalized bone loss? */
scenario RaTiming "Timing of anti-TNF therapy in early RA" {
    duration 3 years
    sample every 1 week

    patient {
        age 52 years
        sex female
        menopause at 50 years
        weight 70 kg
    }

    condition rheumatoid_arthritis {
        severity high
        onset at 0 months
        resolves at 2 years
        sites hand, lumbar_spine
        TNF_alpha x 4
    }

    arm untreated { }
    arm early { give AntiTNF from 0 months }
    arm late  { give AntiTNF from 12 months }
    arm combined {
        give AntiTNF from 0 months
        give denosumab 60 mg every 6 months from 0 months until 2 years
    }

    report bmd at lumbar_spine, total_hip
    report osteoclasts, osteoblasts, rankl_opg_ratio, TNF_alpha

    set rankl_per_tnf = 25
}`;

const INFUSION = `
scenario OpgInfusion {
    duration 120 days
    sample every 1 day
    arm infused { infuse OPG at 2e5 pM/day from 20 days until 80 days }
}`;

describe('the examples of the language reference validate without errors', async () => {
    const { validate } = await validationSetup();

    test('drug, regimen, condition, scenario and infusion together', async () => {
        const result = await validate([DRUG, REGIMEN, CONDITION, SCENARIO, INFUSION].join('\n'));
        const errors = result.diagnostics.filter(d => d.severity === 1);
        expect(errors, printDiagnostics(errors)).toEqual([]);
    });

    test('the only remark on the RA scenario is the denosumab stop the spec itself describes', async () => {
        const result = await validate([REGIMEN, SCENARIO].join('\n'));
        expect(result.diagnostics.map(d => d.code), printDiagnostics(result.diagnostics)).toEqual(['denosumab-stop']);
    });
});
