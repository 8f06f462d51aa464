// The content hash of a revision: SHA-256 of its canonical text, so "is this version new?" is one
// comparison and a revision's text can be checked against what was stored.
import { createHash } from 'node:crypto';

export function contentHash(plainText: string): string {
  return createHash('sha256').update(plainText, 'utf8').digest('hex');
}
