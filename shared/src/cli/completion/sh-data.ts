// The completion data as shell functions that bash and zsh both run (plain `case`, so bash 3.2
// on macOS works too): which words are subcommands, which flags exist and which take a value.
import type { CompletionNode } from './tree';

/** One single-quoted sh word. */
export const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function caseFunction(name: string, entries: [key: string, words: string[]][]): string {
  const arms = entries
    .filter(([, words]) => words.length > 0)
    .map(([key, words]) => `    ${shQuote(key)}) echo ${shQuote(words.join(' '))} ;;`);
  return [`${name}() {`, '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

function matchFunction(name: string, keys: string[]): string {
  return [
    `${name}() {`,
    '  case "$1" in',
    ...(keys.length ? [`    ${keys.map(shQuote).join('|')}) return 0 ;;`] : []),
    '  esac',
    '  return 1',
    '}',
  ].join('\n');
}

/**
 * _loch_subcommands PATH, _loch_options PATH, _loch_values PATH[ FLAG], and the tests
 * _loch_takes_value PATH FLAG, _loch_takes_file PATH FLAG.
 */
export function shDataFunctions(nodes: CompletionNode[]): string {
  const flagKeys = (keep: (o: CompletionNode['options'][number]) => boolean) =>
    nodes.flatMap((n) =>
      n.options.filter(keep).flatMap((o) => o.flags.map((f) => `${n.path} ${f}`)),
    );
  const values: [string, string[]][] = nodes.flatMap((n) => [
    [n.path, n.argumentChoices] as [string, string[]],
    ...n.options.flatMap((o) =>
      o.flags.map((f) => [`${n.path} ${f}`, o.choices] as [string, string[]]),
    ),
  ]);
  return [
    caseFunction(
      '_loch_subcommands',
      nodes.map((n) => [n.path, n.commands.map((c) => c.name)]),
    ),
    caseFunction(
      '_loch_options',
      nodes.map((n) => [n.path, n.options.flatMap((o) => o.flags)]),
    ),
    caseFunction('_loch_values', values),
    matchFunction(
      '_loch_takes_value',
      flagKeys((o) => o.takesValue),
    ),
    matchFunction(
      '_loch_takes_file',
      flagKeys((o) => o.file),
    ),
  ].join('\n');
}
