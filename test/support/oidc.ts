// A real OpenID Connect provider (panva's `oidc-provider`, the certified Node implementation) on
// loopback, for tests of Trino's OAuth2 external-authentication flow. Its development login page
// accepts any login name with any password; the login name becomes the token's `sub`, which
// Trino takes as the user. Tokens are opaque, so Trino checks them at the userinfo endpoint.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcProvider(options: {
  /** Where Trino receives the code: `https://<coordinator>/oauth2/callback`. */
  redirectUri: string;
}): Promise<OidcServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'trino';
  const clientSecret = 'trino-oauth2-test-secret';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // Trino's authorization-code request carries state and nonce but no PKCE challenge.
    pkce: { required: () => false },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    cookies: { keys: ['loch-test-cookie-key'] },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
