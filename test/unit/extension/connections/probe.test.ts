// A service that accepts the connection and never answers: connecting names it and its URL.
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { answersWithin } from '../../../../extension/src/connections/probe';
import { NessieClient } from '../../../../shared/src/nessie/client';
import { TrinoClient } from '../../../../shared/src/trino/client';

const sockets: Socket[] = [];
const silent = createServer((s) => void sockets.push(s));
let url = '';
before(async () => {
  await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
  url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
after(() => {
  for (const s of sockets) s.destroy();
  silent.close();
});

test('a Trino that never answers: one line naming Trino and its URL', async () => {
  await assert.rejects(
    answersWithin('Trino', url, 300, (signal) =>
      new TrinoClient({ url, user: 'loch' }).statement('SELECT 1', { signal }),
    ),
    { message: `Trino at ${url} did not answer within 0.3 s` },
  );
});

test('a Nessie that never answers: one line naming Nessie and its URL', async () => {
  await assert.rejects(
    answersWithin('Nessie', url, 300, (signal) => new NessieClient({ url }).config(signal)),
    { message: `Nessie at ${url} did not answer within 0.3 s` },
  );
});

test('other failures pass through unchanged', async () => {
  await assert.rejects(
    answersWithin('Trino', url, 5_000, () => Promise.reject(new Error('wrong password'))),
    { message: 'wrong password' },
  );
});
