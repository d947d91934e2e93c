import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI, osteo, STACK_FRAME } from './cli-process.js';

/** Files a user may point the CLI at by mistake. */
const FILES: Record<string, string | Buffer> = {
    'ok.osteo': 'scenario S {\n    duration 1 year\n    arm a { }\n}\n',
    'errors.osteo': 'scenario S {\n    duration 5 mg\n    arm a { give nosuchdrug }\n}\n',
    'empty.osteo': '',
    'binary.osteo': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    'nul.osteo': 'scenario S\u0000 { duration 1 year }',
    'bom.osteo': '\ufeffscenario S { duration 1 year }',
    'only-drugs.osteo': 'drug d { class anti_TNF mechanism neutralizes TNF_alpha route oral half_life 1 day volume 1 L ic50 1 mg/L }\n',
    'solver.osteo': 'scenario Overload {\n    duration 100 days\n    arm flood { give adalimumab 1e300 mg once from 10 days }\n}\n',
    'ünïcode name.osteo': 'scenario S { duration 1 year }\n',
    'missing-import.osteo': 'import "./nowhere.osteo"\nscenario S { duration 1 year }\n'
};

/** Each invocation and the exit code README "Command line" gives it. */
const INVOCATIONS: Array<[string[], number]> = [
    [[], 2], [['frobnicate'], 2], [['check'], 2], [['run'], 2], [['report'], 2],
    [['check', 'nope.osteo'], 2], [['check', 'folder'], 2], [['check', 'loop.osteo'], 2], [['check', ''], 2],
    [['check', 'ok.osteo', '--bogus'], 2], [['check', '--scenario'], 2], [['run', 'ok.osteo', '--format'], 2],
    [['run', 'ok.osteo', '--format', 'xml'], 2], [['run', 'ok.osteo', '--scenario', 'Nope'], 2],
    [['run', 'ok.osteo', '--arm', 'nope'], 2], [['run', 'ok.osteo', '--scenario', 'S', '--scenario', 'S'], 2],
    [['run', 'ok.osteo', '--out', join('no', 'such', 'dir', 'x.csv'), '--format', 'csv'], 2],
    [['run', 'ok.osteo', '--out', 'folder'], 2], [['run', 'empty.osteo'], 2], [['run', 'only-drugs.osteo'], 2],
    [['report', 'ok.osteo'], 2], [['report', 'ok.osteo', '--out', 'r.html', '--format', 'json'], 2],
    [['check', 'errors.osteo'], 1], [['run', 'errors.osteo'], 1], [['check', 'binary.osteo'], 1], [['run', 'binary.osteo'], 1],
    [['check', 'nul.osteo'], 1], [['check', 'missing-import.osteo'], 1], [['run', 'missing-import.osteo'], 1],
    [['run', 'solver.osteo'], 3], [['check', 'ünïcode name.osteo'], 0], [['check', 'bom.osteo'], 0], [['check', 'empty.osteo'], 0]
];

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'osteo-mistakes-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
    mkdirSync(join(dir, 'folder'));
    symlinkSync('loop.osteo', join(dir, 'loop.osteo'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI on user mistakes', () => {
    test.each(INVOCATIONS)('osteo %j exits %i with a reason and no stack trace', (args, code) => {
        const r = osteo(dir, args, 60_000);
        const output = r.stdout + r.stderr;
        expect(output, output).not.toMatch(STACK_FRAME);
        expect(output).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
        expect(r.code, output).toBe(code);
        // With no arguments at all, the usage text is the reason.
        if (code === 2) expect(args.length === 0 ? r.stdout.split('\n')[0] : r.stderr.split('\n')[0]).toMatch(/^(osteo: \S.*|Usage:)$/);
        if (code === 1) expect(r.stdout + r.stderr).toMatch(/^\S+:\d+:\d+: error \S+ \S/m);
        if (code === 3) expect(r.stderr).toMatch(/^osteo: arm flood of scenario Overload failed at day/);
    }, 90_000);

    test('a reader that closes the pipe early (osteo check | head) ends it quietly', async () => {
        const child = spawn(process.execPath, [CLI, 'check', 'binary.osteo'], { cwd: dir });
        let stderr = '';
        child.stderr.on('data', chunk => { stderr += String(chunk); });
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise<number | null>(done => child.on('close', done));
        expect(stderr).not.toMatch(STACK_FRAME);
        expect(stderr).not.toMatch(/EPIPE/);
        expect(code).toBe(1);
    }, 60_000);

    test('--debug changes nothing for user mistakes', () => {
        const r = osteo(dir, ['check', 'nope.osteo', '--debug']);
        expect(r.code).toBe(2);
        expect(r.stderr).not.toMatch(STACK_FRAME);
    });
});
