// A throwaway local platform whose Trino authenticates clients, for the auth tests. The shared
// test platform runs without authentication, so these tests bring up their own on spare ports
// from a copy of the platform resources, with extra Trino config lines and an HTTPS port signed
// by this run's self-signed certificate. Plain HTTP stays on (insecure: user name only) so the
// platform's readiness probe still works; Trino checks credentials only over HTTPS.
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { localDown, localUp } from '../../shared/src/platform/local';
import { TrinoClient } from '../../shared/src/trino/client';
import type { TrinoAuth } from '../../shared/src/trino/auth';
import { nodeTlsFetch } from '../../shared/src/trino/node-tls';
import { selfSignedLocalhost, type LocalhostCert } from './tls';

const root = resolve(import.meta.dirname, '../..');

export interface SecuredPlatformPorts {
  trino: number;
  https: number;
  nessie: number;
}

export class SecuredPlatform {
  /** Scratch folder for the platform's state, resources and any files the test writes. */
  readonly dir = mkdtempSync(join(tmpdir(), 'loch-secured-'));
  readonly env: NodeJS.ProcessEnv;
  readonly url: string;
  readonly cert: LocalhostCert;

  constructor(readonly ports: SecuredPlatformPorts) {
    this.env = {
      ...process.env,
      LOCH_STATE_DIR: join(this.dir, 'state'),
      LOCH_RESOURCES: join(this.dir, 'resources'),
      LOCH_TRINO_PORT: String(ports.trino),
      LOCH_NESSIE_PORT: String(ports.nessie),
    };
    this.url = `https://127.0.0.1:${ports.https}`;
    this.cert = selfSignedLocalhost(this.dir);
  }

  /** Starts the platform with `authConfig` appended to Trino's config.properties. */
  async up(authConfig: string[]): Promise<void> {
    const resources = this.env.LOCH_RESOURCES!;
    cpSync(join(root, 'platform-manifests'), join(resources, 'platform-manifests'), {
      recursive: true,
    });
    cpSync(join(root, 'samples'), join(resources, 'samples'), { recursive: true });
    // Trino's HTTPS keystore: one PEM file with the key and the certificate.
    const keystore = join(this.dir, 'keystore.pem');
    writeFileSync(keystore, this.cert.key + this.cert.cert);
    appendFileSync(
      join(resources, 'platform-manifests/config/trino/config.properties'),
      [
        'http-server.authentication.allow-insecure-over-http=true',
        'http-server.https.enabled=true',
        `http-server.https.port=${this.ports.https}`,
        `http-server.https.keystore.path=${keystore}`,
        `internal-communication.shared-secret=${randomBytes(32).toString('base64')}`,
        ...authConfig,
        '',
      ].join('\n'),
    );
    await localUp({ env: this.env });
  }

  async down(): Promise<void> {
    await localDown({ env: this.env });
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A client of the HTTPS port that trusts this run's certificate. */
  client(user: string, auth: TrinoAuth): TrinoClient {
    const tls = { ca: this.cert.cert };
    return new TrinoClient({
      url: this.url,
      user,
      auth,
      tls,
      fetch: nodeTlsFetch(tls),
      requestTimeoutMs: 15_000,
    });
  }

  /** `loch query`'s environment for the HTTPS port: this run's CA, no inherited secrets. */
  cliEnv(user: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return {
      LOCH_TRINO_URL: this.url,
      LOCH_TRINO_CA: this.cert.certPath,
      LOCH_USER: user,
      LOCH_PASSWORD: '',
      LOCH_TOKEN: '',
      ...extra,
    };
  }
}
