/** Escaping for text placed into HTML/SVG markup and into inline `<script>` data. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text content and quoted attribute values in HTML and SVG. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => HTML_ESCAPES[c]);
}

/**
 * JSON safe inside `<script type="application/json">`: no `</script>`, no `<!--`, and no U+2028/9
 * (which older parsers treat as line ends).
 */
export function jsonForScript(value: unknown): string {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}

/** Code placed inside an inline `<script>`: a literal `</script` in a string would end the element early. */
export function scriptForInline(code: string): string {
    return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** Text inside an inline `<style>`. */
export function styleForInline(css: string): string {
    return css.replace(/<\/(style)/gi, '<\\/$1');
}

/** A file name from user text: no path separators or characters file systems reject. */
export function safeFileName(text: string): string {
    const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.{2,}/g, '_').replace(/^[._]+|[._]+$/g, '');
    return cleaned.length > 0 ? cleaned.slice(0, 80) : 'results';
}
