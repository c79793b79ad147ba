import { readFileSync } from 'node:fs';
import { sleep } from '../wait';

/** True when a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when pid is alive and its command line mentions `marker` (Loch's state folder). Guards
 * `loch down` against a pid the system has since given to an unrelated process.
 */
export function isOurs(pid: number | undefined, marker: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes(marker)) return true;
    // An empty command line is a process between fork and exec (Trino's launcher execs the
    // JVM) or a zombie: only the zombie is gone.
    return cmdline === '' && !isZombie(pid!);
  } catch {
    // No /proc (macOS): the recorded pid is the best knowledge there is.
    return true;
  }
}

function isZombie(pid: number): boolean {
  try {
    // /proc/PID/stat: `pid (comm) S ...`; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs = 20_000): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return;
    }
    while (isAlive(pid)) await sleep(50);
  }
}
