/** Command-line parsing for `osteo`, strict enough to give a one-line reason for every mistake. */

export class UsageError extends Error {}

export const USAGE = `Usage:
  osteo check FILE...                      check files; diagnostics as FILE:LINE:COL: severity code message
  osteo run FILE [--scenario NAME] [--arm NAME]... [--format table|json|csv] [--out PATH] [--shard K/N|auto]
  osteo report FILE [--scenario NAME] --out report.html
  osteo sensitivity FILE [--scenario NAME] [--arm NAME] [--output SERIES] [--at TIME[,TIME…]]
                  [--method local|morris|sobol] [--samples N] [--parameters P[=LOW..HIGH],…] [--seed N]
                  [--format table|json|svg] [--out PATH] [--shard K/N|auto]
                                           sensitivity of one output to the model parameters: local
                                           (default), Morris screening or Sobol indices; the scenario's
                                           sensitivity block when it has one (flags override it)
  osteo fit FILE [--scenario NAME] [--fit NAME] [--format table|json|html] [--out PATH] [--starts N] [--seed N]
            [--intervals profile|fisher] [--quiet] [--shard K/N|auto] [--shard K/N|auto]
                                           estimate parameters from the scenario's observed data
  osteo merge SHARD.json... [--out PATH]    join the shards of a split run, sensitivity study or fit: the JSON
                                           the unsplit run prints (refuses shards of other inputs, names
                                           missing ones)
  osteo plan FILE [--scenario NAME] (--slurm|--kubernetes) [--shards N] [--cpus C] [--out PATH]
                                           a Slurm job array + merge job, or a Kubernetes Indexed Job
  osteo export FILE --scenario NAME --arm NAME --format python [--out script.py]
  osteo list drugs|conditions|parameters|outputs|units [--format table|json]
                                           what the standard library holds (as the editor loads it)
  osteo lsp [--stdio]                      the language server for any LSP client (Neovim, Helix, Emacs…)
  osteo --help | --version

Long commands (many arms, sweeps, populations, sensitivity) show progress on stderr when it is a terminal;
--progress shows it also in logs, --no-progress never.
Exit codes: 0 success, 1 the file has errors, 2 usage error or unreadable file, 3 simulation failed,
4 merge refused (a shard missing, damaged or of other inputs).
Add --debug to see internal stack traces.
`;

export interface CliArgs {
    readonly command: string;
    readonly files: string[];
    readonly scenario?: string;
    readonly arms: string[];
    readonly format?: string;
    readonly out?: string;
    readonly output?: string;
    readonly at?: string;
    readonly method?: string;
    readonly samples?: string;
    readonly parameters?: string;
    readonly seed?: string;
    readonly fit?: string;
    readonly starts?: string;
    readonly intervals?: string;
    readonly quiet: boolean;
    /** `K/N`, `auto`, `auto/N` (run, sensitivity, fit). */
    readonly shard?: string;
    /** plan: shards of the job array, CPUs per task, and which engine. */
    readonly shards?: string;
    readonly cpus?: string;
    readonly slurm: boolean;
    readonly kubernetes: boolean;
    readonly debug: boolean;
    /** --progress: true; --no-progress: false; absent: only when stderr is a terminal. */
    readonly progress?: boolean;
}

const VALUE_OPTIONS = new Set(['--scenario', '--arm', '--format', '--out', '--output', '--at', '--method', '--samples', '--parameters', '--seed', '--fit', '--starts', '--intervals', '--shard', '--shards', '--cpus']);
const FLAG_OPTIONS = new Set(['--debug', '--progress', '--no-progress', '--quiet', '--slurm', '--kubernetes']);

export function parseArgs(argv: string[]): CliArgs {
    const [command, ...rest] = argv;
    const files: string[] = [];
    const arms: string[] = [];
    const values: Record<string, string> = {};
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (FLAG_OPTIONS.has(arg)) continue;
        if (VALUE_OPTIONS.has(arg)) {
            const value = rest[++i];
            if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
            if (arg === '--arm') arms.push(value);
            else if (values[arg] !== undefined) throw new UsageError(`${arg} given twice`);
            else values[arg] = value;
        } else if (arg.startsWith('--')) {
            throw new UsageError(`unknown option '${arg}'`);
        } else {
            files.push(arg);
        }
    }
    return {
        command, files, arms,
        scenario: values['--scenario'], format: values['--format'], out: values['--out'],
        output: values['--output'], at: values['--at'],
        method: values['--method'], samples: values['--samples'], parameters: values['--parameters'], seed: values['--seed'],
        fit: values['--fit'], starts: values['--starts'], intervals: values['--intervals'],
        quiet: argv.includes('--quiet'),
        shard: values['--shard'], shards: values['--shards'], cpus: values['--cpus'],
        slurm: argv.includes('--slurm'), kubernetes: argv.includes('--kubernetes'),
        debug: argv.includes('--debug'),
        ...(argv.includes('--no-progress') ? { progress: false } : argv.includes('--progress') ? { progress: true } : {})
    };
}
