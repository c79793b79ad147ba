import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PlatformError } from './errors';

const run = promisify(execFile);

export interface JavaInstall {
  /** The `java` executable. */
  bin: string;
  /** JAVA_HOME for that executable. */
  home: string;
  major: number;
}

/** Trino 476 needs Java 24 or later; Loch asks for 25, the LTS it is tested with. */
export const MIN_JAVA = 25;

const JVM_DIRS = ['/usr/lib/jvm', '/usr/java', '/opt/java', '/Library/Java/JavaVirtualMachines'];

function jvmDirs(env: NodeJS.ProcessEnv): string[] {
  // LOCH_JVM_DIRS (colon-separated) replaces the usual folders: for unusual installs, and tests.
  return env.LOCH_JVM_DIRS !== undefined ? env.LOCH_JVM_DIRS.split(':').filter(Boolean) : JVM_DIRS;
}

/** Candidate Java homes in the order a user expects: JAVA_HOME, PATH, then the usual JVM folders. */
function candidateHomes(env: NodeJS.ProcessEnv): string[] {
  const homes: string[] = [];
  if (env.LOCH_JAVA_HOME) homes.push(env.LOCH_JAVA_HOME);
  if (env.JAVA_HOME) homes.push(env.JAVA_HOME);
  for (const dir of (env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'java'))) homes.push(join(dir, '..'));
  }
  for (const root of jvmDirs(env)) {
    if (!existsSync(root)) continue;
    const entries = readdirSync(root).sort().reverse();
    for (const entry of entries) {
      homes.push(join(root, entry));
      homes.push(join(root, entry, 'Contents', 'Home'));
    }
  }
  return homes;
}

export async function javaMajor(bin: string): Promise<number | undefined> {
  try {
    // `java -version` writes to stderr: `openjdk version "25.0.3" 2026-04-21 LTS`.
    const { stderr } = await run(bin, ['-version'], { timeout: 15_000 });
    const m = /version "(\d+)(?:\.(\d+))?/.exec(stderr);
    if (!m) return undefined;
    const major = Number(m[1]);
    return major === 1 ? Number(m[2]) : major;
  } catch {
    return undefined;
  }
}

export async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<JavaInstall> {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const home of candidateHomes(env)) {
    const bin = join(home, 'bin', 'java');
    if (seen.has(bin) || !existsSync(bin)) continue;
    seen.add(bin);
    const major = await javaMajor(bin);
    if (major === undefined) continue;
    if (major >= MIN_JAVA) return { bin, home, major };
    found.push(`${major} at ${home}`);
  }
  const had = found.length ? ` (found Java ${found.join(', ')})` : '';
  throw new PlatformError(
    `no Java ${MIN_JAVA} or later found${had}`,
    `install a Java ${MIN_JAVA} JDK (e.g. Eclipse Temurin 25) and set JAVA_HOME to it`,
    'no-java',
  );
}
