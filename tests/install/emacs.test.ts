// Emacs as a client of our server: Debian's Emacs 28 with its `elpa-eglot` package, exactly the README's
// configuration, the `osteo` command from the npm package on PATH. A misspelt drug must come back as a flymake
// error and hover must answer. (Helix, the README's third editor, has no Debian package: it stays untested.)
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

/**
 * Runs in `emacs --batch` in place of an interactive start: activates the installed packages as startup does, loads
 * the README's configuration, opens the file, then waits for flymake's diagnostics and asks for two hovers.
 */
const PROBE = `
(package-initialize)
(load (getenv "OSTEO_EMACS_INIT"))
(find-file (expand-file-name "misspelt.osteo" default-directory))
;; eglot-ensure connects from post-command-hook, which batch mode never runs by itself.
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 90)) (diags nil))
  (while (and (null diags) (< (float-time) deadline))
    (accept-process-output nil 0.3)
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (setq diags (flymake-diagnostics)))
  (let* ((server (ignore-errors (eglot-current-server)))
         (hover (lambda (line col)
                  (save-excursion
                    (goto-char (point-min)) (forward-line line) (forward-char col)
                    (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))))
         (result \`((mode . ,(symbol-name major-mode))
                   (connected . ,(if server t :json-false))
                   (diagnostics . ,(vconcat (mapcar (lambda (d)
                                                      (save-excursion
                                                        (goto-char (flymake-diagnostic-beg d))
                                                        \`((line . ,(1- (line-number-at-pos))) (col . ,(current-column))
                                                          (type . ,(symbol-name (flymake-diagnostic-type d)))
                                                          (message . ,(flymake-diagnostic-text d)))))
                                                    diags)))
                   (hover_duration . ,(if server (funcall hover 1 15) :null))
                   (hover_drug . ,(if server (funcall hover 4 22) :null)))))
    (with-temp-file (getenv "OSTEO_EMACS_OUT") (insert (json-encode result)))))
(kill-emacs 0)
`;

/** The \`\`\`elisp block under the README's "### Emacs (eglot)" heading: the configuration users copy. */
function readmeEmacsConfig(): string {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^### Emacs/m)[1]?.split(/^#{2,3} /m)[0];
    const block = section && /```elisp\n([\s\S]*?)```/.exec(section);
    if (!block) throw new Error('README.md has no ```elisp block under "### Emacs"');
    return block[1];
}

describe('Emacs (eglot) with the README configuration', () => {
    let tmp: string;
    let result: any;

    beforeAll(() => {
        const emacs = ensureDebianCommand('emacs', ['emacs-nox', 'elpa-eglot']);
        if (!emacs) throw new Error('no emacs on PATH and it cannot be installed here (apt-get install emacs-nox elpa-eglot)');
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osteo-emacs-'));
        const osteo = installTarball(path.join(tmp, 'prefix'));
        const work = path.join(tmp, 'work');
        fs.mkdirSync(work);
        fs.writeFileSync(path.join(work, 'misspelt.osteo'), FILE);
        fs.writeFileSync(path.join(tmp, 'init.el'), readmeEmacsConfig());
        fs.writeFileSync(path.join(tmp, 'probe.el'), PROBE);
        const out = path.join(tmp, 'result.json');
        // HOME inside tmp: no user configuration is read and nothing is written to the real home.
        const env = { ...userEnv([path.dirname(osteo)]), HOME: tmp, OSTEO_EMACS_INIT: path.join(tmp, 'init.el'), OSTEO_EMACS_OUT: out };
        const run = spawnSync(emacs, ['--batch', '-l', path.join(tmp, 'probe.el')], { cwd: work, env, encoding: 'utf8', timeout: 180_000, killSignal: 'SIGKILL' });
        if (!fs.existsSync(out)) throw new Error(`Emacs wrote no result (exit ${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
        result = JSON.parse(fs.readFileSync(out, 'utf8'));
    });

    afterAll(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

    test('the file opens in osteo-mode and eglot connects to `osteo lsp`', () => {
        expect(result.mode).toBe('osteo-mode');
        expect(result.connected).toBe(true);
    });

    test('the misspelt drug comes back as a flymake error on its line, with the suggestion', () => {
        const error = result.diagnostics.find((d: { message: string }) => d.message.includes("'adalimumob'"));
        expect(error, JSON.stringify(result.diagnostics)).toBeDefined();
        expect(error.type).toBe('eglot-error');
        expect([error.line, error.col]).toEqual([3, 23]);
        expect(error.message).toContain("Did you mean 'adalimumab'");
    });

    test('hover answers: a duration in days, a drug with its facts', () => {
        expect(JSON.stringify(result.hover_duration)).toContain('365.25 days');
        expect(JSON.stringify(result.hover_drug)).toMatch(/denosumab/i);
        expect(JSON.stringify(result.hover_drug)).toMatch(/RANKL/);
    });
});
