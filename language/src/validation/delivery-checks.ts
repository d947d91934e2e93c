/**
 * Local delivery (docs/language.md §3.2 and §9, docs/model.md §1.8): a regimen's `delivery … release T` and a drug's
 * `route local` put the doses into a release depot at the scenario's local sites. These checks say where that
 * cannot work as written: `release` together with `targeting`, `targeting` on a locally given drug, and a depot
 * given in a scenario with no local site (the drug is then released into plasma, which a warning says).
 */
import type { ValidationAcceptor } from 'langium';
import { isConditionUse, isRegimen, type Delivery, type Give, type Scenario } from '../generated/ast.js';
import { LOCAL_SITES } from '../../../simulator/index.js';
import { drugProperty } from '../drug-inheritance.js';
import { issue, IssueCodes } from './issue-codes.js';
import { drugOf, scenarioOf } from './scenario-facts.js';

/** `targeting` and `release` do not combine; a drug given `route local` has no targeting factor. */
export function checkDelivery(delivery: Delivery, accept: ValidationAcceptor): void {
    if (delivery.release && delivery.targeting) {
        accept('error', "Give either 'targeting' (a constant exposure factor) or 'release' (a local depot that releases into the treated site), not both.",
            { node: delivery, property: 'release', ...issue(IssueCodes.LocalDelivery) });
        return;
    }
    const regimen = delivery.$container;
    const drug = isRegimen(regimen) ? regimen.drug?.ref : undefined;
    if (delivery.targeting && drug && drugProperty(drug, 'route') === 'local') {
        accept('error', `'${drug.name}' is given locally (route local): its site exposure comes from its release depot, so 'targeting' does not apply. Remove it, or set the depot's half-time with 'release' (e.g. release 7 days).`,
            { node: delivery, property: 'targeting', ...issue(IssueCodes.LocalDelivery) });
    }
}

/** A depot needs a local site to release into: without one the drug goes to plasma, said at the `give`. */
export function checkLocalDepotSite(give: Give, accept: ValidationAcceptor): void {
    const target = give.target?.ref;
    const release = isRegimen(target) ? target.delivery?.release : undefined;
    const drug = drugOf(give);
    const local = drug !== undefined && drugProperty(drug, 'route') === 'local';
    if (!release && !local) return;
    const scenario = scenarioOf(give);
    if (!scenario || hasLocalSite(scenario) !== false) return;
    const why = release ? `'${target?.name}' releases ${drug?.name ?? 'its drug'} from a local depot` : `'${drug!.name}' is given locally (route local)`;
    accept('warning', `${why}, but this scenario has no local site (a condition with 'sites alveolar_bone' or 'sites hand'): the drug is released into plasma instead, with the same half-time.`,
        { node: give, property: 'target', ...issue(IssueCodes.LocalDelivery) });
}

/** Whether a condition of the scenario names a local site; undefined while a condition is unresolved. */
function hasLocalSite(scenario: Scenario): boolean | undefined {
    let unknown = false;
    for (const use of scenario.members?.filter(isConditionUse) ?? []) {
        const condition = use.condition?.ref;
        if (!condition) { unknown = true; continue; }
        const sites = (use.sites?.length ?? 0) > 0 ? use.sites : condition.sites ?? [];
        if (sites.some(s => (LOCAL_SITES as readonly string[]).includes(s.ref?.name ?? s.$refText))) return true;
    }
    return unknown ? undefined : false;
}
