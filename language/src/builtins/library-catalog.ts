/**
 * What the standard library holds, as plain rows: the drugs (class, mechanism, PK, potency, source), the
 * conditions, the model parameters, the outputs and the units. `osteo list` prints these, and the library
 * tables of docs/language.md are generated from them (npm run docs:library), so the docs cannot drift.
 */
import { AstUtils, type AstNode } from 'langium';
import {
    isCell, isCondition, isCytokine, isDrug, isMediator, isModel, isOutput, type Model, type Quantity
} from '../generated/ast.js';
import { allUnits, CANONICAL_UNIT, PARAMETERS } from '../../../simulator/index.js';
import type { OsteoServices } from '../osteo-module.js';
import { LIBRARY_TEXT } from './library.js';

export interface CatalogTable {
    readonly columns: readonly string[];
    readonly rows: readonly (readonly string[])[];
}

export const CATALOG_KINDS = ['drugs', 'conditions', 'parameters', 'outputs', 'units'] as const;
export type CatalogKind = typeof CATALOG_KINDS[number];

const text = (q: Quantity | undefined) => q ? (q.fold ? `x ${q.value}` : `${q.value}${q.unit ? ` ${q.unit}` : ''}`) : '';

/** The library parsed the way the server loads it (its text is bundled, not read from disk). */
export function parseLibrary(services: OsteoServices): Model {
    const model = services.parser.LangiumParser.parse<Model>(LIBRARY_TEXT).value;
    if (!isModel(model)) throw new Error('the standard library did not parse');
    return model;
}

function sourceOf(services: OsteoServices, node: AstNode): string {
    const comment = services.documentation.CommentProvider.getComment(node) ?? '';
    const m = /Source:\s*([^\n]*?)(?:\*\/)?\s*$/m.exec(comment.replace(/^\s*\*\s?/gm, ''));
    return m ? m[1].trim().replace(/\.$/, '') : '';
}

export function catalog(services: OsteoServices, kind: CatalogKind): CatalogTable {
    const library = parseLibrary(services);
    const nodes = AstUtils.streamAllContents(library).toArray();
    switch (kind) {
        case 'drugs':
            return {
                columns: ['name', 'title', 'class', 'mechanism', 'route', 'half_life', 'volume', 'clearance', 'bioavailability', 'ic50', 'source'],
                rows: library.declarations.filter(isDrug).map(d => [
                    d.name, d.title ?? '', d.drugClass ?? '',
                    d.mechanisms.map(m => m.verb === 'suppresses' ? 'suppresses inflammation' : `${m.verb} ${m.target?.$refText ?? ''}`).join(', '),
                    d.route ?? '', text(d.halfLife ?? d.boneHalfLife), text(d.volume), text(d.clearance), text(d.bioavailability), text(d.ic50),
                    sourceOf(services, d)
                ])
            };
        case 'conditions':
            return {
                columns: ['name', 'title', 'scope', 'drives', 'activates', 'processes', 'sites'],
                rows: library.declarations.filter(isCondition).map(c => [
                    c.name, c.title ?? '', c.scope ?? 'systemic',
                    c.drives.map(e => `${e.target.$refText} ${text(e.fold)}`).join(', '),
                    c.activates.map(e => `${e.target.$refText} ${text(e.fold)}`).join(', '),
                    c.processes.join(', '), c.sites.map(s => s.$refText).join(', ')
                ])
            };
        case 'parameters':
            return {
                columns: ['name', 'value', 'unit', 'meaning', 'source'],
                rows: PARAMETERS.map(p => [p.name, String(+p.value.toPrecision(6)), p.unit, p.meaning, p.source])
            };
        case 'outputs':
            return {
                columns: ['name', 'kind', 'title', 'unit', 'per_site'],
                rows: nodes.filter(n => isOutput(n) || isCell(n) || isCytokine(n) || isMediator(n)).map(n => {
                    const c = n as AstNode & { name: string, title?: string, unit?: string, perSite?: boolean };
                    return [c.name, c.$type.toLowerCase(), c.title ?? '', c.unit ?? '', c.perSite ? 'yes' : ''];
                })
            };
        case 'units':
            return {
                columns: ['unit', 'dimension', 'in canonical unit'],
                rows: allUnits().map(u => [u.name, u.dimension, `${+u.factor.toPrecision(6)} ${CANONICAL_UNIT[u.dimension]}`])
            };
    }
}

/** A Markdown table (pipes in cells escaped). */
export function markdownTable(table: CatalogTable): string {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    return [
        `| ${table.columns.join(' | ')} |`,
        `| ${table.columns.map(() => '---').join(' | ')} |`,
        ...table.rows.map(r => `| ${r.map(cell).join(' | ')} |`)
    ].join('\n');
}

/** A plain-text table with aligned columns (long cells cut to keep lines readable). */
export function textTable(table: CatalogTable, maxCell = 48): string {
    const cut = (s: string) => s.length > maxCell ? `${s.slice(0, maxCell - 1)}…` : s;
    const rows = [table.columns, ...table.rows].map(r => r.map(cut));
    const widths = table.columns.map((_, i) => Math.max(...rows.map(r => r[i].length)));
    return rows.map(r => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

export const LIBRARY_DOC_START = '<!-- library tables: generated by `npm run docs:library`, checked by tests/authoring/library-docs.test.ts -->';
export const LIBRARY_DOC_END = '<!-- end of generated library tables -->';

/** The generated section of docs/language.md: drugs, conditions and parameters of the library. */
export function libraryDocSection(services: OsteoServices): string {
    const drugs = catalog(services, 'drugs');
    const conditions = catalog(services, 'conditions');
    const parameters = catalog(services, 'parameters');
    return [
        LIBRARY_DOC_START, '',
        `### Drugs (${drugs.rows.length})`, '', markdownTable(drugs), '',
        `### Conditions (${conditions.rows.length})`, '', markdownTable(conditions), '',
        `### Model parameters (${parameters.rows.length}; \`set NAME = VALUE\`, \`vary NAME …\`)`, '', markdownTable(parameters), '',
        LIBRARY_DOC_END
    ].join('\n');
}

/** docs/language.md with its generated section replaced (or appended when it has none yet). */
export function withLibrarySection(doc: string, section: string): string {
    const start = doc.indexOf(LIBRARY_DOC_START);
    const end = doc.indexOf(LIBRARY_DOC_END);
    if (start < 0 || end < 0) return `${doc.trimEnd()}\n\n## The standard library\n\n${section}\n`;
    return doc.slice(0, start) + section + doc.slice(end + LIBRARY_DOC_END.length);
}
