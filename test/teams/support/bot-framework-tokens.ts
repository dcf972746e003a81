// A stand-in for the Bot Framework's token signing: an OpenID configuration and its key set on loopback, and
// tokens signed RS256 the way the Bot Framework channel signs the requests it sends to a bot. Genuine tokens
// use the published key; forged ones the same key id with another key.

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenAuthority {
  /** Give to the adapter as `openIdMetadataUrl`. */
  metadataUrl: string;
  /** A token the bot must accept: published key, right issuer, audience and serviceUrl, not expired. */
  genuine(claims: { appId: string; serviceUrl: string; expiresInSeconds?: number }): string;
  /** The same claims and key id, signed with a key nobody published. */
  forged(claims: { appId: string; serviceUrl: string }): string;
  close(): Promise<void>;
}

const KEY_ID = 'vendorwatch-test-key';

export async function startTokenAuthority(): Promise<TokenAuthority> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...published.publicKey.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig', kty: 'RSA' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (path === '/openidconfiguration') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (path === '/keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token = (key: KeyObject, claims: { appId: string; serviceUrl: string; expiresInSeconds?: number }) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: KEY_ID };
    const payload = {
      iss: CHANNEL_ISSUER,
      aud: claims.appId,
      serviceurl: claims.serviceUrl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + (claims.expiresInSeconds ?? 3600),
    };
    const signed = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
  };

  return {
    metadataUrl: `${base}/openidconfiguration`,
    genuine: (claims) => token(published.privateKey, claims),
    forged: (claims) => token(attacker.privateKey, claims),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
