import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  artifactUrl,
  ensureArtifact,
  type MavenArtifact,
} from '../../../shared/src/platform/artifacts';
import { PlatformError } from '../../../shared/src/platform/errors';

// A local Maven-layout HTTP server: the download path is real, only the bytes are ours.
const body = Buffer.from('the real bytes of an artifact\n');
const goodSha1 = createHash('sha1').update(body).digest('hex');
const good: MavenArtifact = {
  group: 'org.example',
  artifact: 'good',
  version: '1',
  extension: 'jar',
};
const corrupt: MavenArtifact = {
  group: 'org.example',
  artifact: 'corrupt',
  version: '1',
  extension: 'jar',
};
let server: Server;
let repo: string;
const hits: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    hits.push(req.url!);
    if (req.url!.endsWith('.sha1')) {
      // Both publish the checksum of the good bytes; `corrupt` then serves other bytes.
      res.end(`${goodSha1}  file.jar\n`);
    } else if (req.url!.includes('/corrupt/')) {
      res.end(Buffer.from('truncated or tampered'));
    } else if (req.url!.includes('/good/')) {
      res.end(body);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  repo = `http://127.0.0.1:${addr.port}/maven2`;
});
after(() => server.close());

test('artifact URLs follow the Maven layout', () => {
  assert.equal(
    artifactUrl('https://repo1.maven.org/maven2', {
      group: 'org.projectnessie.nessie',
      artifact: 'nessie-quarkus',
      version: '0.99.0',
      classifier: 'runner',
      extension: 'jar',
    }),
    'https://repo1.maven.org/maven2/org/projectnessie/nessie/nessie-quarkus/0.99.0/nessie-quarkus-0.99.0-runner.jar',
  );
});

test('a download whose checksum does not match is refused and leaves nothing in the cache', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'loch-cache-'));
  await assert.rejects(
    ensureArtifact(corrupt, cache, () => {}, { LOCH_MAVEN_REPOSITORY: repo }),
    (e: unknown) =>
      e instanceof PlatformError &&
      e.code === 'checksum-mismatch' &&
      e.message.startsWith(
        `checksum mismatch for corrupt-1.jar: Maven Central publishes sha1 ${goodSha1}`,
      ),
  );
  assert.deepEqual(readdirSync(join(cache, 'maven')), []);
});

test('a verified download is cached and not fetched again', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'loch-cache-'));
  const env = { LOCH_MAVEN_REPOSITORY: repo };
  hits.length = 0;
  const path = await ensureArtifact(good, cache, () => {}, env);
  assert.equal(path, join(cache, 'maven', 'good-1.jar'));
  assert.ok(existsSync(path));
  assert.equal(hits.length, 2);
  await ensureArtifact(good, cache, () => {}, env);
  assert.equal(hits.length, 2);
});

test('an unreachable repository is a download error, not a crash', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'loch-cache-'));
  await assert.rejects(
    ensureArtifact(good, cache, () => {}, { LOCH_MAVEN_REPOSITORY: 'http://127.0.0.1:9/maven2' }),
    (e: unknown) => e instanceof PlatformError && e.code === 'download-failed',
  );
});
