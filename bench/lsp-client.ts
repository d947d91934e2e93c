/** A minimal LSP client over stdio (Content-Length framing) for timing the real server process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { LANGUAGE_SERVER_NODE_FLAGS } from '../protocol/server-launch.js';
import * as fs from 'node:fs';

type Handler = (params: any) => void;

export class LspClient {
    private readonly child: ChildProcess;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
    private readonly listeners = new Map<string, Handler[]>();

    /** Launched as the extension launches it, plus `nodeArgs`; OSTEO_BENCH_NODE_ARGS adds more (e.g. `--cpu-prof`). */
    constructor(serverJs: string, extraNodeArgs: readonly string[] = []) {
        const nodeArgs = [...LANGUAGE_SERVER_NODE_FLAGS, ...extraNodeArgs, ...(process.env.OSTEO_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
        this.child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
        this.child.stderr!.on('data', () => { /* the server logs there; not part of the protocol */ });
    }

    get pid(): number { return this.child.pid!; }

    /** Resident set size of the server process, MB (Linux /proc). */
    rssMb(): number {
        const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        return kb / 1024;
    }

    request<T = any>(method: string, params: unknown): Promise<T> {
        const id = this.nextId++;
        this.send({ jsonrpc: '2.0', id, method, params });
        return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    }

    notify(method: string, params: unknown): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    on(method: string, handler: Handler): () => void {
        const list = this.listeners.get(method) ?? [];
        list.push(handler);
        this.listeners.set(method, list);
        return () => list.splice(list.indexOf(handler), 1);
    }

    /** Resolves with the next notification of `method` that `accept` takes. */
    next(method: string, accept: (params: any) => boolean, timeoutMs = 60_000): Promise<any> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => { off(); reject(new Error(`no ${method} within ${timeoutMs} ms`)); }, timeoutMs);
            const off = this.on(method, params => {
                if (!accept(params)) return;
                clearTimeout(timer);
                off();
                resolve(params);
            });
        });
    }

    async stop(): Promise<void> {
        try {
            await Promise.race([this.request('shutdown', null), new Promise(r => setTimeout(r, 2000))]);
            this.notify('exit', null);
        } finally {
            setTimeout(() => { if (this.child.exitCode === null) this.child.kill(); }, 1000).unref();
        }
    }

    private send(message: unknown): void {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
        this.child.stdin!.write(body);
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
            if (this.buffer.length < headerEnd + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.dispatch(message);
        }
    }

    private dispatch(message: any): void {
        if (message.id !== undefined && message.method === undefined) {
            const p = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (message.error) p?.reject(new Error(message.error.message));
            else p?.resolve(message.result);
        } else if (message.id !== undefined) {
            // A request from the server (configuration, registration, progress): answer emptily.
            this.send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => null) : null });
        } else {
            for (const h of [...(this.listeners.get(message.method) ?? [])]) h(message.params);
        }
    }
}
