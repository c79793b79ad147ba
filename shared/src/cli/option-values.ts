// Parsers for option values, given to commander as each option's argParser. They throw
// UsageError (not commander's InvalidArgumentError) so the message is Loch's own one line,
// without commander's "option '--x <v>' argument 'y' is invalid." prefix.
import { UsageError } from './io';

/** A value from a fixed list; the list also feeds `--help` and shell completion. */
export function oneOf<const T extends string>(flag: string, choices: readonly T[]) {
  const listed =
    choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`;
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new UsageError(`${flag} is ${listed}, not ${value}`);
    }
    return value as T;
  };
}

/** A whole number of at least 1, such as a row or commit count. */
export function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`${flag} takes a positive integer`);
    }
    return n;
  };
}

/** A TCP port. */
export function port(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new UsageError(`${flag} takes a port from 1 to 65535`);
    }
    return n;
  };
}
