/** Nessie content keys (`demo.orders`) as element lists, strings and URL path segments. */

export function keyToString(elements: readonly string[]): string {
  return elements.join('.');
}

/** `demo.orders` -> `['demo', 'orders']`; an empty element is refused. */
export function parseKey(dotted: string): string[] {
  const elements = dotted.split('.');
  if (elements.some((e) => e.length === 0)) throw new Error(`'${dotted}' is not a content key`);
  return elements;
}

/**
 * The v2 path form of a key: elements joined with `.`, a `.` inside an element written as
 * U+001D (Nessie's ContentKey.toPathString), then percent-encoded as one path segment.
 */
export function keyPathSegment(elements: readonly string[]): string {
  return encodeURIComponent(elements.map((e) => e.replace(/\./g, '\u001d')).join('.'));
}
