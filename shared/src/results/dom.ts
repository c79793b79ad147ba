// The one way the viewer makes an element: a class and, optionally, text set as textContent
// (never markup: data values and column names must stay text).

export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
