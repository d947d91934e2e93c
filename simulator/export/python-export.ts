/**
 * `osteo export --format python`: one compiled arm as a self-contained SciPy script (README "Command line"). Everything
 * the TypeScript model derives from the description and the parameter table (effective values, initial state,
 * per-state tolerances, BMD at t = 0, dose events) is computed here by the model's own code and injected as
 * JSON, so the script's equations are the only thing written twice (python-template.ts).
 */
import type { DrugDescription, ModelDescription } from '../model-description.js';
import { createBoneModel } from '../model/bone-model.js';
import { coreParameters } from '../model/bone-core.js';
import { CYTOKINES, planConditions, planMenopause } from '../model/conditions.js';
import { ModelInputError, resolveParameters, type ParameterValues } from '../model/parameters.js';
import { planPharmacodynamics } from '../model/pharmacodynamics.js';
import { doseTargets, type DrugPk } from '../model/pharmacokinetics.js';
import { PYTHON_TEMPLATE } from './python-template.js';

export interface ExportInfo {
    readonly version: string;
    readonly model: { readonly name: string; readonly version: string };
}

/** A drug action as data (the closures of pharmacodynamics.ts, spelled out for the script). */
type ActionData =
    | { kind: 'multiply_one_minus'; field: string; index?: number }
    | { kind: 'multiply_one_plus' | 'add_effect'; field: string; gain: number }
    | { kind: 'rankl_binding' | 'pth_supply'; k: number }
    | { kind: 'bone_bound_apoptosis'; gain: number; ec50: number }
    | { kind: 'glucocorticoid'; ic50: number };

export function exportPython(desc: ModelDescription, info: ExportInfo): string {
    const model = buildModelData(desc);
    const header = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
    return PYTHON_TEMPLATE
        .replace('__SCENARIO__', header(desc.scenario))
        .replace('__ARM__', header(desc.arm))
        .replace('__VERSION__', header(info.version))
        .replace('__MODEL__', header(`${info.model.name} ${info.model.version}`))
        .replace('__MODEL_JSON__', () => JSON.stringify(model));
}

/** The data the Python template reads, as plain JSON. */
export function buildModelData(desc: ModelDescription): Record<string, unknown> {
    const v = resolveParameters(desc.parameters);
    const model = createBoneModel(desc, v);
    const times = desc.sampleTimes;
    if (times.length === 0) throw new ModelInputError(`arm '${desc.arm}': no sample times`);
    const t0 = times[0], tEnd = times[times.length - 1];
    const compartments = ['systemic', ...desc.localSites];
    const effects = planPharmacodynamics(model.drugs, v);

    const events = new Map<number, [number, number][]>();
    const at = (time: number) => {
        let list = events.get(time);
        if (!list) events.set(time, list = []);
        return list;
    };
    // As simulate.ts: a dose enters the local depots, the depot or the central compartment; restart points carry no change.
    for (const dose of desc.doses) {
        if (dose.timeDays > tEnd) continue;
        const pk = model.drugs.find(d => d.name === dose.drug);
        if (!pk) throw new ModelInputError(`arm '${desc.arm}': dose of '${dose.drug}', which the arm does not declare`);
        at(Math.max(dose.timeDays, t0)).push(...doseTargets(pk, dose.amountMg));
    }
    for (const b of model.breakpoints) if (b > t0 && b < tEnd && Number.isFinite(b)) at(b);

    return {
        scenario: desc.scenario,
        arm: desc.arm,
        parameters: v,
        core: coreParameters(v),
        healthy: model.healthy,
        compartments,
        conditions: planConditions(desc, v).map(c => ({ ...c, resolves: Number.isFinite(c.resolves) ? c.resolves : null })),
        menopause: planMenopause(desc, desc.conditions, v) ?? null,
        ageYears: desc.patient.ageYears,
        infusions: desc.infusions,
        exposures: compartments.map((_, c) => desc.drugs.map(d => {
            const f = d.targeting > 0 ? d.targeting : 1;
            return c === 0 ? 1 / f : f;
        })),
        drugs: model.drugs.map((pk, i) => ({
            name: pk.name, depot: pk.depot, central: pk.central, peripheral: pk.peripheral, bone: pk.bone, buried: pk.buried, kBury: pk.kBury,
            ka: pk.ka, volume: pk.volume, peripheralVolume: pk.peripheralVolume, q: pk.q, kel: pk.kel, kBone: pk.kBone,
            kBoneOut: pk.kBoneOut, vmax: pk.vmax, km: pk.km, effect: pk.effect, keo: pk.keo,
            localDepots: pk.localDepots, localTissue: pk.localTissue, kRelease: pk.kRelease, kDrain: pk.kDrain, localVolume: pk.localVolume,
            emax: effects[i].emax, ic50: effects[i].ic50, actions: actionsOf(pk, v)
        })),
        sites: model.sites,
        alveolarHeight: model.alveolarHeight,
        alveolarCompartment: desc.localSites.indexOf('alveolar_bone') + 1,
        y0: Array.from(model.y0),
        atol: Array.from(model.atol),
        sampleTimes: times,
        events: [...events.entries()].sort((a, b) => a[0] - b[0]).map(([time, add]) => ({ time, add }))
    };
}

