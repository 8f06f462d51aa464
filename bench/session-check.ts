// A quick check of what reading the session costs per request (no server): next-auth/jwt's decode
// and encode — getServerSession ran both on every request, each deriving the key again — against
// lib/server/session-token.ts's decode with the key derived once. Interleaved, medians.
//   node_modules/.bin/tsx bench/session-check.ts
import { decode, encode } from 'next-auth/jwt';
import { decodeSessionToken } from '../lib/server/session-token';
import { median } from './report';

const SECRET = 'factmark-bench-secret-0123456789abcdef';

async function main() {
  const claims = { uid: 1, sv: 0, role: 'reviewer', name: 'Bench Reviewer', email: 'bench@factmark.test' };
  const token = await encode({ token: claims, secret: SECRET, maxAge: 3600 });
  const times = { decode: [] as number[], encode: [] as number[], ours: [] as number[] };
  for (let i = 0; i < 3000; i++) {
    let t = performance.now();
    await decode({ token, secret: SECRET });
    const decoded = performance.now() - t;
    t = performance.now();
    await encode({ token: claims, secret: SECRET, maxAge: 3600 });
    const encoded = performance.now() - t;
    t = performance.now();
    decodeSessionToken(token, SECRET);
    const ours = performance.now() - t;
    if (i < 500) continue;
    times.decode.push(decoded);
    times.encode.push(encoded);
    times.ours.push(ours);
  }
  const us = (xs: number[]) => `${(median(xs) * 1000).toFixed(0)} µs`;
  console.log(`| next-auth decode | ${us(times.decode)} |\n| next-auth encode | ${us(times.encode)} |\n| decodeSessionToken | ${us(times.ours)} |`);
}
void main();
