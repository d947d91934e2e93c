/**
 * Which series an arm computes and in which unit (results.ts), read from its description alone,
 * so that a sweep's `measure` or `osteo sensitivity --output` can be checked before anything runs.
 */
import { SYSTEMIC_SITES, type ModelDescription } from '../model-description.js';

const FIXED: Readonly<Record<string, string>> = {
    osteoclasts: '% of baseline', osteoblasts: '% of baseline', osteoblast_precursors: '% of baseline',
    rankl: 'pM', opg: 'pM', rankl_opg_ratio: 'ratio', TNF_alpha: 'pg/mL', IL_6: 'pg/mL', IL_1: 'pg/mL'
};

/** Every series key the arm's results will carry, with its unit. */
export function seriesOf(desc: ModelDescription): Map<string, string> {
    const keys = new Map<string, string>();
    for (const site of [...SYSTEMIC_SITES, ...desc.localSites]) keys.set(`bmd.${site}`, '% change');
    if (desc.localSites.includes('alveolar_bone')) keys.set('alveolar_height_loss_mm', 'mm');
    for (const [key, unit] of Object.entries(FIXED)) keys.set(key, unit);
    for (const drug of desc.drugs) keys.set(`drug.${drug.name}`, 'mg/L');
    return keys;
}

/** Outputs that are changes from baseline (may be 0 or negative): their sensitivities are absolute. */
export function isChangeFromBaseline(key: string): boolean {
    return key.startsWith('bmd.') || key === 'alveolar_height_loss_mm';
}
