import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlatformError } from '../../../shared/src/platform/errors';
import { findJava, MIN_JAVA } from '../../../shared/src/platform/java';

test('with no Java 25 anywhere it says what to install', async () => {
  await assert.rejects(
    findJava({ PATH: '/nonexistent', LOCH_JVM_DIRS: '' }),
    (e: unknown) =>
      e instanceof PlatformError &&
      e.code === 'no-java' &&
      e.message === `no Java ${MIN_JAVA} or later found` &&
      e.hint.startsWith('install a Java 25 JDK'),
  );
});

test('an older Java on PATH is reported, not used', async () => {
  const java17 = '/usr/lib/jvm/java-17-openjdk-amd64';
  await assert.rejects(
    findJava({ JAVA_HOME: java17, PATH: '/nonexistent', LOCH_JVM_DIRS: '' }),
    (e: unknown) =>
      e instanceof PlatformError &&
      e.message === `no Java 25 or later found (found Java 17 at ${java17})`,
  );
});
