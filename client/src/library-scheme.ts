/**
 * The standard library's URI scheme and text, for the client bundle. Mirrors LIBRARY_SCHEME of
 * language/src/builtins/library.ts without importing it: that module pulls Langium (~1 MB) into the
 * extension. tests/client/library-scheme.test.ts keeps the two equal.
 */
import libraryText from '../../language/src/builtins/library.osteo';

export const LIBRARY_SCHEME = 'osteo-builtin';
export const LIBRARY_PATH = '/library.osteo';
export const LIBRARY_TEXT: string = libraryText;
