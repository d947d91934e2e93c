/**
 * `npm run fuzz -- --cases N --seed S [--operator NAME] [--case I] [--save DIR] [--minimise]`: mutates the
 * repository's .osteo files and feeds every mutant to the checker, the editor services and the simulator.
 * Prints cases run, endings, failures by kind and the slowest case; exit 1 when anything failed.
 * `--verbose` prints compile errors and solver failures; `--file PATH` replays a saved input; `--from I` starts at case I; `--trace` names each case on stderr before running it; `--case I` replays one case; `--save DIR` writes each failing input (minimised with --minimise) there.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { caseText, createCampaign, runCampaign, type FoundCase } from '../tests/fuzz/campaign.js';
import { minimise } from '../tests/fuzz/minimise.js';
import { OPERATOR_NAMES } from '../tests/fuzz/mutator.js';
import { createRandom } from '../tests/fuzz/random.js';

function option(name: string): string | undefined {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
}

function integer(name: string, fallback: number): number {
    const raw = option(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
        process.stderr.write(`fuzz: ${name} needs a non-negative integer, got '${raw}'\n`);
        process.exit(2);
    }
    return value;
}

function findRoot(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'examples'))) return dir;
    }
    return process.cwd();
}

async function main(): Promise<number> {
    const cases = integer('--cases', 500);
    const seed = integer('--seed', Date.now() % 1_000_000);
    const operator = option('--operator');
    if (operator && !OPERATOR_NAMES.includes(operator)) {
        process.stderr.write(`fuzz: unknown operator '${operator}' (expected one of ${OPERATOR_NAMES.join(', ')})\n`);
        return 2;
    }
    const save = option('--save');
    // Names each case before it runs: a case that kills the process is the last one named.
    const trace = process.argv.includes('--trace');
    // Prints the message of every compile error and solver failure (validator gaps show up there).
    const verbose = process.argv.includes('--verbose');
    const campaign = await createCampaign(findRoot());
    try {
        const file = option('--file');
        if (file !== undefined) {
            // Replays a saved input (a regression file, a case saved with --save).
            const report = await campaign.harness.run(fs.readFileSync(file, 'utf8'), createRandom(seed));
            process.stdout.write(`${file}: ${report.ending} in ${Math.round(report.ms)} ms\n`);
            for (const f of report.failures) process.stdout.write(`  ${f.kind} [${f.stage}] ${f.detail}\n`);
            return report.failures.length > 0 ? 1 : 0;
        }
        const single = option('--case');
        if (single !== undefined) {
            const index = integer('--case', 0);
            const { source, mutation, text, rng } = caseText(campaign, seed, index, operator);
            // Saved before running: a case that kills the process must still be kept.
            if (save) writeInput(save, `seed${seed}-case${index}.osteo`, text);
            process.stdout.write(`case ${index} (${source}, ${mutation}): running\n`);
            const report = await campaign.harness.run(text, rng);
            process.stdout.write(`case ${index} (${source}, ${mutation}): ${report.ending} in ${Math.round(report.ms)} ms\n`);
            for (const f of report.failures) process.stdout.write(`  ${f.kind} [${f.stage}] ${f.detail}\n`);
            return report.failures.length > 0 ? 1 : 0;
        }
        process.stdout.write(`fuzz: ${cases} cases, seed ${seed}${operator ? `, operator ${operator}` : ''}\n`);
        const summary = await runCampaign(campaign, seed, cases, (index, found) => {
            if (found.report.failures.length > 0) {
                const f = found.report.failures[0];
                process.stdout.write(`  case ${index} (${found.source}, ${found.mutation}): ${f.kind} [${f.stage}] ${f.detail.split('\n')[0]}\n`);
            }
            if (verbose && found.report.note) process.stdout.write(`  case ${index} ${found.report.ending}: ${found.report.note}\n`);
            if ((index + 1) % 100 === 0) process.stdout.write(`  … ${index + 1} cases\n`);
        }, operator, integer('--from', 0), trace ? index => process.stderr.write(`case ${index}\n`) : undefined);
        process.stdout.write(`cases run: ${summary.cases} in ${summary.seconds.toFixed(1)} s\n`);
        process.stdout.write(`endings: ${Object.entries(summary.endings).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        const kinds = Object.entries(summary.failuresByKind);
        process.stdout.write(`failures by kind: ${kinds.length === 0 ? 'none' : kinds.map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        if (summary.slowest) {
            const s = summary.slowest;
            process.stdout.write(`slowest case: ${s.index} (${s.source}, ${s.mutation}) ${Math.round(s.ms)} ms; replay with --seed ${seed} --case ${s.index}\n`);
        }
        if (save) {
            for (const found of summary.found) {
                const text = option('--minimise') !== undefined || process.argv.includes('--minimise')
                    ? await minimise(found.text, found.report.failures[0].kind, t => campaign.harness.run(t, createRandom(found.index)))
                    : found.text;
                saveCase(save, { ...found, text }, seed);
            }
        }
        return kinds.length > 0 ? 1 : 0;
    } finally {
        campaign.dispose();
    }
}

function saveCase(dir: string, found: FoundCase, seed: number): void {
    writeInput(dir, `seed${seed}-case${found.index}-${found.report.failures[0]?.kind ?? 'ok'}.osteo`, found.text);
}

function writeInput(dir: string, name: string, text: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    process.stdout.write(`  saved ${path.join(dir, name)}\n`);
}

main().then(code => { process.exitCode = code; }, error => {
    process.stderr.write(`fuzz: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 70;
});
