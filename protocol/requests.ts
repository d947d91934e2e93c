/**
 * The custom requests between the Osteo client and server: method names (constants) and the types of
 * their parameters, results and errors. No runtime dependencies, so the extension host and the server
 * both import it (the host uses the method names as values) without pulling in the other side.
 */
import type { RunResult } from '../simulator/index.js';
export type { SensitivityResult } from '../simulator/index.js';

export const SimulateRequestMethod = 'osteo/simulate';
export const SensitivityRequestMethod = 'osteo/sensitivity';
export const FitRequestMethod = 'osteo/fit';

/** `osteo/fit` (docs/data-and-fit.md §6): like `osteo fit FILE [--scenario S] [--fit F]`; the result is its JSON. */
export interface FitParams {
    readonly uri: string;
    /** Required when more than one scenario of the document has a fit block. */
    readonly scenario?: string;
    /** Default: the scenario's first fit. */
    readonly fit?: string;
    /** 'profile' (default) or 'fisher'. */
    readonly intervals?: 'profile' | 'fisher';
    readonly workDoneToken?: string | number;
}

export type { FitResult } from '../simulator/index.js';

export const FitEditsRequestMethod = 'osteo/fitEdits';

/** `osteo/fitEdits`: the edits that write fitted values into a scenario as `set` lines (Apply fitted values). */
export interface FitEditsParams {
    readonly uri: string;
    readonly scenario: string;
    /** Values in the parameter table's unit; `arm` non-null for per-arm estimates (skipped: no `set` form). */
    readonly values: readonly { readonly name: string; readonly arm: string | null; readonly value: number }[];
}

export interface PlainPosition { readonly line: number; readonly character: number }

export interface FitEditsResult {
    /** Text edits of the document at `uri` (LSP TextEdit shape), to apply as one undoable edit. */
    readonly edits: { readonly range: { readonly start: PlainPosition; readonly end: PlainPosition }; readonly newText: string }[];
    readonly written: { readonly name: string; readonly text: string; readonly added: boolean }[];
    readonly skipped: { readonly name: string; readonly reason: string }[];
    /** The document version the edits were computed on (the client refuses to apply them to another). */
    readonly version: number;
}

export interface SimulateParams {
    /** The document to simulate (as the client knows it). */
    readonly uri: string;
    /** Run only this scenario; default every scenario of the document. */
    readonly scenario?: string;
    /** Run only these arms; default every arm. */
    readonly arms?: string[];
    /** Standard LSP work-done token: when present, the server reports `$/progress` per simulated arm. */
    readonly workDoneToken?: string | number;
}

/** The result is the JSON results contract of `osteo run --format json` (with the scenarios' sweeps and populations). */
export type SimulateResult = RunResult;

/** `osteo/sensitivity`: like `osteo sensitivity FILE --scenario S [--arm A] --output KEY [--at T]`. */
export interface SensitivityParams {
    readonly uri: string;
    /** Required when the document declares more than one scenario. */
    readonly scenario?: string;
    /** Default: the scenario's first arm. */
    readonly arm?: string;
    /** A series key of the arm, e.g. "bmd.lumbar_spine". */
    readonly output: string;
    /** "3 years", "18 months", "90" (days); default the end of the horizon. */
    readonly at?: string;
    readonly workDoneToken?: string | number;
}

/** Errors use the same `data` as osteo/simulate. */

/** Why a simulate request failed, in the `data` of the LSP error (its `message` is readable on its own). */
export type SimulateFailureKind =
    | 'document-errors'     // the document (or a file it imports) has errors: fix them first
    | 'unknown-document'    // the server does not know the URI
    | 'unknown-selection'   // no such scenario or arm; the message names the choices
    | 'compile-error'       // the scenario cannot be turned into a model (message has the location)
    | 'solver-failed'       // the simulation itself failed for an arm
    | 'worker-crashed';     // the simulation worker died; it is restarted for the next request

export interface SimulateErrorData {
    readonly kind: SimulateFailureKind;
    /** For document-errors: `line:col message` of the first errors (1-based). */
    readonly errors?: string[];
    /** For compile-error: where the problem is (1-based). */
    readonly location?: { readonly uri: string; readonly line: number; readonly column: number };
    /** For solver-failed. */
    readonly scenario?: string;
    readonly arm?: string;
    readonly timeDays?: number;
}
