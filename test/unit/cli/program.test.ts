// The `loch` command line as declared in program.ts: help for every command, the version,
// completion scripts built from the command tree, and usage mistakes as one line with exit 2.
// Every case here fails while parsing, before anything is contacted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CliIo } from '../../../shared/src/cli/io';
import { main } from '../../../shared/src/cli/main';
import { lochProgram } from '../../../shared/src/cli/program';
import { commandPath, handleOutcomes } from '../../../shared/src/cli/usage';

async function loch(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    // No platform and nothing to connect to: a case that got past parsing would fail loudly.
    env: { LOCH_STATE_DIR: '/nonexistent/loch-state', LOCH_TRINO_URL: 'http://127.0.0.1:9' },
    signal: new AbortController().signal,
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

type LochCommand = ReturnType<typeof lochProgram>['commands'][number];

function allCommands(cmd: LochCommand): LochCommand[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

const program = lochProgram({} as CliIo, () => {});
const commands = allCommands(program);

/** The flag column of the help's Options section. */
function optionFlags(help: string): string[] {
  const section = help.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? '';
  return section
    .split('\n')
    .filter((l) => /^ {2}-/.test(l))
    .map((l) => l.trim().split(/ {2,}/)[0]!);
}

test('loch query --help lists exactly its flags, with their meaning', async () => {
  const r = await loch('query', '--help');
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Usage: loch query \[options\] SQL\n\nrun SQL on Trino/);
  assert.deepEqual(optionFlags(r.stdout), [
    '--catalog <catalog>',
    '--branch <ref>',
    '--schema <schema>',
    '--format <format>',
    '--out <file>',
    '--max-rows <n>',
    '--url <url>',
    '--user <name>',
    '-h, --help',
  ]);
  assert.match(
    r.stdout,
    /--max-rows <n> +stop after this many rows and cancel the rest on the\s+server \(default: the whole result\)/,
  );
  assert.match(r.stdout, /\(choices: "table", "csv", "json",\s+"arrow", default: "table"\)/);
  assert.match(r.stdout, /\n {2}LOCH_TOKEN +a bearer token/);
});

test('every command and subcommand has --help: usage, description, every flag explained', async () => {
  assert.deepEqual(
    commands.map((c) => commandPath(c)),
    [
      'loch',
      'loch up',
      'loch down',
      'loch status',
      'loch branches',
      'loch branch',
      'loch branch create',
      'loch branch delete',
      'loch tag',
      'loch tag create',
      'loch tag delete',
      'loch merge',
      'loch diff',
      'loch log',
      'loch tables',
      'loch table',
      'loch table show',
      'loch query',
      'loch completion',
      'loch help',
    ],
  );
  for (const cmd of commands) {
    const path = commandPath(cmd).split(' ').slice(1);
    const viaFlag = await loch(...path, '--help');
    const viaHelp = await loch('help', ...path);
    assert.equal(viaHelp.code, 0, path.join(' '));
    assert.equal(viaHelp.stderr, '');
    assert.ok(viaHelp.stdout.startsWith(`Usage: ${commandPath(cmd)} `), viaHelp.stdout);
    assert.ok(cmd.description().length > 0, path.join(' '));
    if (cmd.name() !== 'help') assert.deepEqual(viaFlag, viaHelp, path.join(' '));
    const flags = optionFlags(viaHelp.stdout);
    const declared = cmd.options.map((o) => o.flags);
    const helpFlag = cmd.name() === 'help' ? [] : ['-h, --help'];
    assert.deepEqual(flags, [...declared, ...helpFlag], path.join(' '));
    for (const o of cmd.options) assert.ok(o.description.length > 0, `${path} ${o.flags}`);
  }
});

test('--version and -V print the version from package.json', async () => {
  const pkg = JSON.parse(
    readFileSync(new URL('../../../shared/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  for (const flag of ['--version', '-V']) {
    assert.deepEqual(await loch(flag), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  }
});

test('loch with no command prints the usage and exits 2', async () => {
  const r = await loch();
  assert.equal(r.code, 2);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Usage: loch \[options\] \[command\]\n/);
  for (const cmd of program.commands) assert.match(r.stdout, new RegExp(`\n {2}${cmd.name()} `));
  assert.equal((await loch('help')).stdout, r.stdout);
});

test('usage mistakes: exactly one line on stderr, nothing on stdout, exit 2', async () => {
  const cases: [string[], string][] = [
    [['query', '--bogus', 'SELECT 1'], "Unknown option '--bogus'"],
    [['branches', '--jsn'], "Unknown option '--jsn' (did you mean --json?)"],
    [['branch', 'create', '-rf'], "Unknown option '-rf'"],
    [['nope'], "unknown command 'nope'; run `loch help`"],
    [['brnch'], "unknown command 'brnch' (did you mean branch?); run `loch help`"],
    [['help', 'nope'], "unknown command 'nope'; run `loch help`"],
    [
      ['up', 'extra'],
      "Unexpected argument 'extra'. This command does not take positional arguments",
    ],
    [['up', '--trino-port', 'abc'], '--trino-port takes a port from 1 to 65535'],
    [['up', '--mode', 'cloud'], '--mode is local or kind, not cloud'],
    [
      ['query', '--format', 'xml', 'SELECT 1'],
      '--format is one of table, csv, json, arrow, not xml',
    ],
    [['query', '--format'], "Option '--format <format>' argument missing"],
    [['query', '--max-rows', '0', 'SELECT 1'], '--max-rows takes a positive integer'],
    [['query', '--max-rows', '2.5', 'SELECT 1'], '--max-rows takes a positive integer'],
    [
      ['query', '--catalog', 'a', '--branch', 'b', 'SELECT 1'],
      '--branch and --catalog exclude each other: a branch has its own catalog',
    ],
    [['query'], 'query needs SQL: loch query "SELECT 1"'],
    [['log', '--limit', '0'], '--limit takes a positive integer'],
    [['log', 'a', 'b'], 'usage: loch log [REF] [--json] [--limit N]'],
    [['diff', 'main'], 'usage: loch diff FROM TO [--json]'],
    [['merge'], 'usage: loch merge FROM [--into BRANCH] [--dry-run]'],
    [['branch'], 'usage: loch branch create NAME [--from REF] | branch delete NAME'],
    [['branch', 'nope'], 'usage: loch branch create NAME [--from REF] | branch delete NAME'],
    [['tag', 'create'], 'usage: loch tag create NAME [--from REF]'],
    [['branch', 'delete', 'a', 'b'], 'usage: loch branch delete NAME [--expected-hash HASH]'],
    [['table'], 'usage: loch table show NAMESPACE.TABLE [--branch REF] [--json]'],
    [['table', 'show'], 'usage: loch table show NAMESPACE.TABLE [--branch REF] [--json]'],
    [['table', 'show', 'nodots'], 'nodots is not NAMESPACE.TABLE'],
    [['completion'], 'usage: loch completion bash|zsh|fish'],
    [['completion', 'ksh'], 'the shell is one of bash, zsh, fish, not ksh'],
  ];
  for (const [argv, line] of cases) {
    assert.deepEqual(
      await loch(...argv),
      { code: 2, stdout: '', stderr: `loch: ${line}\n` },
      argv.join(' '),
    );
  }
});

/** What bash completes for the words (the last one is the word under the cursor). */
function complete(script: string, words: string[], cwd?: string): string[] {
  const run = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_loch; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', run], { encoding: 'utf8', cwd })
    .split('\n')
    .filter(Boolean);
}

test('bash completion completes commands, subcommands, flags and flag values', async () => {
  const r = await loch('completion', 'bash');
  assert.equal(r.code, 0);
  const bashComplete = (words: string[]) => complete(r.stdout, words);
  assert.deepEqual(
    bashComplete(['loch', '']),
    program.commands.map((c) => c.name()),
  );
  assert.deepEqual(bashComplete(['loch', 'ta']), ['tag', 'tables', 'table']);
  assert.deepEqual(bashComplete(['loch', 'branch', '']), ['create', 'delete']);
  assert.deepEqual(bashComplete(['loch', 'branch', 'create', 'x', '--']), ['--from', '--help']);
  assert.deepEqual(bashComplete(['loch', 'query', '--format', '']), [
    'table',
    'csv',
    'json',
    'arrow',
  ]);
  // File names only where the flag takes a file.
  const dir = mkdtempSync(join(tmpdir(), 'loch-completion-'));
  try {
    writeFileSync(join(dir, 'orders.csv'), '');
    assert.deepEqual(complete(r.stdout, ['loch', 'query', '--out', 'ord'], dir), ['orders.csv']);
    assert.deepEqual(complete(r.stdout, ['loch', 'up', '--trino-port', ''], dir), []);
    assert.deepEqual(complete(r.stdout, ['loch', 'query', ''], dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(bashComplete(['loch', 'query', '--out', 'f', '--ma']), ['--max-rows']);
  assert.deepEqual(bashComplete(['loch', 'up', '--mode', 'k']), ['kind']);
  assert.deepEqual(bashComplete(['loch', 'completion', '']), ['bash', 'zsh', 'fish']);
  assert.deepEqual(bashComplete(['loch', '-']), ['-V', '--version', '-h', '--help']);
});

test('the zsh and fish scripts name every command and every flag of the tree', async () => {
  const zsh = (await loch('completion', 'zsh')).stdout;
  const fish = (await loch('completion', 'fish')).stdout;
  assert.match(zsh, /^#compdef loch\n/);
  assert.match(fish, /\ncomplete -c loch -f\n/);
  for (const cmd of commands.slice(1)) {
    const path = commandPath(cmd);
    const parent = commandPath(cmd.parent!);
    // zsh (and bash) share the data functions: the parent's case arm lists the command.
    assert.match(zsh, new RegExp(`\n {4}'${parent}'\\) echo '[^']*\\b${cmd.name()}\\b`), path);
    assert.ok(fish.includes(`-n '__loch_at \\'${parent}\\'' -a '${cmd.name()}' -d `), path);
    for (const o of cmd.options) {
      assert.ok(zsh.includes(`'${path}') echo '`), path);
      assert.ok(
        fish.includes(`-n '__loch_at \\'${path}\\'' -l ${o.long!.slice(2)}`),
        `${path} ${o.long}`,
      );
    }
  }
  assert.ok(fish.includes(`-l format -x -a 'table csv json arrow' -d 'how to print the result'`));
  assert.ok(fish.includes(`-l out -r -F -d `));
  assert.ok(fish.includes(`-l max-rows -x -d `));
  assert.match(
    zsh,
    /\n_loch_takes_file\(\) \{\n {2}case "\$1" in\n {4}'loch query --out'\) return 0 ;;\n/,
  );
});

/** The arguments and options a command's module would receive, stopped before it runs. */
async function parsed(...argv: string[]) {
  const p = lochProgram({} as CliIo, () => {});
  // A parse error throws (instead of exiting the test process) and prints nothing.
  handleOutcomes(p, { out: () => {}, err: () => {} } as unknown as CliIo);
  let seen: { args: unknown[]; opts: Record<string, unknown> } | undefined;
  p.hook('preAction', (_, action) => {
    seen = { args: action.processedArgs, opts: action.opts() };
    throw new Error('stopped before the action');
  });
  await assert.rejects(p.parseAsync(argv, { from: 'user' }), /stopped before the action/);
  return seen;
}

test('command modules receive parsed values: numbers, defaults, camelCase names', async () => {
  assert.deepEqual(await parsed('query', 'SELECT', '-1'), {
    args: [['SELECT', '-1']],
    opts: { format: 'table' },
  });
  assert.deepEqual(await parsed('query', '--max-rows', '7', '--format', 'csv', 'SELECT 1'), {
    args: [['SELECT 1']],
    opts: { format: 'csv', maxRows: 7 },
  });
  assert.deepEqual(await parsed('up', '--trino-port', '8080', '--allow-foreign-context'), {
    args: [],
    opts: { mode: 'local', trinoPort: 8080, allowForeignContext: true },
  });
  assert.deepEqual(await parsed('log'), { args: [undefined], opts: { limit: 50 } });
  assert.deepEqual(await parsed('merge', 'dev', '--dry-run', '--expected-hash', 'abc'), {
    args: ['dev'],
    opts: { dryRun: true, expectedHash: 'abc' },
  });
  assert.deepEqual(await parsed('tag', 'delete', 'v1', '--expected-hash', 'abc'), {
    args: ['v1'],
    opts: { expectedHash: 'abc' },
  });
});
