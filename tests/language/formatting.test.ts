import { clearDocuments, expectFormatting } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LIBRARY_TEXT } from '../../language/src/builtins/library.js';
import { createTestServices } from './test-services.js';

const { Osteo, shared, parse } = await createTestServices();
const expectFormatted = expectFormatting(Osteo);

/** Formats like the editor does (4 spaces) and returns the new text. */
async function format(text: string): Promise<string> {
    const document = await parse(text);
    try {
        const edits = await Osteo.lsp.Formatter!.formatDocument(document, {
            textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true }
        });
        return TextDocument.applyEdits(document.textDocument, edits);
    } finally {
        await clearDocuments(shared, [document]);
    }
}

/** The examples of docs/language.md §3, as written there. */
const SPEC_EXAMPLES = `/** Fully human anti-TNF-α monoclonal antibody. */
drug adalimumab "Adalimumab" {
    class anti_TNF                       // drug class: see §4
    mechanism neutralizes TNF_alpha      // see §4 for the verbs and what they may target
    route subcutaneous                   // oral | subcutaneous | intravenous | intra_articular | local
    half_life 14 days                    // elimination half-life (required unless bone_half_life given)
    absorption_half_life 2 days          // optional; default by route
    bioavailability 64 %                 // optional; default 100 % for intravenous
    volume 8 L                           // apparent volume of distribution (central)
    ic50 1.5 mg/L                        // concentration giving half the maximal effect
    emax 95 %                            // maximal fractional effect, default 100 %
    bone_half_life 10 years              // optional: skeletal retention (bisphosphonates)
}

/** Standard maintenance dosing in RA. */
regimen AntiTNF {
    drug adalimumab
    dose 40 mg every 2 weeks             // or: dose 5 mg/kg every 8 weeks; dose 5 mg once
    loading 80 mg                         // optional first dose
    delivery nanoparticle targeting 4     // optional: targeted delivery, bone/joint exposure ×4,
                                          // systemic exposure ÷4 (see model spec)
}

/** Low-grade inflammation of obesity and type 2 diabetes. */
condition my_metabolic {
    scope systemic                        // systemic (whole skeleton) | local (named sites only)
    drives TNF_alpha x 1.5, IL_6 x 2      // fold change over healthy baseline at full activity
    activates T_cells x 1.2, macrophage_M1 x 1.5   // optional
}

/** Does starting anti-TNF early prevent generalized bone loss? */
scenario RaTiming "Timing of anti-TNF therapy in early RA" {
    duration 3 years
    sample every 1 week                  // optional output spacing; default: 1 day ≤ 2 y, else 1 week

    patient {                            // optional; defaults: age 50 years, sex female, premenopausal
        age 52 years
        sex female
        menopause at 50 years            // optional; drives postmenopausal loss from that age on
        weight 70 kg                     // optional; for mg/kg doses, default 70 kg
    }

    condition rheumatoid_arthritis {     // any number of conditions
        severity high                    // remission | mild | moderate | high (default moderate)
        onset at 0 months                // default 0
        resolves at 2 years              // optional
        sites hand, lumbar_spine         // optional, for local-scope conditions
        TNF_alpha x 4                    // optional per-scenario overrides of the condition's drives
    }

    arm untreated { }                    // each arm is simulated separately and compared
    arm early { give AntiTNF from 0 months }
    arm late  { give AntiTNF from 12 months }
    arm combined {
        give AntiTNF from 0 months
        give denosumab 60 mg every 6 months from 0 months until 2 years   // inline regimen
    }

    report bmd at lumbar_spine, total_hip           // what to plot and summarise
    report osteoclasts, osteoblasts, rankl_opg_ratio, TNF_alpha

    set rankl_per_tnf = 25               // optional model-parameter overrides (see model spec),
                                         // validated against the model's parameter table
}
`;

