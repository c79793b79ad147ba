// What shell completion offers, read from the commander program: one source of truth, so a
// command or flag added to program.ts completes without touching the scripts.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commandPath } from '../usage';

export interface CompletionOption {
  /** e.g. ['--format'] or ['-V', '--version']. */
  flags: string[];
  description: string;
  takesValue: boolean;
  /** The values the option accepts, when they are a fixed list. */
  choices: string[];
  /** The value is a file name: program.ts names such values `<file>`. */
  file: boolean;
}

export interface CompletionNode {
  /** The words that run the command: 'loch', 'loch branch create'. */
  path: string;
  commands: { name: string; description: string }[];
  options: CompletionOption[];
  /** Values a positional argument accepts, when they are a fixed list (`completion bash`). */
  argumentChoices: string[];
}

function node(cmd: CommandUnknownOpts): CompletionNode {
  const help = cmd.createHelp();
  return {
    path: commandPath(cmd),
    commands: help
      .visibleCommands(cmd)
      .map((c) => ({ name: c.name(), description: help.subcommandDescription(c) })),
    options: help.visibleOptions(cmd).map((o) => ({
      flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
      description: o.description,
      takesValue: o.required || o.optional,
      choices: o.argChoices ? [...o.argChoices] : [],
      file: /<file>|\[file\]/.test(o.flags),
    })),
    argumentChoices: cmd.registeredArguments.flatMap((a) => a.argChoices ?? []),
  };
}

/** Every command of the program, depth first, the program itself first. */
export function completionTree(program: CommandUnknownOpts): CompletionNode[] {
  const nodes = [node(program)];
  for (const sub of program.commands) nodes.push(...completionTree(sub));
  return nodes;
}
