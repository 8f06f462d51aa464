// lib/server/session-token.ts decodes next-auth's session cookie itself: whatever next-auth/jwt encodes
// must decode to the same claims, and anything altered, expired or sealed with another secret
// must name nobody.
import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from '../../../lib/server/session-token';

const SECRET = 'unit-test-secret-0123456789abcdef';
const claims = { uid: 42, sv: 3, role: 'reviewer', name: 'Ruth Reviewer' };

describe('decodeSessionToken', () => {
  it('reads the claims of a token next-auth issued', async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    expect(decodeSessionToken(token, SECRET)).toMatchObject(claims);
  });

  it('names nobody for another secret, an altered token or garbage', async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    expect(decodeSessionToken(token, 'another-secret-0123456789abcdef')).toBeUndefined();
    const parts = token.split('.');
    const cipher = Buffer.from(parts[3], 'base64url');
    cipher[0] ^= 1;
    expect(decodeSessionToken([...parts.slice(0, 3), cipher.toString('base64url'), parts[4]].join('.'), SECRET)).toBeUndefined();
    expect(decodeSessionToken([...parts.slice(0, 4), parts[4].slice(0, 10)].join('.'), SECRET)).toBeUndefined();
    const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128GCM' })).toString('base64url');
    expect(decodeSessionToken([header, ...parts.slice(1)].join('.'), SECRET)).toBeUndefined();
    for (const junk of ['', 'a.b.c', 'a.b.c.d.e', '....']) expect(decodeSessionToken(junk, SECRET)).toBeUndefined();
  });

  it('names nobody once the token has expired, past next-auth’s 15 s tolerance', async () => {
    const token = await encode({ token: claims, secret: SECRET, maxAge: 60 });
    const now = Date.now();
    expect(decodeSessionToken(token, SECRET, now + 60_000 + 10_000)).toMatchObject(claims);
    expect(decodeSessionToken(token, SECRET, now + 60_000 + 16_000)).toBeUndefined();
  });
});
