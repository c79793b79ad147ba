// The `loch` command line, declared once: every command, argument and option with its meaning.
// Help, `--version`, shell completion and the one-line usage errors all read this tree.
// Built on commander (with its typed companion, so each command module receives typed options):
// the most used Node CLI library, maintained, no dependencies, and it exposes its command tree.
import { Argument, Command, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import pkg from '../../package.json' with { type: 'json' };
import { branches, createRef, deleteRefCommand } from './commands/branches';
import { diff } from './commands/diff';
import { log } from './commands/log';
import { merge } from './commands/merge';
import { down, status, up } from './commands/platform';
import { FORMATS, query } from './commands/query';
import { table, tables } from './commands/tables';
import { completionScript, SHELLS } from './completion/scripts';
import { helpCommand, usageError } from './usage';
import type { CliIo } from './io';
import { oneOf, port, positiveInteger } from './option-values';

const MODES = ['local', 'kind'] as const;

// Secrets are read from the environment only (a command line is visible to every local user).
const QUERY_ENVIRONMENT = `
Environment:
  LOCH_TRINO_URL       Trino's URL, when --url is not given
  LOCH_USER            the Trino user, when --user is not given
  LOCH_PASSWORD        a password (HTTP basic authentication)
  LOCH_TOKEN           a bearer token (JWT)
  LOCH_TRINO_AUTH      oauth2: log in through the browser
  LOCH_TRINO_CA        a CA certificate file for an https Trino
  LOCH_TRINO_INSECURE  1: do not verify Trino's TLS certificate`;

const modeOption = () =>
  new Option('--mode <mode>', 'the local processes, or the kind (Kubernetes) cluster')
    .choices(MODES)
    .argParser(oneOf('--mode', MODES))
    .default('local' as const);

const jsonOption = () => new Option('--json', 'print JSON instead of text');

const branchOption = (what: string) =>
  new Option('--branch <ref>', `the Nessie branch or tag ${what} (default: main)`);

/** The same -h/--help wording on every command (commander's default says "for command"). */
function helpOptions(cmd: CommandUnknownOpts): void {
  if (cmd.name() !== 'help') cmd.helpOption('-h, --help', 'show this help');
  for (const sub of cmd.commands) helpOptions(sub);
}

/** The branch and tag commands differ only in the kind of reference they make. */
function refCommand(kind: 'branch' | 'tag', io: CliIo, done: (code: number) => void) {
  const ref = new Command(kind)
    .description(`create or delete a Nessie ${kind} (and the Trino catalog that reads it)`)
    .usage(`create NAME [--from REF] | ${kind} delete NAME`)
    .action(() => {
      throw usageError(ref);
    });
  ref
    .command('create')
    .description(`create a ${kind} at the head of another reference`)
    .usage('NAME [--from REF]')
    .argument('<name>', `the new ${kind}'s name`)
    .option('--from <ref>', 'the branch or tag to start from (default: main)')
    .action(async (name, opts) => done(await createRef(kind, name, opts, io)));
  ref
    .command('delete')
    .description(`delete a ${kind} and drop its Trino catalog`)
    .usage('NAME [--expected-hash HASH]')
    .argument('<name>', `the ${kind} to delete`)
    .option(
      '--expected-hash <hash>',
      `delete only if the ${kind} is still at this commit (default: its head now)`,
    )
    .action(async (name, opts) => done(await deleteRefCommand(kind, name, opts, io)));
  return ref;
}

/**
 * The program. `done` receives each command's exit code; usage mistakes throw (see usage.ts).
 * Output (help, version) goes through `io`, so tests see exactly what a terminal would.
 */
export function lochProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('loch')
    .description('Loch: a lakehouse workbench over Trino, Apache Iceberg and Project Nessie')
    .version(pkg.version, '-V, --version', 'print the version of loch')
    .addHelpText(
      'after',
      '\nRun `loch help COMMAND` (or `loch COMMAND --help`) for its arguments and options.',
    );

  program
    .command('up')
    .description('start the platform: Trino and Nessie, on this machine or in kind')
    .addOption(modeOption())
    .option('--seed', 'load the sample data into lake.demo on Nessie main')
    .option('--trino-port <n>', "Trino's port (local mode)", port('--trino-port'))
    .option('--nessie-port <n>', "Nessie's port (local mode)", port('--nessie-port'))
    .option('--addons <list>', 'kind mode: comma-separated add-ons (autoscaling, streaming, elt)')
    .option('--context <name>', 'kind mode: the kubectl context to deploy to (default: loch)')
    .option('--allow-foreign-context', 'kind mode: deploy to a context Loch did not create')
    .action(async (opts) => done(await up(opts, io)));

  program
    .command('down')
    .description('stop what `loch up` started')
    .addOption(modeOption())
    .action(async (opts) => done(await down(opts, io)));

  program
    .command('status')
    .description('state and endpoints of the platform')
    .addOption(modeOption())
    .addOption(jsonOption())
    .action(async (opts) => done(await status(opts, io)));

  program
    .command('branches')
    .description('Nessie branches and tags with their hashes')
    .addOption(jsonOption())
    .option('--branches', 'list branches only')
    .option('--tags', 'list tags only')
    .action(async (opts) => done(await branches(opts, io)));

  program.addCommand(refCommand('branch', io, done));
  program.addCommand(refCommand('tag', io, done));

  program
    .command('merge')
    .description('merge a branch or tag into a branch')
    .usage('FROM [--into BRANCH] [--dry-run]')
    .argument('<from>', 'the branch or tag to merge')
    .option('--into <branch>', 'the branch to merge into (default: main)')
    .option('--dry-run', 'say what would change, change nothing')
    .option('--expected-hash <hash>', 'merge only if the target is still at this commit')
    .option('--message <text>', 'the merge commit message')
    .addOption(jsonOption())
    .action(async (from, opts) => done(await merge(from, opts, io)));

  program
    .command('diff')
    .description('the tables that differ between two references')
    .usage('FROM TO [--json]')
    .argument('<from>', 'the branch or tag to compare from')
    .argument('<to>', 'the branch or tag to compare to')
    .addOption(jsonOption())
    .action(async (from, to, opts) => done(await diff(from, to, opts, io)));

  program
    .command('log')
    .description('commits of a reference, newest first')
    .usage('[REF] [--json] [--limit N]')
    .argument('[ref]', 'the branch or tag (default: main)')
    .addOption(jsonOption())
    .option('--limit <n>', 'at most this many commits', positiveInteger('--limit'), 50)
    .action(async (ref, opts) => done(await log(ref, opts, io)));

  program
    .command('tables')
    .description('the Iceberg tables and views on a reference')
    .usage('[--branch REF] [--json]')
    .addOption(branchOption('to list'))
    .addOption(jsonOption())
    .action(async (opts) => done(await tables(opts, io)));

  const tableCmd = new Command('table')
    .description("an Iceberg table's details")
    .usage('show NAMESPACE.TABLE [--branch REF] [--json]')
    .action(() => {
      throw usageError(tableCmd);
    });
  tableCmd
    .command('show')
    .description('schema with field ids, partition spec, snapshots, files and manifests')
    .usage('NAMESPACE.TABLE [--branch REF] [--json]')
    .argument('<name>', 'the table, as NAMESPACE.TABLE')
    .addOption(branchOption('to read it on'))
    .addOption(jsonOption())
    .action(async (name, opts) => done(await table(name, opts, io)));
  program.addCommand(tableCmd);

  program
    .command('query')
    .description('run SQL on Trino and print the result')
    .usage('[options] SQL')
    .argument('[sql...]', 'the statement (several words are joined with spaces)')
    .option('--catalog <catalog>', 'the default catalog for unqualified names')
    .option('--branch <ref>', 'query a Nessie branch or tag through its own catalog')
    .option('--schema <schema>', 'the default schema for unqualified names')
    .addOption(
      new Option('--format <format>', 'how to print the result')
        .choices(FORMATS)
        .argParser(oneOf('--format', FORMATS))
        .default('table' as const),
    )
    .option('--out <file>', 'write the result to this file (whole, or not at all)')
    .option(
      '--max-rows <n>',
      'stop after this many rows and cancel the rest on the server (default: the whole result)',
      positiveInteger('--max-rows'),
    )
    .option('--url <url>', "Trino's URL (default: LOCH_TRINO_URL, else the local platform)")
    .option('--user <name>', 'the Trino user (default: LOCH_USER, else your login name)')
    .addHelpText('after', QUERY_ENVIRONMENT)
    .action(async (sql, opts) => done(await query(sql.join(' '), opts, io)));

  program
    .command('completion')
    .description('print a shell completion script: eval "$(loch completion bash)"')
    .usage('bash|zsh|fish')
    .addArgument(
      new Argument('<shell>', 'the shell to complete in')
        .choices(SHELLS)
        .argParser(oneOf('the shell', SHELLS)),
    )
    .action((shell) => {
      io.out(completionScript(shell, program));
      done(0);
    });

  program.addCommand(helpCommand(program, done));
  helpOptions(program);
  return program;
}
