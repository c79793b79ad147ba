// Cell text per Arrow type, on the Arrow types Loch's Trino mapping produces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Binary,
  DateDay,
  Decimal,
  Field,
  Int32,
  List,
  Struct,
  TimeMicrosecond,
  TimestampMicrosecond,
  TimestampMillisecond,
  Utf8,
} from 'apache-arrow';
import { columnFormat, nestedText } from '../../../shared/src/results/format';

const words = (n: bigint) => {
  const w = new Uint32Array(4);
  let x = BigInt.asUintN(128, n);
  for (let i = 0; i < 4; i++) {
    w[i] = Number(x & 0xffffffffn);
    x >>= 32n;
  }
  return w;
};

test('decimals are exact, from their 128-bit words, negative included', () => {
  const f = columnFormat(new Field('d', new Decimal(9, 38, 128)));
  assert.equal(f.align, 'right');
  assert.equal(f.format(words(12345678901234567890123456789n)), '12345678901234567890.123456789');
  assert.equal(f.format(words(-5n)), '-0.000000005');
  assert.equal(columnFormat(new Field('d', new Decimal(0, 10, 128))).format(words(42n)), '42');
});

test('timestamps keep their precision and zone', () => {
  const utc = columnFormat(
    new Field(
      't',
      new TimestampMicrosecond('UTC'),
      true,
      new Map([['trino.type', 'timestamp(6) with time zone']]),
    ),
  );
  assert.equal(utc.format(1704164645123456n), '2024-01-02 03:04:05.123456 UTC');
  const berlin = columnFormat(new Field('t', new TimestampMillisecond('Europe/Berlin')));
  assert.equal(berlin.format(1719792000000n), '2024-07-01 02:00:00.000 Europe/Berlin');
  assert.equal(berlin.format(1704067200000n), '2024-01-01 01:00:00.000 Europe/Berlin');
  // Adelaide left daylight time at 16:30 UTC on 2023-04-01: two instants in the same UTC hour,
  // on either side of it, have different offsets (+10:30, then +09:30).
  const adelaide = columnFormat(new Field('t', new TimestampMillisecond('Australia/Adelaide')));
  assert.equal(adelaide.format(1680366000000n), '2023-04-02 02:50:00.000 Australia/Adelaide');
  assert.equal(adelaide.format(1680367200000n), '2023-04-02 02:10:00.000 Australia/Adelaide');
  const offset = columnFormat(new Field('t', new TimestampMillisecond('-05:30')));
  assert.equal(offset.format(0n), '1969-12-31 18:30:00.000 -05:30');
  const local = columnFormat(
    new Field('t', new TimestampMicrosecond(), true, new Map([['trino.type', 'timestamp(3)']])),
  );
  assert.equal(local.format(-1n), '1969-12-31 23:59:59.999');
});

test('dates, times, binary as hex, numbers right-aligned, nested values', () => {
  assert.equal(
    columnFormat(new Field('d', new DateDay())).format(Date.UTC(2024, 1, 29)),
    '2024-02-29',
  );
  assert.equal(
    columnFormat(new Field('t', new TimeMicrosecond())).format(3723000001n),
    '01:02:03.000001',
  );
  const bin = columnFormat(new Field('b', new Binary()));
  assert.equal(bin.format(Uint8Array.from([0, 255, 16])), '0x00ff10');
  assert.equal(bin.nested, true);
  assert.equal(columnFormat(new Field('i', new Int32())).align, 'right');
  assert.equal(columnFormat(new Field('s', new Utf8())).align, 'left');
  const list = columnFormat(new Field('l', new List(new Field('item', new Int32()))));
  assert.equal(list.nested, true);
  assert.equal(nestedText([1, null, 'x"y']), '[1, NULL, "x\\"y"]');
  assert.equal(nestedText(new Map([['k', [1n, 2n]]])), '{"k": [1, 2]}');
  assert.equal(
    columnFormat(new Field('r', new Struct([new Field('a', new Int32())]))).nested,
    true,
  );
});
