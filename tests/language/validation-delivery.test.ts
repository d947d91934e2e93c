import { describe, expect, test } from 'vitest';
import { expectError, expectNoIssues, expectWarning } from 'langium/test';
import { IssueCodes } from '../../language/src/validation/issue-codes.js';
import { validationSetup } from './validation-helpers.js';

/**
 * Local delivery (docs/language.md §3.2 and §9): `delivery hydrogel release 7 days` and `route local` put doses into
 * a release depot at the scenario's local site. Each way of writing it that cannot work as written gets a message at
 * its place.
 */
describe('local delivery: release half-time and route local', async () => {
    const { validate } = await validationSetup();
    const local = { code: IssueCodes.LocalDelivery };
    const perio = (give: string) => `scenario S { duration 1 year
    condition periodontitis { severity moderate  sites alveolar_bone }
    arm a { ${give} }
}`;

    test('a hydrogel with a release half-time in periodontitis is clean', async () => {
        expectNoIssues(await validate(`regimen Gel { drug anakinra  dose 10 mg every 1 week  delivery hydrogel release 7 days }\n${perio('give Gel')}`));
    });

    test('the release half-time is a positive time', async () => {
        const zero = await validate(`regimen Gel { drug anakinra  dose 10 mg once  delivery hydrogel release 0 days }`);
        expectError(zero, /The release half-time must be greater than 0; 0 days is not/, { code: IssueCodes.OutOfRange });
        const mass = await validate(`regimen Gel { drug anakinra  dose 10 mg once  delivery hydrogel release 7 mg }`);
        expect(mass.diagnostics.map(d => d.message).join(' ')).toMatch(/release half-time/);
        expect(mass.diagnostics.some(d => d.severity === 1)).toBe(true);
    });

    test('release and targeting do not combine; targeting on a drug given locally is an error', async () => {
        expectError(await validate(`regimen Gel { drug anakinra  dose 10 mg once  delivery hydrogel targeting 4 release 7 days }`),
            /either 'targeting' \(a constant exposure factor\) or 'release' \(a local depot/, local);
        expectError(await validate(`regimen Exo { drug msc_exosomes  dose 5 mg once  delivery liposome targeting 4 }`),
            /'msc_exosomes' is given locally \(route local\).*'targeting' does not apply/, local);
        expectNoIssues(await validate(`regimen Exo { drug msc_exosomes  dose 5 mg once  delivery liposome release 3 days }\n${perio('give Exo')}`));
    });

    test('a depot in a scenario without a local site is a warning at the give, never silence', async () => {
        const noSite = (give: string) => `scenario S { duration 1 year  condition aging  arm a { ${give} } }`;
        const gel = await validate(`regimen Gel { drug anakinra  dose 10 mg once  delivery hydrogel release 7 days }\n${noSite('give Gel')}`);
        expectWarning(gel, /'Gel' releases anakinra from a local depot, but this scenario has no local site.*released into plasma instead/, local);
        const gelLine = gel.diagnostics.find(d => d.code === IssueCodes.LocalDelivery)!;
        expect(gel.document.textDocument.getText(gelLine.range)).toBe('Gel');
        expectWarning(await validate(noSite('give msc_exosomes 5 mg once')), /'msc_exosomes' is given locally \(route local\), but this scenario has no local site/, local);
        // A regimen without release of an ordinary drug is not a depot.
        const nano = await validate(`regimen Nano { drug anakinra  dose 10 mg once  delivery nanoparticle targeting 4 }\n${noSite('give Nano')}`);
        expect(nano.diagnostics.filter(d => d.code === IssueCodes.LocalDelivery)).toEqual([]);
    });

    test('`release` outside a delivery says where it belongs; `release` stays usable as a name', async () => {
        const stray = await validate(`regimen Gel { drug anakinra  dose 10 mg once  release 7 days }`);
        expect(stray.diagnostics.map(d => d.message)).toContain(
            "`release` is the half-time of a local delivery depot: write it in the regimen's delivery, after the kind and any targeting (e.g. `delivery hydrogel release 7 days`).");
        expectNoIssues(await validate(`regimen release { drug anakinra  dose 10 mg every 1 week }\n${perio('give release').replace('arm a', 'arm release')}`));
    });
});
