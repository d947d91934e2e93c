/** `osteo list drugs|conditions|parameters|outputs|units [--format table|json]`: what the library the server loads holds. */
import { EmptyFileSystem } from 'langium';
import { catalog, CATALOG_KINDS, textTable, type CatalogKind } from '../language/src/builtins/library-catalog.js';
import { createOsteoServices } from '../language/src/osteo-module.js';
import { UsageError, type CliArgs } from './args.js';

export async function runList(args: CliArgs): Promise<number> {
    const [kind, ...extra] = args.files;
    if (!kind || !(CATALOG_KINDS as readonly string[]).includes(kind)) {
        throw new UsageError(`osteo list needs one of ${CATALOG_KINDS.join(', ')}${kind ? `, not '${kind}'` : ''}`);
    }
    if (extra.length > 0) throw new UsageError(`osteo list takes one kind, not '${extra.join(' ')}'`);
    const format = args.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format for list is table or json, not '${format}'`);
    const { Osteo } = createOsteoServices({ ...EmptyFileSystem });
    const table = catalog(Osteo, kind as CatalogKind);
    if (format === 'json') {
        const rows = table.rows.map(r => Object.fromEntries(table.columns.map((c, i) => [c, r[i]])));
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    } else {
        process.stdout.write(textTable(table));
    }
    return 0;
}
