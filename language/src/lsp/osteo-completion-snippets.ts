/** Templates offered next to the keywords that start a declaration (docs/language.md §7). */
import { DRUG_CLASS_INFO } from '../../../simulator/index.js';

export interface Snippet {
    readonly detail: string;
    readonly body: string;
}

const classes = Object.keys(DRUG_CLASS_INFO).join(',');

/** Keyed by "<keyword> in <grammar rule>" so that `drug` inside a regimen or `condition` inside a scenario get their own. */
export const SNIPPETS: Readonly<Record<string, Snippet>> = {
    'drug in Drug': {
        detail: 'New drug (template)',
        body: [
            'drug ${1:name} "${2:Display name}" {',
            `    class \${3|${classes}|}`,
            '    mechanism ${4|neutralizes,blocks,inhibits,binds,kills,stimulates,supplies,polarizes|} ${5:TNF_alpha}',
            '    route ${6|subcutaneous,oral,intravenous,intra_articular,local|}',
            '    half_life ${7:14} days',
            '    volume ${8:5} L',
            '    ic50 ${9:1} mg/L',
            '}'
        ].join('\n')
    },
    'regimen in Regimen': {
        detail: 'New regimen (template)',
        body: [
            'regimen ${1:Name} {',
            '    drug ${2:adalimumab}',
            '    dose ${3:40} mg every ${4:2} weeks',
            '}'
        ].join('\n')
    },
    'condition in Condition': {
        detail: 'New condition (template)',
        body: [
            'condition ${1:name} "${2:Display name}" {',
            '    scope ${3|systemic,local|}',
            '    drives ${4:TNF_alpha} x ${5:1.5}, ${6:IL_6} x ${7:2}',
            '}'
        ].join('\n')
    },
    'scenario in Scenario': {
        detail: 'New scenario (template)',
        body: [
            'scenario ${1:Name} "${2:Question the scenario answers}" {',
            '    duration ${3:2} years',
            '',
            '    condition ${4:rheumatoid_arthritis} {',
            '        severity ${5|moderate,remission,mild,high|}',
            '    }',
            '',
            '    arm untreated { }',
            '    arm ${6:treated} {',
            '        give ${7:adalimumab} 40 mg every 2 weeks from ${8:0} months',
            '    }',
            '',
            '    report bmd at lumbar_spine, total_hip',
            '}'
        ].join('\n')
    },
    'condition in ConditionUse': {
        detail: 'Active condition in this scenario (template)',
        body: [
            'condition ${1:rheumatoid_arthritis} {',
            '    severity ${2|moderate,remission,mild,high|}',
            '    onset at ${3:0} months',
            '}'
        ].join('\n')
    },
    'arm in Arm': {
        detail: 'New arm (template)',
        body: [
            'arm ${1:name} {',
            '    give ${2:adalimumab} from ${3:0} months',
            '}'
        ].join('\n')
    }
};

/** The template text with placeholders replaced by their defaults: what the user ends up with. */
export function snippetPreview(body: string): string {
    return body.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}
