// A throwaway self-signed certificate for 127.0.0.1/localhost, made with openssl, for tests
// that put TLS in front of (or inside) a real Trino.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalhostCert {
  keyPath: string;
  certPath: string;
  /** PEM of the private key. */
  key: string;
  /** PEM of the certificate, which is also the CA a client must trust. */
  cert: string;
}

export function selfSignedLocalhost(dir: string): LocalhostCert {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  return {
    keyPath,
    certPath,
    key: readFileSync(keyPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
  };
}
