/** DOM building with text nodes only: model text (titles, arm names) never passes through innerHTML. */

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: {
    class?: string; attrs?: Record<string, string>; text?: string; onClick?: (event: MouseEvent) => void;
} = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    if (props.class) element.className = props.class;
    for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
    if (props.text !== undefined) element.textContent = props.text;
    if (props.onClick) element.addEventListener('click', props.onClick as EventListener);
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
}

export function button(label: string, onClick: () => void, props: { title?: string; pressed?: boolean; class?: string } = {}): HTMLButtonElement {
    const attrs: Record<string, string> = { type: 'button' };
    if (props.title) attrs.title = props.title;
    if (props.pressed !== undefined) attrs['aria-pressed'] = String(props.pressed);
    return el('button', { class: props.class ?? 'osteo-button', attrs, text: label, onClick: () => onClick() });
}
