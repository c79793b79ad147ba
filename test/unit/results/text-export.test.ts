// CSV/JSON text of a result and its file export: keys that are JavaScript's own names stay
// keys, and a file that cannot be written ends the export with that error, not a hang.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Field, Int32, Struct, Table, vectorFromArray } from 'apache-arrow';
import { exportResult } from '../../../shared/src/results/export-node/export';
import { jsonWriter, writeResult } from '../../../shared/src/results/text-writers';

const dir = mkdtempSync(join(tmpdir(), 'loch-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const struct = new Struct([new Field('__proto__', new Int32(), true)]);
// Built with fromEntries: an object literal's `__proto__:` would set the prototype instead.
const table = new Table(
  Object.fromEntries([
    ['__proto__', vectorFromArray([1, 2], new Int32())],
    ['s', vectorFromArray([Object.fromEntries([['__proto__', 7]]), null], struct)],
  ]),
);

const running = () => ({
  async *batches() {
    yield* table.batches;
  },
  schema: Promise.resolve(table.schema),
});

test('a column or struct field named __proto__ is written as a key', async () => {
  assert.deepEqual(
    table.schema.fields.map((f) => f.name),
    ['__proto__', 's'],
  );
  let text = '';
  const rows = await writeResult(
    { batches: () => table.batches, schema: table.schema },
    jsonWriter((t) => (text += t)),
  );
  assert.equal(rows, 2);
  assert.equal(text, '[\n{"__proto__":1,"s":{"__proto__":7}},\n{"__proto__":2,"s":null}\n]\n');
});

test('CSV export writes the rows to the file', async () => {
  const path = join(dir, 'out.csv');
  assert.deepEqual(await exportResult(running(), 'csv', path), { rows: 2, path });
  assert.equal(readFileSync(path, 'utf8'), '__proto__,s\r\n1,{__proto__=7}\r\n2,\r\n');
});

test('a file that cannot be written ends the export with its error, without hanging', async () => {
  const path = join(dir, 'no-such-folder', 'out.json');
  const t0 = Date.now();
  await assert.rejects(exportResult(running(), 'json', path), {
    code: 'ENOENT',
    message: `ENOENT: no such file or directory, open '${path}'`,
  });
  assert.ok(Date.now() - t0 < 5_000);
});
