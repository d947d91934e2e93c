import { isCell, isCytokine, isDrug, isMediator, isOutput, type Report } from '../generated/ast.js';
import { LOCAL_SITES, type SiteName } from '../../../simulator/index.js';

/** What a scenario with no `report` line reports (docs/language.md §3.4). */
export const DEFAULT_REPORTED: readonly string[] = ['bmd.lumbar_spine', 'bmd.total_hip', 'osteoclasts', 'osteoblasts'];

/** Output names whose series key differs from the concept name (the results contract spells the unit out). */
const OUTPUT_KEYS: Record<string, string> = { alveolar_height_loss: 'alveolar_height_loss_mm' };

/**
 * The result series keys that the scenario's `report` lines choose, in order, without duplicates:
 * `bmd at lumbar_spine` → `bmd.lumbar_spine`, `RANKL` → `rankl`, `adalimumab` → `drug.adalimumab`.
 * `bmd` without `at` reports the default sites plus the local sites that are simulated.
 * Anything that cannot be honoured is left out with a sentence in `notes`.
 */
export function reportedSeries(reports: readonly Report[], localSites: readonly SiteName[], notes: string[]): string[] {
    // A line with only summary times (`report at 6 months`) chooses when, not what.
    if (reports.every(r => r.items.length === 0)) return [...DEFAULT_REPORTED];
    const keys: string[] = [];
    const add = (key: string) => { if (!keys.includes(key)) keys.push(key); };
    for (const item of reports.flatMap(r => r.items)) {
        const target = item.target.ref;
        if (!target) continue;
        const sites = item.sites.map(s => s.ref?.name).filter((s): s is string => !!s);
        if (isOutput(target) && target.perSite) {
            const chosen = sites.length > 0 ? sites : ['lumbar_spine', 'total_hip', ...localSites];
            for (const site of chosen) {
                if ((LOCAL_SITES as readonly string[]).includes(site) && !localSites.includes(site as SiteName)) {
                    notes.push(`${target.name} at ${site} is not reported: ${site} is simulated only when a condition names it (e.g. sites ${site}).`);
                } else {
                    add(`${target.name}.${site}`);
                }
            }
            continue;
        }
        let key: string | undefined;
        if (isOutput(target)) {
            if (target.name === 'alveolar_height_loss' && !localSites.includes('alveolar_bone')) {
                notes.push('alveolar_height_loss is not reported: no condition names alveolar_bone (e.g. periodontitis).');
            } else {
                key = OUTPUT_KEYS[target.name] ?? target.name;
            }
        } else if (isMediator(target)) key = target.name.toLowerCase();
        else if (isDrug(target)) key = `drug.${target.name}`;
        else if (isCell(target) || isCytokine(target)) key = target.name;
        if (!key) continue;
        if (sites.length === 0) {
            add(key);
            continue;
        }
        // At a site (docs/language.md "Local sites"): a simulated local site has its own series
        // (`osteoclasts@alveolar_bone`); the systemic sites share the systemic compartment.
        for (const site of sites) {
            if (localSites.includes(site as SiteName)) {
                if (key === 'alveolar_height_loss_mm') add(key);
                else add(`${key}@${site}`);
            } else if ((LOCAL_SITES as readonly string[]).includes(site)) {
                notes.push(`${target.name} at ${site} is not reported: ${site} is simulated only when a condition names it (e.g. sites ${site}).`);
            } else {
                notes.push(`${target.name} at ${site} is the systemic value: ${site} belongs to the systemic compartment.`);
                add(key);
            }
        }
    }
    return keys;
}