/** The same, laid out canonically: only the one-line arms change. */
const SPEC_EXAMPLES_FORMATTED = `/** Fully human anti-TNF-α monoclonal antibody. */
drug adalimumab "Adalimumab" {
    class anti_TNF                       // drug class: see §4
    mechanism neutralizes TNF_alpha      // see §4 for the verbs and what they may target
    route subcutaneous                   // oral | subcutaneous | intravenous | intra_articular | local
    half_life 14 days                    // elimination half-life (required unless bone_half_life given)
    absorption_half_life 2 days          // optional; default by route
    bioavailability 64 %                 // optional; default 100 % for intravenous
    volume 8 L                           // apparent volume of distribution (central)
    ic50 1.5 mg/L                        // concentration giving half the maximal effect
    emax 95 %                            // maximal fractional effect, default 100 %
    bone_half_life 10 years              // optional: skeletal retention (bisphosphonates)
}

/** Standard maintenance dosing in RA. */
regimen AntiTNF {
    drug adalimumab
    dose 40 mg every 2 weeks             // or: dose 5 mg/kg every 8 weeks; dose 5 mg once
    loading 80 mg                         // optional first dose
    delivery nanoparticle targeting 4     // optional: targeted delivery, bone/joint exposure ×4,
                                          // systemic exposure ÷4 (see model spec)
}

/** Low-grade inflammation of obesity and type 2 diabetes. */
condition my_metabolic {
    scope systemic                        // systemic (whole skeleton) | local (named sites only)
    drives TNF_alpha x 1.5, IL_6 x 2      // fold change over healthy baseline at full activity
    activates T_cells x 1.2, macrophage_M1 x 1.5   // optional
}

/** Does starting anti-TNF early prevent generalized bone loss? */
scenario RaTiming "Timing of anti-TNF therapy in early RA" {
    duration 3 years
    sample every 1 week                  // optional output spacing; default: 1 day ≤ 2 y, else 1 week

    patient {                            // optional; defaults: age 50 years, sex female, premenopausal
        age 52 years
        sex female
        menopause at 50 years            // optional; drives postmenopausal loss from that age on
        weight 70 kg                     // optional; for mg/kg doses, default 70 kg
    }

    condition rheumatoid_arthritis {     // any number of conditions
        severity high                    // remission | mild | moderate | high (default moderate)
        onset at 0 months                // default 0
        resolves at 2 years              // optional
        sites hand, lumbar_spine         // optional, for local-scope conditions
        TNF_alpha x 4                    // optional per-scenario overrides of the condition's drives
    }

    arm untreated { }                    // each arm is simulated separately and compared
    arm early {
        give AntiTNF from 0 months
    }
    arm late {
        give AntiTNF from 12 months
    }
    arm combined {
        give AntiTNF from 0 months
        give denosumab 60 mg every 6 months from 0 months until 2 years   // inline regimen
    }

    report bmd at lumbar_spine, total_hip           // what to plot and summarise
    report osteoclasts, osteoblasts, rankl_opg_ratio, TNF_alpha

    set rankl_per_tnf = 25               // optional model-parameter overrides (see model spec),
                                         // validated against the model's parameter table
}
`;

const MESSY = `


import "./a.osteo"
import   "./b.osteo"
/** Fully human anti-TNF-α monoclonal antibody. */
drug myada "Adalimumab" { class anti_TNF   // drug class
  mechanism neutralizes TNF_alpha ,blocks IL_6
       route subcutaneous
half_life 14 days
    bioavailability 64%
    volume 8 L ic50 1.5 mg / L
    emax - 5 %
}
/** Standard maintenance dosing in RA. */

regimen AntiTNF { drug myada
    dose 40 mg every 2 weeks
  loading 80 mg
    delivery nanoparticle targeting 4 }
// a section comment



condition my_metabolic{scope systemic drives TNF_alpha x 1.5,IL_6 x 2}
scenario RaTiming "Timing" {
    duration 3 years
      /* block
         comment */
    patient { age 52 years sex female }


    condition rheumatoid_arthritis { severity high TNF_alpha 4x }
    arm untreated { }
    arm early { give AntiTNF from 0 months }
    arm combined {
        give AntiTNF from 0 months
        give denosumab 60 mg every 6 months from 0 months until 2 years   // inline regimen
    }
    report bmd at lumbar_spine , total_hip
    set rankl_per_tnf = 25
}
`;

const MESSY_FORMATTED = `import "./a.osteo"
import "./b.osteo"

/** Fully human anti-TNF-α monoclonal antibody. */
drug myada "Adalimumab" {
    class anti_TNF   // drug class
    mechanism neutralizes TNF_alpha, blocks IL_6
    route subcutaneous
    half_life 14 days
    bioavailability 64 %
    volume 8 L
    ic50 1.5 mg/L
    emax -5 %
}

/** Standard maintenance dosing in RA. */
regimen AntiTNF {
    drug myada
    dose 40 mg every 2 weeks
    loading 80 mg
    delivery nanoparticle targeting 4
}

// a section comment

condition my_metabolic {
    scope systemic
    drives TNF_alpha x 1.5, IL_6 x 2
}

scenario RaTiming "Timing" {
    duration 3 years
    /* block
       comment */
    patient {
        age 52 years
        sex female
    }

    condition rheumatoid_arthritis {
        severity high
        TNF_alpha 4x
    }
    arm untreated { }
    arm early {
        give AntiTNF from 0 months
    }
    arm combined {
        give AntiTNF from 0 months
        give denosumab 60 mg every 6 months from 0 months until 2 years   // inline regimen
    }
    report bmd at lumbar_spine, total_hip
    set rankl_per_tnf = 25
}
`;

