// Small DOM helpers for the sidebar: text only (textContent), never markup from data.
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.title) e.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

export function button(text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { className: 'jp-Button loch-jl-button', text, title });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}
