/*
 * What the machine itself gives when every core is busy: the same CPU-bound loop in 1 and then in N separate Node
 * processes (no pool, no messages, nothing shared). N × t(1) / t(N) is the speed-up no pool can beat on this machine;
 * virtual CPUs that are hyper-threads of fewer physical cores, or a CPU quota, show here as a ceiling below N. The pool's
 * speed-up (sections (e) and (g) of docs/performance.md) is read against it.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const LOOP = 'let x = 0; for (let i = 0; i < 2e8; i++) x += Math.sqrt(i) % 3; if (x < 0) console.log(x);';

function timeProcesses(count: number): Promise<number> {
    const started = performance.now();
    return Promise.all(Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', LOOP], { stdio: 'ignore' });
        child.on('error', reject);
        child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`spin process exited with ${code}`))));
    }))).then(() => (performance.now() - started) / 1000);
}

export interface ParallelCeiling { readonly cores: number; readonly oneSeconds: number; readonly allSeconds: number; readonly ceiling: number; }

/** The best of three rounds of 1 and of `cores` simultaneous processes (the least disturbed by neighbours). */
export async function measureParallelCeiling(cores = Math.max(1, availableParallelism())): Promise<ParallelCeiling> {
    let oneSeconds = Infinity, allSeconds = Infinity;
    for (let round = 0; round < 3; round++) {
        oneSeconds = Math.min(oneSeconds, await timeProcesses(1));
        allSeconds = Math.min(allSeconds, await timeProcesses(cores));
    }
    return { cores, oneSeconds, allSeconds, ceiling: cores * oneSeconds / allSeconds };
}

export function describeCeiling(c: ParallelCeiling): string {
    return `The machine's own ceiling: one CPU-bound Node process ${c.oneSeconds.toFixed(2)} s, ${c.cores} at once ${c.allSeconds.toFixed(2)} s each `
        + `→ ${c.cores} cores give ×${c.ceiling.toFixed(2)} the work of one (bench/parallel-ceiling.ts; best of 3).`;
}
