// Load, short version (the full one is `npm run bench -- load`): 20 simulated reviewers with a
// person's pauses for 20 s against a server of this test's own, sharing three articles so that
// edits collide. No 5xx, no request without an answer, and every acknowledged write read back
// exactly: status, note, sources in order, passage, deleted or not, version and history.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DESK_MIX, runLoad, seedLoad, WRITE_KINDS } from '../../bench/load-reviewer';
import { startOwnServer, stopOwnServer, type OwnServer } from '../support/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-load-'));
let server: OwnServer | undefined;

afterAll(async () => {
  if (server) await stopOwnServer(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('20 reviewers for 20 seconds', () => {
  it('answers every request without a 5xx and keeps every acknowledged write', { timeout: 90_000 }, async () => {
    const databaseFile = path.join(dir, 'load.db');
    server = await startOwnServer(databaseFile);
    const setup = await seedLoad(server.url, databaseFile, { reviewers: 20, articles: 3, editorEvery: 4, tag: 'test', seed: 11 });
    // Every kind of write must happen in 20 s: the desk's mix, with deletes as often as status
    // changes and source edits more often (at the desk's 6 % and 4 %, a short run could end with none).
    const mix = { ...DESK_MIX, delete: 14, 'sources-edit': 10 };
    const result = await runLoad({ url: server.url, setup, seconds: 20, rampSeconds: 2, seed: 11, timeoutMs: 10_000, mix });
    const problems = result.problems.join('\n');

    expect(result.serverErrors + result.verify.serverErrors, problems).toBe(0);
    expect(result.noAnswer + result.connectionErrors + result.verify.noAnswer, problems).toBe(0);
    expect(result.verify.lostOrAltered, problems).toBe(0);
    expect(result.verify.unknownRows, problems).toBe(0);
    expect(result.verify.stalePages, problems).toBe(0);
    expect(result.unexpected, problems).toBe(0);
    expect(result.counters.signIns).toBe(20);
    // The load really wrote, of every kind, and everything written was read back.
    expect(result.writes.total).toBeGreaterThanOrEqual(30);
    for (const kind of WRITE_KINDS) expect(result.writes[kind], `${kind} in ${JSON.stringify(result.writes)}`).toBeGreaterThan(0);
    expect(result.verify.uncertain).toBe(0);
    expect(result.verify.acknowledged).toBe(result.writes.total);
    expect(result.verify.pages).toBe(20);
  });
});
