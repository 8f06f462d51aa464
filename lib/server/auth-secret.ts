// The key next-auth signs and encrypts sessions with: NEXTAUTH_SECRET when set, otherwise one
// generated on first run and kept beside the database (never committed: data/ is ignored).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath } from '../../db/path';
import { env } from '../env';

let cached: string | undefined;

export function authSecret(): string {
  const configured = env().authSecret;
  if (configured) return configured;
  if (cached) return cached;
  const file = path.join(path.dirname(databasePath()), 'nextauth-secret');
  try {
    cached = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      cached = secret;
    } catch {
      // Another process created it first: use theirs.
      cached = fs.readFileSync(file, 'utf8').trim();
    }
  }
  return cached;
}
