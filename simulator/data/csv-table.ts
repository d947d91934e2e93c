/**
 * Measurement tables (docs/data-and-fit.md §1): a streaming CSV/TSV parser that keeps every column as
 * numbers (NaN where missing or not numeric) plus, for columns with few distinct texts, a dictionary
 * of those texts (group columns). Fed in chunks, so a 50 MB file never sits in memory as one string
 * and the event loop is free between chunks. No Langium, no VS Code: the engine and the language
 * server both use it.
 */

/** Largest file read (50 MiB) and most data rows, per the contract. */
export const MAX_DATA_BYTES = 50 * 1024 * 1024;
export const MAX_DATA_ROWS = 1_000_000;
/** A column with more distinct texts than this keeps no dictionary (it is not a group column). */
const MAX_DISTINCT_TEXTS = 10_000;
/** Offending cells are quoted up to this many characters. */
export const MAX_QUOTED_TEXT = 40;

export interface DataColumn {
    readonly name: string;
    /** One number per row; NaN where the cell is missing or not a number. */
    readonly numbers: Float64Array;
    /** The first non-empty, non-NA cell that is not a number: its CSV line and (truncated) text. */
    readonly firstBad?: { readonly line: number; readonly text: string };
    /** Rows whose cell is empty or NA. */
    readonly missing: number;
    /** Dictionary-coded texts (code −1: missing); absent when the column has too many distinct texts. */
    readonly texts?: { readonly codes: Int32Array; readonly values: readonly string[] };
}

export interface CsvTable {
    readonly header: readonly string[];
    readonly columns: readonly DataColumn[];
    /** CSV line (1-based, counting comments and the header) on which each data row starts. */
    readonly lines: Int32Array;
    readonly rows: number;
    /** Text of the `#` comment lines (a citation, usually), without the `#`. */
    readonly comments: readonly string[];
}

/** Why a table could not be read: the contract's codes, with a message for the `.osteo` line. */
export class DataReadError extends Error {
    override readonly name = 'DataReadError';
    constructor(readonly code: 'data-file-missing' | 'data-file-unreadable', message: string) {
        super(message);
    }
}

