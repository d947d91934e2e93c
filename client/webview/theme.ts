/**
 * The active VS Code theme as the canvas needs it. Canvas colours are plain strings, so they are read
 * from the `--vscode-*` variables and re-read whenever VS Code swaps the body's theme class.
 */
import type { ThemeKind } from '../../report/palette.js';

export interface ThemeColors {
    readonly kind: ThemeKind;
    readonly foreground: string;
    readonly background: string;
    readonly grid: string;
    readonly fontFamily: string;
}

export function themeKind(body: HTMLElement = document.body): ThemeKind {
    const classes = body.classList;
    if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
    if (classes.contains('vscode-high-contrast')) return 'high-contrast';
    if (classes.contains('vscode-dark')) return 'dark';
    return 'light';
}

export function readTheme(body: HTMLElement = document.body): ThemeColors {
    const kind = themeKind(body);
    const style = getComputedStyle(body);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const light = kind === 'light' || kind === 'high-contrast-light';
    const foreground = read('--vscode-editor-foreground', read('--vscode-foreground', light ? '#1f1f1f' : '#cccccc'));
    const grid = kind.startsWith('high-contrast')
        ? read('--vscode-contrastBorder', foreground)
        : read('--vscode-charts-lines', light ? 'rgba(0,0,0,0.14)' : 'rgba(255,255,255,0.14)');
    return {
        kind,
        foreground,
        background: read('--vscode-editor-background', light ? '#ffffff' : '#1e1e1e'),
        grid,
        fontFamily: read('--vscode-font-family', 'system-ui, sans-serif')
    };
}

/** Calls `onChange` when VS Code switches theme (it rewrites the body class and the variables). */
export function watchTheme(onChange: (theme: ThemeColors) => void): () => void {
    let last = JSON.stringify(readTheme());
    const observer = new MutationObserver(() => {
        const theme = readTheme();
        const key = JSON.stringify(theme);
        if (key !== last) {
            last = key;
            onChange(theme);
        }
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    return () => observer.disconnect();
}
