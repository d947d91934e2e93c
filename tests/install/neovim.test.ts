// Another editor as a client of our server: headless Neovim (Debian's `neovim`, 0.7) with exactly the
// configuration the README gives, the `osteo` command from the npm package on PATH. A misspelt drug must come
// back as a diagnostic and hover must answer.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDebianCommand, installTarball, ROOT, userEnv } from './artefacts.js';

const FILE = `scenario Misspelt "Anti-TNF in active RA" {
    duration 1 years
    condition rheumatoid_arthritis { severity high }
    arm treated { give adalimumob 40 mg every 2 weeks }
    arm other { give denosumab 60 mg every 6 months }
    report bmd at lumbar_spine
}
`;

/** Runs inside Neovim after the README's init.lua: waits for diagnostics, asks for two hovers, writes JSON. */
const PROBE = `
local out = os.getenv('OSTEO_NVIM_OUT')
local got = vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local clients = {}
for _, c in pairs(vim.lsp.get_active_clients()) do table.insert(clients, c.name) end
local function hover(line, character)
  local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = line, character = character } }
  local answers = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 30000) or {}
  for _, answer in pairs(answers) do
    if answer.result then return answer.result.contents end
  end
  return vim.NIL
end
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message })
end
local result = { waited = got, filetype = vim.bo.filetype, clients = clients, diagnostics = diagnostics,
  hover_duration = hover(1, 15), hover_drug = hover(4, 22) }
local f = io.open(out, 'w'); f:write(vim.fn.json_encode(result)); f:close()
vim.cmd('qa!')
`;

/** The \`\`\`lua block under the README's "### Neovim" heading: the configuration users copy. */
function readmeNeovimConfig(): string {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^### Neovim/m)[1]?.split(/^#{2,3} /m)[0];
    const block = section && /```lua\n([\s\S]*?)```/.exec(section);
    if (!block) throw new Error('README.md has no ```lua block under "### Neovim"');
    return block[1];
}

describe('Neovim with the README configuration', () => {
    let tmp: string;
    let result: any;

    beforeAll(() => {
        const nvim = ensureDebianCommand('nvim', ['neovim']);
        if (!nvim) throw new Error('no nvim on PATH and it cannot be installed here (apt-get install neovim)');
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-nvim-'));
        const osteo = installTarball(path.join(tmp, 'prefix'));
        const work = path.join(tmp, 'work');
        fs.mkdirSync(work);
        fs.writeFileSync(path.join(work, 'misspelt.osteo'), FILE);
        fs.writeFileSync(path.join(tmp, 'init.lua'), readmeNeovimConfig());
        fs.writeFileSync(path.join(tmp, 'probe.lua'), PROBE);
        const out = path.join(tmp, 'result.json');
        // --headless with -u: only our init.lua, no user config; XDG dirs inside tmp so nothing is written to $HOME.
        const env = {
            ...userEnv([path.dirname(osteo)]), OSTEO_NVIM_OUT: out,
            XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
            XDG_STATE_HOME: path.join(tmp, 'xdg-state'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache')
        };
        const run = spawnSync(nvim, ['--headless', '-u', path.join(tmp, 'init.lua'), '-i', 'NONE', 'misspelt.osteo', '-c', `luafile ${path.join(tmp, 'probe.lua')}`],
            { cwd: work, env, encoding: 'utf8', timeout: 180_000, killSignal: 'SIGKILL' });
        if (!fs.existsSync(out)) throw new Error(`Neovim wrote no result (exit ${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
        result = JSON.parse(fs.readFileSync(out, 'utf8'));
    });

    afterAll(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

    test('the file gets the osteo filetype and the osteo client attaches', () => {
        expect(result.filetype).toBe('osteo');
        expect(result.clients).toContain('osteo');
    });

    test('the misspelt drug comes back as an error diagnostic on its line, with the suggestion', () => {
        const error = result.diagnostics.find((d: { message: string }) => d.message.includes("'adalimumob'"));
        expect(error, JSON.stringify(result.diagnostics)).toBeDefined();
        expect(error.severity).toBe(1);   // vim.diagnostic.severity.ERROR
        expect([error.lnum, error.col]).toEqual([3, 23]);
        expect(error.message).toContain("Did you mean 'adalimumab'");
    });

    test('hover answers: a duration in days, a drug with its facts', () => {
        expect(JSON.stringify(result.hover_duration)).toContain('365.25 days');
        expect(JSON.stringify(result.hover_drug)).toMatch(/denosumab/i);
        expect(JSON.stringify(result.hover_drug)).toMatch(/RANKL/);
    });
});
