/** `.osteo` files imported by code are bundled as text (esbuild `text` loader, vitest plugin). */
declare module '*.osteo' {
    const text: string;
    export default text;
}
