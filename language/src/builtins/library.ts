import { URI } from 'langium';
import libraryText from './library.osteo';

/** The standard library lives under its own scheme so that editors open it read-only. */
export const LIBRARY_SCHEME = 'osteo-builtin';
export const LIBRARY_URI = URI.parse(`${LIBRARY_SCHEME}:///library.osteo`);
export const LIBRARY_TEXT: string = libraryText;

export function isLibraryUri(uri: URI | string): boolean {
    return (typeof uri === 'string' ? uri : uri.toString()).startsWith(`${LIBRARY_SCHEME}:`);
}
