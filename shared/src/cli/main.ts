import { oneLineError } from './errors';
import type { CliIo } from './io';
import { lochProgram } from './program';
import { CliExit, handleOutcomes } from './usage';

export async function main(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = lochProgram(io, (code) => (exitCode = code));
  handleOutcomes(program, io);
  if (argv.length === 0) {
    // `loch` alone: what it can do, and the exit code of a usage mistake.
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CliExit) return e.exitCode;
    const { line, exitCode: code } = oneLineError(e);
    io.err(`${line}\n`);
    return code;
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