describe('formatter', () => {
    test('lays out the language spec examples canonically, keeping every comment', async () => {
        await expectFormatted({ before: SPEC_EXAMPLES, after: SPEC_EXAMPLES_FORMATTED, disposeAfterCheck: true });
    });

    test('leaves the standard library as it is: it is written in the canonical layout', async () => {
        await expectFormatted({ before: LIBRARY_TEXT, after: LIBRARY_TEXT, disposeAfterCheck: true });
    });

    test('fixes indentation, spacing, braces, member lines and blank lines of a messy file', async () => {
        await expectFormatted({ before: MESSY, after: MESSY_FORMATTED, disposeAfterCheck: true });
    });

    test.each([
        ['the spec examples', SPEC_EXAMPLES],
        ['a messy file', MESSY],
        ['a one-line file', 'drug a{class NSAID half_life 2 hours}scenario S{arm x{give a 1 mg once}report bmd at hand,osteoclasts}']
    ])('is idempotent on %s', async (_, text) => {
        const once = await format(text);
        expect(await format(once)).toBe(once);
    });

    test('one blank line between declarations; a doc comment stays attached to its declaration', async () => {
        await expectFormatted({
            before: 'drug a { class NSAID }\n\n\n\n/** B. */\n\ndrug b { class NSAID }\ndrug c { class NSAID }',
            after: 'drug a {\n    class NSAID\n}\n\n/** B. */\ndrug b {\n    class NSAID\n}\n\ndrug c {\n    class NSAID\n}',
            disposeAfterCheck: true
        });
    });

    test('quantities: no blank inside `-5`, `mg/kg` and `4x`; one blank before the unit', async () => {
        await expectFormatted({
            before: 'scenario S {\n    arm a {\n        give infliximab   5   mg / kg every 8weeks\n    }\n}',
            after: 'scenario S {\n    arm a {\n        give infliximab 5 mg/kg every 8 weeks\n    }\n}',
            disposeAfterCheck: true
        });
    });

    test('a block comment moves with its continuation lines', async () => {
        await expectFormatted({
            before: 'drug a {\n/**\n * Why.\n */\nclass NSAID\n}',
            after: 'drug a {\n    /**\n     * Why.\n     */\n    class NSAID\n}',
            disposeAfterCheck: true
        });
    });

    test('a document with syntax errors is left untouched', async () => {
        const broken = 'drug a {   class NSAID\n  scenario {';
        expect(await format(broken)).toBe(broken);
    });
});

describe('blocks of lines inside a scenario', () => {
    const CANONICAL = `data Spine {
    file "spine.csv"
    time column "month" in months
    value column "bmd"
}

scenario S {
    duration 2 years
    arm untreated { }
    sweep W {
        vary rankl_per_tnf values 5, 10
        measure osteoclasts at 1 year
    }
    population P {
        size 20
        seed 3
        vary rankl_per_tnf lognormal 30 %
        responders bmd at total_hip > 0 at 1 year
    }
    sensitivity A {
        method sobol
        measure bmd at total_hip in untreated at 6 months, 1 year
        samples 64
        seed 7
        vary rankl_per_tnf from 2 to 10
        vary oc_apoptosis
    }
    observe bmd at lumbar_spine from Spine
    fit F {
        estimate bmd_goc_lumbar_spine from 0.05 to 2 log
        starts 4
        seed 1
    }
}
`;

    test('sweeps, populations, sensitivity blocks, data and fits keep one member per line', async () => {
        expect(await format(CANONICAL)).toBe(CANONICAL);
        // The same blocks typed on one line each are laid out one member per line.
        const collapsed = CANONICAL.replace(/\{\n(\s+[^{}]*?)\n\s*\}/g, (_m, body: string) => `{ ${body.trim().split(/\n\s*/).join(' ')} }`);
        expect(collapsed).toContain('sensitivity A { method sobol measure');
        expect(await format(collapsed)).toBe(CANONICAL);
    });
});
