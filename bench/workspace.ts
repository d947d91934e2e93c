/**
 * A generated workspace for the language-server benchmark: 50 files, one of 5,000 lines, imports across files
 * and references to regimens declared elsewhere. Written to a temporary folder, never committed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const DRUGS = ['adalimumab', 'denosumab', 'infliximab', 'zoledronate', 'tocilizumab'];
export const SMALL_FILES = 49;
export const BIG_FILE = 'big.osteo';

function regimen(name: string, k: number): string {
    const drug = DRUGS[k % DRUGS.length];
    return `/** Regimen ${name}: ${drug}, variant ${k}. */\nregimen ${name} {\n    drug ${drug}\n    dose ${10 + (k % 50)} mg every ${1 + (k % 8)} weeks\n}\n`;
}

function scenario(name: string, regimens: string[]): string {
    const arms = regimens.map((r, i) => `    arm a${i} { give ${r} from ${i} months }`).join('\n');
    return `scenario ${name} "Generated ${name}" {\n    duration 2 years\n    patient {\n        age 55 years\n        sex female\n    }\n    condition rheumatoid_arthritis { severity moderate }\n    arm untreated { }\n${arms}\n    report bmd at lumbar_spine, total_hip\n}\n`;
}

/** Writes the workspace; returns the big file's path and where to ask for completion and hover. */
export function generateWorkspace(dir: string): { big: string; lines: number } {
    fs.mkdirSync(dir, { recursive: true });
    for (let f = 0; f < SMALL_FILES; f++) {
        const imports = f > 0 ? [`import "./lib${f - 1}.osteo"`] : [];
        const regs = Array.from({ length: 12 }, (_, k) => regimen(`R${f}_${k}`, f * 12 + k));
        const uses = f > 0 ? [`R${f - 1}_0`, `R${f - 1}_5`, `R${f}_3`] : [`R0_1`];
        const text = [...imports, '', ...regs, scenario(`S${f}`, uses)].join('\n');
        fs.writeFileSync(path.join(dir, `lib${f}.osteo`), text);
    }
    const parts: string[] = ['// The large file of the benchmark workspace.', ...Array.from({ length: 10 }, (_, i) => `import "./lib${i * 4}.osteo"`), ''];
    let lines = parts.length;
    let k = 0;
    while (lines < 4980) {
        const block = k % 5 === 4
            ? scenario(`Big${k}`, [`B${k - 1}`, `R${(k * 4) % 40}_${k % 12}`, `B${k - 2}`])
            : regimen(`B${k}`, k);
        parts.push(block);
        lines += block.split('\n').length;
        k++;
    }
    while (lines < 5000) { parts.push('// padding'); lines++; }
    const big = path.join(dir, BIG_FILE);
    fs.writeFileSync(big, parts.join('\n'));
    return { big, lines: fs.readFileSync(big, 'utf8').split('\n').length };
}
