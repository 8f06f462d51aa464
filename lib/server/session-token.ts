// next-auth's session token, decoded without next-auth: a compact JWE (alg dir, enc A256GCM) whose
// key is HKDF-SHA256 of the secret (empty salt, next-auth/jwt's info string), derived once per
// secret instead of on every request. Expiry and not-before are checked with next-auth's 15 s
// clock tolerance. Pure (node:crypto only), so it is unit-tested against next-auth's own encode.
import crypto from 'node:crypto';

const CLOCK_TOLERANCE_S = 15;
/** next-auth's HKDF info for the session encryption key (next-auth/jwt getDerivedEncryptionKey, empty salt). */
const KEY_INFO = 'NextAuth.js Generated Encryption Key';
const PROTECTED_HEADER = { alg: 'dir', enc: 'A256GCM' };

let derived: { secret: string; key: Buffer } | undefined;

function encryptionKey(secret: string): Buffer {
  if (derived?.secret !== secret) derived = { secret, key: Buffer.from(crypto.hkdfSync('sha256', secret, '', KEY_INFO, 32)) };
  return derived.key;
}

/** The claims of a compact JWE next-auth issued, or undefined when it is not one, was altered, or has expired. */
export function decodeSessionToken(token: string, secret: string, now = Date.now()): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 5) return undefined;
  const [headerPart, encryptedKey, ivPart, cipherPart, tagPart] = parts;
  try {
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header.alg !== PROTECTED_HEADER.alg || header.enc !== PROTECTED_HEADER.enc || Object.keys(header).length !== 2 || encryptedKey !== '') return undefined;
    const iv = Buffer.from(ivPart, 'base64url');
    const tag = Buffer.from(tagPart, 'base64url');
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    const decipher = crypto.createDecipheriv('aes-256-gcm', encryptionKey(secret), iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(headerPart, 'ascii'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(cipherPart, 'base64url')), decipher.final()]);
    const claims = JSON.parse(plain.toString('utf8')) as unknown;
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    const { exp, nbf } = claims as { exp?: unknown; nbf?: unknown };
    const seconds = Math.floor(now / 1000);
    if (exp !== undefined && (typeof exp !== 'number' || exp <= seconds - CLOCK_TOLERANCE_S)) return undefined;
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > seconds + CLOCK_TOLERANCE_S)) return undefined;
    return claims as Record<string, unknown>;
  } catch {
    // Bad base64, a failed authentication tag (altered or another secret's token), or not JSON.
    return undefined;
  }
}
