// How commander's parse outcomes become Loch's: help and --version end the run with exit code 0,
// and every command-line mistake becomes a UsageError — one line, exit code 2 — worded as `loch`
// always worded it. Commander prints nothing itself on an error; main.ts prints the line.
import { Command, type CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { UsageError, type CliIo } from './io';

/** Thrown when parsing ends the run without an error: help or the version was printed. */
export class CliExit extends Error {
  override readonly name = 'CliExit';
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** `loch branch create`: the words that run a command. */
export function commandPath(cmd: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The command's usage line as the error for a wrong number of arguments. */
export function usageError(cmd: CommandUnknownOpts): UsageError {
  return new UsageError(`usage: ${commandPath(cmd)} ${cmd.usage()}`);
}

/** Commander's "(Did you mean --json?)" as " (did you mean --json?)", or ''. */
function suggestion(message: string): string {
  const m = /\(Did you mean (.+)\?\)/.exec(message);
  return m ? ` (did you mean ${m[1]}?)` : '';
}

function translate(cmd: CommandUnknownOpts, err: CommanderError): Error {
  switch (err.code) {
    case 'commander.helpDisplayed':
    case 'commander.help':
    case 'commander.version':
      return new CliExit(err.exitCode);
    case 'commander.unknownCommand':
      if (!cmd.parent) {
        return new UsageError(
          `unknown command '${cmd.args[0]}'${suggestion(err.message)}; run \`loch help\``,
        );
      }
      return usageError(cmd);
    case 'commander.unknownOption': {
      const flag = /unknown option '(.*)'/.exec(err.message)?.[1] ?? '';
      return new UsageError(`Unknown option '${flag}'${suggestion(err.message)}`);
    }
    case 'commander.excessArguments':
      if (cmd.registeredArguments.length === 0 && cmd.commands.length === 0) {
        return new UsageError(
          `Unexpected argument '${cmd.args[0]}'. This command does not take positional arguments`,
        );
      }
      return usageError(cmd);
    case 'commander.missingArgument':
      return usageError(cmd);
    default:
      // e.g. "error: option '--format <format>' argument missing"
      return new UsageError(
        err.message.replace(/^error: (\w)/, (_, c: string) => c.toUpperCase()).replace(/\n/g, ' '),
      );
  }
}

/** Routes the whole tree's output through `io` and its errors through translate(). */
export function handleOutcomes(cmd: CommandUnknownOpts, io: CliIo): void {
  cmd.configureOutput({
    writeOut: io.out,
    writeErr: io.err,
    outputError: () => {},
  });
  cmd.exitOverride((err) => {
    throw translate(cmd, err);
  });
  for (const sub of cmd.commands) handleOutcomes(sub, io);
}

/** `loch help [COMMAND...]`, which also reaches subcommands: `loch help branch create`. */
export function helpCommand(
  program: CommandUnknownOpts,
  done: (code: number) => void,
): Command<[string[]]> {
  program.helpCommand(false);
  return new Command('help')
    .description('show help for loch or a command')
    .usage('[COMMAND...]')
    .argument('[command...]', 'the command, e.g. query or branch create')
    .helpOption(false)
    .action((words) => {
      let target = program;
      for (const word of words) {
        const next = target.commands.find((c) => c.name() === word);
        if (!next) {
          throw new UsageError(`unknown command '${words.join(' ')}'; run \`loch help\``);
        }
        target = next;
      }
      target.outputHelp();
      done(0);
    });
}