/** Mirrors actionFor in pharmacodynamics.ts (which has already rejected mechanisms the model lacks). */
function actionsOf(pk: DrugPk, v: ParameterValues): ActionData[] {
    const d: DrugDescription = pk.drug;
    const emax01 = Number.isFinite(d.pd.emax) ? Math.min(Math.max(d.pd.emax, 0), 1) : 1;
    const out: ActionData[] = [];
    const minus = (field: string, index?: number) => out.push({ kind: 'multiply_one_minus', field, index });
    const plus = (field: string, gain: number) => out.push({ kind: 'multiply_one_plus', field, gain });
    for (const { verb, target } of d.mechanisms) {
        const cyt = CYTOKINES.indexOf(target as never);
        if (verb === 'neutralizes' && cyt >= 0) minus('neutralized', cyt);
        else if (verb === 'blocks' && cyt >= 0) minus('blocked', cyt);
        else if (verb === 'inhibits' && target === 'JAK_STAT') minus('jak');
        else if (verb === 'inhibits' && target === 'NF_kB') minus('nfkb');
        else if (verb === 'binds' && target === 'RANKL') {
            out.push({ kind: 'rankl_binding', k: v.rankl_binding_chi * v.rankl_binding_affinity * 1e6 / (d.pk.molarMassKDa ?? v.antibody_molar_mass) });
        } else if (verb === 'binds' && target === 'OPG') minus('opg');
        else if (verb === 'binds' && target === 'PTH') minus('pth');
        else if (verb === 'binds' && target === 'sclerostin') minus('sclerostin');
        else if (verb === 'supplies' && target === 'PTH') out.push({ kind: 'pth_supply', k: 1e6 / (d.pk.molarMassKDa ?? v.pth_analogue_molar_mass) });
        else if (verb === 'kills' && target === 'osteoclasts') {
            if (pk.bone >= 0) out.push({ kind: 'bone_bound_apoptosis', gain: v.bisphosphonate_apoptosis_gain * emax01, ec50: d.pd.ic50 ?? v.default_ic50 });
            else plus('ocApoptosis', v.bisphosphonate_apoptosis_gain);
        } else if (verb === 'kills' && (target === 'osteoblasts' || target === 'osteoblast_precursors')) plus('obApoptosis', 1);
        else if (verb === 'kills' && target === 'T_cells') minus('tCells');
        else if (verb === 'kills' && target === 'macrophage_M1') minus('m1');
        else if (verb === 'suppresses') minus('suppression');
        else if (verb === 'stimulates' && target === 'osteoblasts') plus('anabolic', v.anabolic_ob_gain);
        else if (verb === 'stimulates' && target === 'osteoblast_precursors') plus('obRecruitment', 1);
        else if (verb === 'stimulates' && target === 'osteoclasts') plus('ocDifferentiation', 1);
        else if ((verb === 'stimulates' || verb === 'polarizes') && target === 'macrophage_M2') minus('polarization');
        else if (verb === 'supplies') out.push({ kind: 'add_effect', field: 'precursorSupply', gain: v.precursor_supply_gain });
        else throw new ModelInputError(`drug '${d.name}': the exporter has no form for '${verb} ${target}'`);
    }
    if (d.drugClass === 'glucocorticoid') out.push({ kind: 'glucocorticoid', ic50: d.pd.ic50 ?? v.default_ic50 });
    return out;
}
