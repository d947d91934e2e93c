import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './bundle.js';

/*
 * The README's "Command line" block is what a newcomer copies from: it must name the same commands, options and
 * formats as `osteo --help` (which the CLI's argument parser prints), so neither drifts when a command grows.
 */

/** command → its options and `--format` choices, from a usage text whose commands start with "osteo ". */
function commands(text: string): Map<string, { options: string[]; formats: string[] }> {
    const out = new Map<string, { options: string[]; formats: string[] }>();
    let current: string | undefined;
    for (const line of text.split('\n')) {
        const start = /^\s*osteo ([a-z]+)\b(.*)$/.exec(line);
        if (start) { current = start[1]; out.set(current, { options: [], formats: [] }); }
        else if (!/^\s+\[/.test(line)) { current = undefined; }
        if (!current) continue;
        // Only the synopsis: the description column starts after a wide gap.
        const synopsis = line.split(/\s{3,}(?=[a-z])/)[0];
        const entry = out.get(current)!;
        for (const m of synopsis.matchAll(/--[a-z-]+/g)) if (!entry.options.includes(m[0])) entry.options.push(m[0]);
        const format = /--format ([a-z|]+)/.exec(synopsis);
        if (format) entry.formats.push(...format[1].split('|'));
    }
    for (const entry of out.values()) { entry.options.sort(); entry.formats.sort(); }
    return out;
}

describe('README command line', () => {
    test('lists every command of osteo --help with the same options and formats', () => {
        const help = spawnSync(process.execPath, [path.join(ROOT, 'out', 'cli.js'), '--help'], { encoding: 'utf8' });
        expect(help.status).toBe(0);
        const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
        const block = /## Command line\s+```\n([\s\S]*?)```/.exec(readme);
        expect(block, 'README has a "Command line" section with a code block').not.toBeNull();
        const fromHelp = commands(help.stdout);
        const fromReadme = commands(block![1]);
        expect(fromHelp.size).toBeGreaterThan(8);
        expect(Object.fromEntries(fromReadme)).toEqual(Object.fromEntries(fromHelp));
    });
});
