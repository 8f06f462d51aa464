// The environment is parsed once, with one line per bad variable (issue 9, items 9 and 11).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envWarnings, parseEnv } from '@/lib/env';

const root = path.resolve(__dirname, '../../..');

describe('parseEnv', () => {
  it('gives the defaults for an empty environment', () => {
    const parsed = parseEnv({});
    expect(parsed).toMatchObject({
      ok: true,
      env: { nodeEnv: 'development', trustProxyHops: 0, login: { windowMs: 15 * 60_000, maxPerEmail: 10, maxPerIp: 30 }, demo: false, importTimeoutMs: 10_000 },
    });
  });

  it('reads every setting, empty ones as unset', () => {
    const parsed = parseEnv({
      NODE_ENV: 'production',
      NEXTAUTH_URL: 'https://factmark.example.org/',
      NEXTAUTH_SECRET: 'x'.repeat(32),
      TRUST_PROXY: '2',
      LOGIN_WINDOW_MINUTES: '5',
      LOGIN_MAX_FAILURES_PER_EMAIL: '',
      DATABASE_URL: 'file:/var/lib/factmark.db',
    });
    expect(parsed.ok && parsed.env).toMatchObject({
      production: true,
      appUrl: 'https://factmark.example.org',
      appOrigin: 'https://factmark.example.org',
      trustProxyHops: 2,
      login: { windowMs: 5 * 60_000, maxPerEmail: 10 },
      databaseUrl: 'file:/var/lib/factmark.db',
    });
  });

  it('names each bad variable on one line of its own', () => {
    const parsed = parseEnv({
      NODE_ENV: 'staging',
      NEXTAUTH_URL: 'factmark.example.org',
      NEXTAUTH_SECRET: 'short',
      TRUST_PROXY: 'yes',
      LOGIN_WINDOW_MINUTES: '-3',
      LOGIN_MAX_FAILURES_PER_IP: '2.5',
      IMPORT_TIMEOUT_MS: 'soon',
      PORT: '70000',
      FACTMARK_DEMO: 'true',
    });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    const names = errors.map((line) => line.split(':')[0]);
    expect(names.sort()).toEqual(['FACTMARK_DEMO', 'IMPORT_TIMEOUT_MS', 'LOGIN_MAX_FAILURES_PER_IP', 'LOGIN_WINDOW_MINUTES', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'NODE_ENV', 'PORT', 'TRUST_PROXY']);
    for (const line of errors) expect(line).not.toContain('\n');
  });

  it('refuses FACTMARK_DEMO=1 in production without a demo password of the operator\'s own', () => {
    const refused = parseEnv({ NODE_ENV: 'production', FACTMARK_DEMO: '1' });
    expect(refused).toMatchObject({ ok: false, errors: [expect.stringMatching(/^FACTMARK_DEMO_PASSWORD: must be set when FACTMARK_DEMO=1 in production/)] });
    expect(parseEnv({ NODE_ENV: 'production', FACTMARK_DEMO: '1', FACTMARK_DEMO_PASSWORD: 'short' }).ok).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', FACTMARK_DEMO: '1', FACTMARK_DEMO_PASSWORD: 'our own demo password' })).toMatchObject({ ok: true, env: { demo: true, demoPassword: 'our own demo password' } });
    expect(parseEnv({ NODE_ENV: 'development', FACTMARK_DEMO: '1' }).ok).toBe(true);
  });

  it('warns in production when NEXTAUTH_URL is not https', () => {
    const http = parseEnv({ NODE_ENV: 'production', NEXTAUTH_URL: 'http://factmark.example.org' });
    const https = parseEnv({ NODE_ENV: 'production', NEXTAUTH_URL: 'https://factmark.example.org' });
    const dev = parseEnv({ NEXTAUTH_URL: 'http://localhost:3000' });
    expect(http.ok && envWarnings(http.env)).toEqual([expect.stringMatching(/not an https:\/\/ URL: session cookies are not marked Secure/)]);
    expect(https.ok && envWarnings(https.env)).toEqual([]);
    expect(dev.ok && envWarnings(dev.env)).toEqual([]);
  });

  it('lists every variable it reads in .env.example', () => {
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const source = fs.readFileSync(path.join(root, 'lib/env.ts'), 'utf8');
    const read = [...source.matchAll(/^ {4}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(10);
    for (const name of read) expect(listed, name).toContain(name);
  });
});
