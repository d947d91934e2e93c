#!/usr/bin/env node
import { runCheck } from './check-command.js';
import { runRun } from './run-command.js';
import { runReport } from './report-command.js';
import { runExport } from './export-command.js';
import { runSensitivity } from './sensitivity-command.js';
import { runList } from './list-command.js';
import { runFitCommand } from './fit-command.js';
import { runMerge } from './merge-command.js';
import { runPlan } from './plan-command.js';
import { parseArgs, UsageError, USAGE } from './args.js';
import { VERSION } from '../runtime/version.js';
import { startLanguageServer } from './lsp-command.js';

/** The subcommands; each returns the process exit code. */
const commands: Record<string, (args: ReturnType<typeof parseArgs>) => Promise<number>> = {
    check: runCheck,
    run: runRun,
    report: runReport,
    sensitivity: runSensitivity,
    fit: runFitCommand,
    export: runExport,
    list: runList,
    merge: runMerge,
    plan: runPlan
};

async function main(argv: string[]): Promise<number> {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
        process.stdout.write(USAGE);
        return argv.length === 0 ? 2 : 0;
    }
    if (argv.includes('--version') || argv.includes('-v')) {
        process.stdout.write(`osteo ${VERSION}\n`);
        return 0;
    }
    if (argv[0] === 'lsp') return startLanguageServer(argv.slice(1));
    const args = parseArgs(argv);
    const command = commands[args.command];
    if (!command) throw new UsageError(`unknown command '${args.command}' (expected check, run, report, sensitivity, fit, merge, plan, export, list or lsp)`);
    return command(args);
}

// `osteo check big.osteo | head` closes the pipe early: drop the rest of the output instead of dying on EPIPE
// with a trace, and still exit with the command's code.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        stream.write = (() => true) as typeof stream.write;
    });
}

main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    error => {
        if (error instanceof UsageError) {
            process.stderr.write(`osteo: ${error.message}\nRun 'osteo --help' for usage.\n`);
            process.exitCode = 2;
        } else {
            // Not the user's fault: keep the trace behind --debug.
            process.stderr.write(`osteo: internal error: ${(error as Error)?.message ?? error}\n`);
            if (process.argv.includes('--debug')) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
            process.exitCode = 70;
        }
    }
);
