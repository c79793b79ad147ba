import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isHostToViewMessage,
  isViewToHostMessage,
  transferablesOf,
} from '../../../shared/src/results/messages';

test('guards tell the two directions apart and ignore foreign messages', () => {
  const ipc = new ArrayBuffer(8);
  assert.ok(isHostToViewMessage({ type: 'result-batch', resultId: 'r', ipc }));
  assert.ok(!isViewToHostMessage({ type: 'result-batch', resultId: 'r', ipc }));
  assert.ok(isViewToHostMessage({ type: 'ready', protocol: 1 }));
  assert.ok(!isHostToViewMessage({ type: 'ready', protocol: 1 }));
  assert.ok(!isHostToViewMessage({ command: 'vscode-internal' }));
  assert.ok(!isHostToViewMessage(null));
  assert.ok(!isHostToViewMessage('result-batch'));
});

test('Arrow bytes are transferred, not copied', () => {
  const ipc = new ArrayBuffer(8);
  assert.deepEqual(transferablesOf({ type: 'chart-data', requestId: 'x', ipc }), [ipc]);
  const data = new ArrayBuffer(2);
  assert.deepEqual(
    transferablesOf({ type: 'save-file', suggestedName: 'a', mimeType: 'b', data }),
    [data],
  );
  assert.deepEqual(transferablesOf({ type: 'ready', protocol: 1 }), []);
});
