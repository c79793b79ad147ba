import { oneLineError } from './errors';
import { commands } from './commands/index';
import type { CliIo } from './io';

function usage(): string {
  const lines = Object.values(commands).map((c) => `  loch ${c.summary}`);
  return `usage:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`loch: unknown command '${name}'; run \`loch help\`\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    const { line, exitCode } = oneLineError(e);
    io.err(`${line}\n`);
    return exitCode;
  }
}

const isEntry = process.argv[1] && /(?:main\.ts|loch(?:\.mjs)?)$/.test(process.argv[1]);
if (isEntry) {
  const controller = new AbortController();
  // A reader that stops early (`loch branches | head`) closes the pipe: stop quietly, as
  // Unix tools do, and cancel whatever is still running.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    controller.abort();
    process.exit(0);
  });
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const io: CliIo = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    signal: controller.signal,
    isTTY: Boolean(process.stderr.isTTY),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
