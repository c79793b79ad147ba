// One line for a failure, as the views show it: the core's typed errors know how to say it.
export function errorLine(e: unknown): string {
  if (e && typeof e === 'object' && 'oneLine' in e && typeof e.oneLine === 'function') {
    return String((e as { oneLine: () => string }).oneLine());
  }
  if (e instanceof Error) return e.message.split('\n')[0] ?? e.name;
  return String(e);
}
