// TLS options need undici's Agent (Node's fetch takes no CA), which is half the size of the
// whole extension: it is a separate bundle (dist/tls.cjs), loaded only for a profile with TLS
// options, so activation never pays for it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NodeTlsModule as NodeTls } from '@loch/core/node';
import type { TrinoTlsOptions } from '@loch/core';

export function tlsFetch(tls: TrinoTlsOptions): typeof fetch {
  const load = createRequire(__filename);
  return (load(join(__dirname, 'tls.cjs')) as NodeTls).nodeTlsFetch(tls);
}
