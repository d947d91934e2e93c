/** A fuzz campaign: N reproducible cases over the corpus, and what they found. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FuzzHarness, type CaseReport, type Ending, type Failure, type HarnessOptions } from './harness.js';
import { mutate, type Vocabulary } from './mutator.js';
import { caseSeed, createRandom } from './random.js';

/** Folders of the repository whose .osteo files seed the mutator. */
export const CORPUS_FOLDERS = ['examples', 'tests/anchors', 'tests/cli/fixtures', 'tests/server/fixtures', 'tests/fuzz/regressions'];

export interface CorpusFile {
    readonly name: string;
    readonly text: string;
}

export function loadCorpus(root: string): CorpusFile[] {
    return CORPUS_FOLDERS.flatMap(folder => {
        const dir = path.join(root, folder);
        if (!fs.existsSync(dir)) return [];
        return fs.readdirSync(dir).filter(f => f.endsWith('.osteo')).sort()
            .map(f => ({ name: `${folder}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    });
}

export interface FoundCase {
    readonly index: number;
    readonly source: string;
    readonly mutation: string;
    readonly text: string;
    readonly report: CaseReport;
}

export interface CampaignSummary {
    readonly cases: number;
    readonly seed: number;
    readonly endings: Partial<Record<Ending, number>>;
    readonly failuresByKind: Record<string, number>;
    readonly found: FoundCase[];
    readonly slowest?: { index: number; ms: number; source: string; mutation: string };
    readonly seconds: number;
}

export interface Campaign {
    readonly harness: FuzzHarness;
    readonly corpus: CorpusFile[];
    readonly vocabulary: Vocabulary;
    dispose(): void;
}

export async function createCampaign(root: string, options: HarnessOptions = {}): Promise<Campaign> {
    const corpus = loadCorpus(root);
    // Every `import "./x.osteo"` of the corpus must resolve next to the case file.
    const harness = await FuzzHarness.create([path.join(root, 'examples/regimens.osteo')], options);
    return { harness, corpus, vocabulary: harness.vocabulary(corpus.map(c => c.text)), dispose: () => harness.dispose() };
}

/** Case `index` of campaign `seed`: the same text every time, whatever ran before. */
export function caseText(campaign: Campaign, seed: number, index: number, operator?: string): { source: string; mutation: string; text: string; rng: ReturnType<typeof createRandom> } {
    const rng = createRandom(caseSeed(seed, index));
    const source = rng.pick(campaign.corpus);
    const { text, mutation } = mutate(source.text, rng, campaign.vocabulary, campaign.corpus.map(c => c.text), operator);
    return { source: source.name, mutation, text, rng };
}

export async function runCampaign(campaign: Campaign, seed: number, cases: number,
    onCase?: (index: number, found: FoundCase) => void, operator?: string, from = 0,
    beforeCase?: (index: number) => void): Promise<CampaignSummary> {
    const started = performance.now();
    const endings: Partial<Record<Ending, number>> = {};
    const failuresByKind: Record<string, number> = {};
    const found: FoundCase[] = [];
    let slowest: CampaignSummary['slowest'];
    for (let index = from; index < from + cases; index++) {
        beforeCase?.(index);
        const { source, mutation, text, rng } = caseText(campaign, seed, index, operator);
        const report = await campaign.harness.run(text, rng);
        endings[report.ending] = (endings[report.ending] ?? 0) + 1;
        if (!slowest || report.ms > slowest.ms) slowest = { index, ms: report.ms, source, mutation };
        const kinds = new Set(report.failures.map((f: Failure) => f.kind));
        for (const kind of kinds) failuresByKind[kind] = (failuresByKind[kind] ?? 0) + 1;
        const entry = { index, source, mutation, text, report };
        if (report.failures.length > 0) found.push(entry);
        onCase?.(index, entry);
    }
    return { cases, seed, endings, failuresByKind, found, slowest, seconds: (performance.now() - started) / 1000 };
}
