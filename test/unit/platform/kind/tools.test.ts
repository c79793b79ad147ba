// Finding and building the Go tools, and kustomize's errors as one line.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PlatformError } from '../../../../shared/src/platform/errors';
import {
  ensureGoTool,
  findProgram,
  kustomizeBuild,
  toolBinDir,
} from '../../../../shared/src/platform/kind/tools';
import { build } from './builds';

const cache = mkdtempSync(join(tmpdir(), 'loch-tools-'));

describe('kind tools', () => {
  after(() => rmSync(cache, { recursive: true, force: true }));

  test('without the tool and without Go: a one-line error naming the pinned version', async () => {
    const env = { PATH: '', LOCH_CACHE_DIR: cache };
    assert.equal(findProgram('kustomize', env), undefined);
    await assert.rejects(
      ensureGoTool('kustomize', env),
      (e: unknown) =>
        e instanceof PlatformError &&
        e.code === 'missing-tool' &&
        e.message === 'kustomize is not installed' &&
        e.hint === 'install kustomize v5.8.1 (or Go, and Loch builds it)',
    );
  });

  test('Loch’s tool folder counts as being on PATH, after PATH itself', () => {
    const bin = join(cache, 'bin');
    const other = join(cache, 'other');
    mkdirSync(bin, { recursive: true });
    mkdirSync(other, { recursive: true });
    writeFileSync(join(bin, 'kind'), '');
    assert.equal(toolBinDir({ LOCH_CACHE_DIR: cache }), bin);
    assert.equal(findProgram('kind', { PATH: '', LOCH_CACHE_DIR: cache }), join(bin, 'kind'));
    writeFileSync(join(other, 'kind'), '');
    assert.equal(findProgram('kind', { PATH: other, LOCH_CACHE_DIR: cache }), join(other, 'kind'));
    rmSync(bin, { recursive: true, force: true });
  });

  test('a kustomization that does not build fails with kustomize’s first line', async () => {
    await build('.'); // makes sure the pinned kustomize is there
    const dir = mkdtempSync(join(cache, 'broken-'));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - missing.yaml\n',
    );
    await assert.rejects(
      kustomizeBuild(dir, { ...process.env, PATH: '' }),
      (e: unknown) =>
        e instanceof PlatformError &&
        e.code === 'bad-manifests' &&
        e.message.startsWith(`kustomize cannot build ${dir}: `) &&
        e.message.includes('missing.yaml') &&
        !e.message.includes('\n'),
    );
  });
});