/** Quotes a cell for a message: at most 40 characters, control characters escaped (a data file is never echoed beyond that). */
export function quoteCell(text: string): string {
    const cut = text.length > MAX_QUOTED_TEXT ? `${text.slice(0, MAX_QUOTED_TEXT)}…` : text;
    return JSON.stringify(cut);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

class ColumnBuilder {
    numbers = new Float64Array(1024);
    codes: Int32Array | undefined = new Int32Array(1024);
    readonly dictionary = new Map<string, number>();
    firstBad?: { line: number; text: string };
    missing = 0;

    constructor(readonly name: string) {}

    add(row: number, cell: string, line: number): void {
        if (row >= this.numbers.length) this.grow();
        const text = cell.trim();
        if (text === '' || text === 'NA') {
            this.numbers[row] = NaN;
            if (this.codes) this.codes[row] = -1;
            this.missing++;
            return;
        }
        if (NUMBER.test(text)) {
            this.numbers[row] = Number(text);
        } else {
            this.numbers[row] = NaN;
            this.firstBad ??= { line, text: text.length > MAX_QUOTED_TEXT ? text.slice(0, MAX_QUOTED_TEXT + 1) : text };
        }
        if (this.codes) {
            let code = this.dictionary.get(text);
            if (code === undefined) {
                if (this.dictionary.size >= MAX_DISTINCT_TEXTS) { this.codes = undefined; return; }
                this.dictionary.set(text, code = this.dictionary.size);
            }
            this.codes[row] = code;
        }
    }

    private grow(): void {
        const n = this.numbers.length * 2;
        const numbers = new Float64Array(n);
        numbers.set(this.numbers);
        this.numbers = numbers;
        if (this.codes) {
            const codes = new Int32Array(n);
            codes.set(this.codes);
            this.codes = codes;
        }
    }

    build(rows: number): DataColumn {
        return {
            name: this.name,
            numbers: this.numbers.slice(0, rows),
            ...(this.firstBad ? { firstBad: this.firstBad } : {}),
            missing: this.missing,
            ...(this.codes ? { texts: { codes: this.codes.slice(0, rows), values: [...this.dictionary.keys()] } } : {})
        };
    }
}

/**
 * An incremental parser: `push` text in pieces of any size (a quoted field may span pieces and lines),
 * then `end`. Throws DataReadError for what makes the whole file unusable (no header, too many rows).
 */
export class CsvParser {
    private field = '';
    private fields: string[] = [];
    private quoted = false;
    /** The previous character closed a quote: `""` inside quotes is one quote. */
    private quoteClosed = false;
    private atLineStart = true;
    private comment = false;
    private line = 1;
    private rowLine = 1;
    private header?: string[];
    private columns: ColumnBuilder[] = [];
    private lines = new Int32Array(1024);
    private rows = 0;
    private readonly comments: string[] = [];
    private commentText = '';
    private first = true;

    constructor(private readonly delimiter: ',' | '\t', private readonly maxRows = MAX_DATA_ROWS) {}

    push(text: string): void {
        let i = 0;
        if (this.first && text.length > 0) {
            this.first = false;
            if (text.charCodeAt(0) === 0xfeff) i = 1;
        }
        const d = this.delimiter;
        for (; i < text.length; i++) {
            // Fast path: a whole line without quotes or comment is split at once (most data rows).
            if (this.atLineStart && !this.comment && !this.quoted && this.field === '' && this.fields.length === 0) {
                const nl = text.indexOf('\n', i);
                if (nl >= 0 && text.charCodeAt(i) !== 35) {
                    let line = text.slice(i, nl);
                    if (line.indexOf('"') < 0) {
                        if (line.endsWith('\r')) line = line.slice(0, -1);
                        this.rowLine = this.line;
                        const parts = line.split(d);
                        this.field = parts.pop()!;
                        this.fields = parts;
                        this.endRow();
                        this.line++;
                        i = nl;
                        continue;
                    }
                }
            }
            const c = text[i];
            if (this.comment) {
                if (c === '\n') { this.comments.push(this.commentText.replace(/\r$/, '').trim()); this.commentText = ''; this.comment = false; this.line++; this.atLineStart = true; }
                else if (this.commentText.length < 2000) this.commentText += c;
                continue;
            }
            if (this.quoted) {
                if (c === '"') { this.quoted = false; this.quoteClosed = true; }
                else { if (c === '\n') this.line++; this.field += c; }
                continue;
            }
            if (this.atLineStart) {
                this.rowLine = this.line;
                if (c === '#') { this.comment = true; continue; }
                this.atLineStart = false;
            }
            if (c === '"') {
                if (this.quoteClosed) this.field += '"';
                this.quoted = true;
                this.quoteClosed = false;
                continue;
            }
            this.quoteClosed = false;
            if (c === d) { this.fields.push(this.field); this.field = ''; }
            else if (c === '\n') { this.endRow(); this.line++; this.atLineStart = true; }
            else if (c !== '\r') this.field += c;
        }
    }

    end(): CsvTable {
        if (this.comment) this.comments.push(this.commentText.trim());
        else if (!this.atLineStart) this.endRow();
        if (!this.header) throw new DataReadError('data-file-unreadable', 'has no header row');
        return {
            header: this.header,
            columns: this.columns.map(c => c.build(this.rows)),
            lines: this.lines.slice(0, this.rows),
            rows: this.rows,
            comments: this.comments
        };
    }

    private endRow(): void {
        this.fields.push(this.field);
        const fields = this.fields;
        this.fields = [];
        this.field = '';
        // A blank line is not a row.
        if (fields.length === 1 && fields[0].trim() === '') return;
        if (!this.header) {
            this.header = fields.map(f => f.trim());
            this.columns = this.header.map(name => new ColumnBuilder(name));
            return;
        }
        if (this.rows >= this.maxRows) throw new DataReadError('data-file-unreadable', `has more than ${this.maxRows.toLocaleString('en-US')} rows`);
        const row = this.rows++;
        if (row >= this.lines.length) {
            const lines = new Int32Array(this.lines.length * 2);
            lines.set(this.lines);
            this.lines = lines;
        }
        this.lines[row] = this.rowLine;
        for (let k = 0; k < this.columns.length; k++) this.columns[k].add(row, fields[k] ?? '', this.rowLine);
    }
}

/** The delimiter a file name implies, or undefined when it is neither .csv nor .tsv. */
export function delimiterOf(fileName: string): ',' | '\t' | undefined {
    const lower = fileName.toLowerCase();
    if (lower.endsWith('.csv')) return ',';
    if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return '\t';
    return undefined;
}

/** Parses a whole text at once (tests, small tables). */
export function parseCsvText(text: string, delimiter: ',' | '\t' = ','): CsvTable {
    const parser = new CsvParser(delimiter);
    parser.push(text);
    return parser.end();
}
