// The `osteo` command from npm: `npm install -g ./osteo-scenarios-<version>.tgz` into a fresh prefix, offline,
// then the installed command checks and runs an example from a folder outside the repository.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installTarball, ROOT, TARBALL, userEnv, VERSION } from './artefacts.js';

const EXPECTED_FILES = [
    'CHANGELOG.md', 'LICENSE', 'README.md', 'package.json',
    'out/cli.js', 'out/server.js', 'out/simulation-worker.js', 'out/webview/results.css', 'out/webview/results.js'
];

const MISSPELT = `scenario Misspelt "Anti-TNF in active RA" {
    duration 1 years
    condition rheumatoid_arthritis { severity high }
    arm treated { give adalimumob 40 mg every 2 weeks }
    report bmd at lumbar_spine
}
`;

describe('the npm package of the osteo command', () => {
    let prefix: string;
    let work: string;
    let osteoBin: string;
    const osteo = (...args: string[]) => {
        const r = spawnSync(osteoBin, args, { cwd: work, encoding: 'utf8', timeout: 120_000, env: userEnv([path.join(prefix, 'bin')]) });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    beforeAll(() => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-npm-'));
        prefix = path.join(tmp, 'prefix');
        work = path.join(tmp, 'work');
        fs.mkdirSync(work);
        // A user's copy of two examples (one imports the other), nowhere near the repository's node_modules.
        for (const name of ['ra-timing.osteo', 'regimens.osteo']) fs.copyFileSync(path.join(ROOT, 'examples', name), path.join(work, name));
        fs.writeFileSync(path.join(work, 'misspelt.osteo'), MISSPELT);
        // Offline: the package must install with nothing to download (no dependencies: they are in the bundles).
        osteoBin = installTarball(prefix);
    });

    afterAll(() => { if (prefix) fs.rmSync(path.dirname(prefix), { recursive: true, force: true }); });

    test('contains only the command line runtime and no dependencies', () => {
        const list = spawnSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' }).stdout.trim().split('\n').map(f => f.replace(/^package\//, ''));
        expect(list.sort()).toEqual([...EXPECTED_FILES].sort());
        const installed = path.join(prefix, 'lib', 'node_modules', 'osteo-scenarios');
        const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
        expect(manifest.dependencies ?? {}).toEqual({});
        expect(fs.existsSync(path.join(installed, 'node_modules'))).toBe(false);
    });

    test('puts osteo on the prefix PATH, with the version of package.json', () => {
        expect(fs.existsSync(osteoBin)).toBe(true);
        const r = osteo('--version');
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe(`osteo ${VERSION}`);
    });

    test('osteo check accepts an example that imports another file', () => {
        const r = osteo('check', 'ra-timing.osteo');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
    });

    test('osteo check reports a misspelt drug at its location with exit code 1', () => {
        const r = osteo('check', 'misspelt.osteo');
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).toMatch(/misspelt\.osteo:4:24: error unresolved-reference .*'adalimumob'.*'adalimumab'/);
    });

    test('osteo run simulates every arm of the example', () => {
        const r = osteo('run', 'ra-timing.osteo', '--format', 'json');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const result = JSON.parse(r.stdout);
        expect(result.version).toBe(VERSION);
        expect(result.scenarios.length).toBeGreaterThan(0);
        for (const arm of result.scenarios[0].arms) {
            expect(arm.series['bmd.lumbar_spine'].length, `arm ${arm.name} has no BMD series`).toBeGreaterThan(10);
        }
    });

    test('osteo report writes the HTML report with the packaged results view', () => {
        const r = osteo('report', 'ra-timing.osteo', '--out', 'report.html');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const html = fs.readFileSync(path.join(work, 'report.html'), 'utf8');
        expect(html).toContain('<script');
        expect(html).toContain(VERSION);
    });
});
