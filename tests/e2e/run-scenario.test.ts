import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openFixture, waitFor, webviewTabs } from './helpers.js';

/** What osteo.runScenario resolves to (client/src/commands/run-scenario.ts, RunOutcome), as far as these tests read it. */
interface RunOutcome {
    ok: boolean;
    reason?: string;
    cancelled?: boolean;
    scenario?: string;
    charts?: unknown[];
    summaryRows?: Array<{ arm?: string; series?: string }>;
    /** What the webview reported drawing once it posted `rendered`. */
    rendered?: { charts: number; summaryRows: number };
}

const RA_TIMING_TITLE = 'Timing of anti-TNF therapy in early RA';

/** Tabs of the RaTiming results panel (one panel per scenario). */
function raTimingTabs(): vscode.Tab[] {
    return webviewTabs().filter(tab => /osteo/i.test((tab.input as vscode.TabInputWebview).viewType)
        && (tab.label.includes('RaTiming') || tab.label.includes(RA_TIMING_TITLE)));
}

async function runScenario(uri: vscode.Uri, scenario: string): Promise<RunOutcome> {
    const outcome = await vscode.commands.executeCommand<RunOutcome | undefined>('osteo.runScenario', uri, scenario);
    assert.ok(outcome, 'osteo.runScenario returned nothing');
    assert.equal(outcome.ok, true, `the run failed: ${outcome.reason}`);
    return outcome;
}

describe('running a scenario', () => {
    let uri: vscode.Uri;

    before(async () => {
        uri = (await openFixture('ra-timing.osteo')).document.uri;
    });

    it('opens the results panel, draws its charts and returns a summary row per arm', async () => {
        const outcome = await runScenario(uri, 'RaTiming');
        assert.ok(Array.isArray(outcome.charts) && outcome.charts.length >= 2, `charts: ${JSON.stringify(outcome.charts)}`);
        const arms = new Set((outcome.summaryRows ?? []).map(row => row.arm));
        assert.deepEqual([...arms].sort(), ['early', 'late', 'untreated'], `summary rows: ${JSON.stringify(outcome.summaryRows).slice(0, 300)}`);
        assert.ok(outcome.rendered, 'the results view never reported that it rendered');
        assert.ok(outcome.rendered.charts > 0 && outcome.rendered.summaryRows > 0, `the view drew ${JSON.stringify(outcome.rendered)}`);
        const tabs = await waitFor('the results tab', () => raTimingTabs().length > 0 && raTimingTabs());
        assert.equal(tabs.length, 1, `results tabs: ${webviewTabs().map(t => t.label).join(', ')}`);
    });

    it('running again reuses the results panel', async () => {
        await runScenario(uri, 'RaTiming');
        const before = webviewTabs().length;
        const outcome = await runScenario(uri, 'RaTiming');
        assert.ok(outcome.rendered && outcome.rendered.charts > 0, 'the re-run drew no charts');
        assert.equal(webviewTabs().length, before, `a second results panel was opened: ${webviewTabs().map(t => t.label).join(', ')}`);
        assert.equal(raTimingTabs().length, 1);
    });

    it('cancelling a long run stops it, and the next run still works', async () => {
        const long = (await openFixture('long-run.osteo')).document.uri;
        let settled = false;
        const outcome = Promise.resolve(vscode.commands.executeCommand<RunOutcome | undefined>('osteo.runScenario', long, 'LongHorizon'))
            .then(value => ({ value, error: undefined as Error | undefined }), (error: Error) => ({ value: undefined, error }))
            .finally(() => { settled = true; });
        await vscode.commands.executeCommand('osteo.cancelRun');
        await waitFor('the cancelled run to stop', () => settled, 20000);
        const { value, error } = await outcome;
        assert.ok(error ? /cancel/i.test(error.message) : value?.ok === false && value.cancelled === true,
            `the run was not reported as cancelled: ${error?.message ?? JSON.stringify(value).slice(0, 200)}`);

        const after = await runScenario(uri, 'RaTiming');
        assert.ok(after.rendered && after.rendered.charts > 0, 'a run after the cancelled one drew nothing');
    });

    it('export writes the shown results as long-format CSV', async () => {
        await runScenario(uri, 'RaTiming');
        const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-export-')), 'ra-timing.csv'));
        await vscode.commands.executeCommand('osteo.exportResults', target);
        const csv = await waitFor('the exported CSV', () => fs.existsSync(target.fsPath) && fs.readFileSync(target.fsPath, 'utf8'));
        const [header, ...rows] = csv.trimEnd().split(/\r?\n/);
        assert.equal(header, 'scenario,arm,time_days,series,value');
        assert.ok(rows.length > 100, `only ${rows.length} rows`);
        const arms = new Set<string>();
        const series = new Set<string>();
        for (const row of rows) {
            const fields = row.split(',');
            assert.equal(fields.length, 5, `malformed row: ${row}`);
            assert.equal(fields[0], 'RaTiming');
            assert.ok(Number.isFinite(Number(fields[2])) && Number.isFinite(Number(fields[4])), `non-numeric row: ${row}`);
            arms.add(fields[1]);
            series.add(fields[3]);
        }
        assert.deepEqual([...arms].sort(), ['early', 'late', 'untreated']);
        assert.ok(series.has('bmd.lumbar_spine') && series.has('TNF_alpha'), `series: ${[...series].join(', ')}`);
        fs.rmSync(path.dirname(target.fsPath), { recursive: true, force: true });
    });
});
