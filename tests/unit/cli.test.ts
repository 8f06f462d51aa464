// The accounts CLI as an operator runs it: real processes, a real SQLite file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-cli-'));
const env = { ...process.env, DATABASE_URL: path.join(dir, 'cli.db') };
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], password?: string) {
  const res = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['db/cli/users.ts', ...args], {
    cwd: root,
    env: password === undefined ? env : { ...env, FACTMARK_PASSWORD: password },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: res.status, out: res.stdout.trim(), err: res.stderr.trim() };
}

describe('accounts CLI', { timeout: 60_000 }, () => {
  it('creates, lists, disables, enables and re-passwords accounts', () => {
    expect(cli(['create', '--email', 'Lea@Desk.Example', '--name', 'Lea Park', '--role', 'admin'], 'a long password')).toMatchObject({ code: 0, out: 'Created admin lea@desk.example (Lea Park).' });
    expect(cli(['list']).out).toBe('lea@desk.example\tLea Park\tadmin');
    expect(cli(['disable', '--email', 'lea@desk.example'])).toMatchObject({ code: 0, out: 'lea@desk.example is now disabled.' });
    expect(cli(['list']).out).toBe('lea@desk.example\tLea Park\tadmin\tdisabled');
    expect(cli(['enable', '--email', 'lea@desk.example']).code).toBe(0);
    expect(cli(['password', '--email', 'lea@desk.example'], 'another long one')).toMatchObject({ code: 0, out: 'Password changed for lea@desk.example.' });
  });

  it('fails with one clear line and a non-zero exit for each bad input', () => {
    const cases: [string[], string | undefined, string][] = [
      [['create', '--email', 'lea@desk.example', '--name', 'L', '--role', 'reviewer'], 'a long password', 'error: A user with the email lea@desk.example already exists.'],
      [['create', '--email', 'not-an-email', '--name', 'L', '--role', 'reviewer'], 'a long password', 'error: Email address is malformed.'],
      [['create', '--email', 'new@desk.example', '--name', 'L', '--role', 'reviewer'], 'short', 'error: Password must be at least 10 characters.'],
      [['create', '--email', 'new@desk.example', '--name', 'L', '--role', 'owner'], 'a long password', 'error: unknown role "owner": use admin, editor, reviewer.'],
      [['disable', '--email', 'ghost@desk.example'], undefined, 'error: No user with the email ghost@desk.example.'],
    ];
    for (const [args, password, message] of cases) {
      const res = cli(args, password);
      expect(res.code).toBe(1);
      expect(res.err).toBe(message);
    }
    // Without FACTMARK_PASSWORD and without a terminal there is nothing to prompt on.
    expect(cli(['create', '--email', 'new@desk.example', '--name', 'L', '--role', 'reviewer']).err).toMatch(/^error: no password/);
  });
});
