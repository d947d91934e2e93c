/** File names from URI paths without node:path, so the same code runs in the desktop and the web extension host. */

/** The last segment of a URI path: `/a/b/ra.osteo` → `ra.osteo`. */
export function baseName(uriPath: string): string {
    return uriPath.slice(uriPath.lastIndexOf('/') + 1);
}
