// The JupyterLab versions the plugin supports are declared once: @jupyterlab/builder's exact
// version in jupyterlab-plugin/package.json is the release it is built with, every @jupyterlab/*
// range is a `^` range (so later JupyterLab 4 releases load it), and the wheel's pyproject.toml
// requires exactly that span of JupyterLab.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import {
  BUILT_WITH_JUPYTERLAB,
  PYTHON_REQUIREMENTS,
  SUPPORTED_JUPYTERLAB,
} from '../../../jupyterlab-plugin/scripts/python-env.mjs';

const PLUGIN = resolve(import.meta.dirname, '../../../jupyterlab-plugin');
const manifest = JSON.parse(readFileSync(join(PLUGIN, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

test('the plugin is built with the JupyterLab its builder is pinned to', () => {
  assert.equal(manifest.devDependencies['@jupyterlab/builder'], '4.5.11');
  assert.equal(BUILT_WITH_JUPYTERLAB, '4.5.11');
  assert.equal(PYTHON_REQUIREMENTS[0], 'jupyterlab==4.5.11');
});

test('every @jupyterlab/* dependency accepts the later JupyterLab 4 releases', () => {
  const ranges = Object.entries(manifest.dependencies).filter(([n]) =>
    n.startsWith('@jupyterlab/'),
  );
  assert.ok(ranges.length > 0);
  for (const [name, range] of ranges) assert.match(range, /^\^\d+\.\d+\.\d+$/, name);
});

test('the wheel requires every JupyterLab 4 from the one it is built with', () => {
  assert.equal(SUPPORTED_JUPYTERLAB, 'jupyterlab>=4.5.11,<5');
  const pyproject = readFileSync(join(PLUGIN, 'pyproject.toml'), 'utf8');
  const deps = /^dependencies = \[(.*)\]$/m.exec(pyproject)?.[1];
  assert.equal(deps, '"jupyter_server>=2.4,<3", "jupyterlab>=4.5.11,<5"');
});
