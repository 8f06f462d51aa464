// Sign-in rate limiting, per email and per client IP, kept in SQLite so it survives restarts and
// is shared by every server process. An attempt is counted *before* its password is checked, in
// the same transaction as the check, so a burst of parallel guesses cannot all reach argon2.
import { and, count, eq, gt, lt } from 'drizzle-orm';
import { env } from '../../lib/env';
import type { Db } from '../client';
import { loginFailures } from '../schema';

export interface LoginLimits {
  windowMs: number;
  maxPerEmail: number;
  maxPerIp: number;
}

/** LOGIN_WINDOW_MINUTES, LOGIN_MAX_FAILURES_PER_EMAIL and LOGIN_MAX_FAILURES_PER_IP (lib/env.ts). */
export function loginLimits(): LoginLimits {
  return env().login;
}

/** Minutes until the caller may try again, or 0 when not limited. */
export function loginLockMinutes(db: Db, email: string, ip: string | null, limits = loginLimits(), now = Date.now()): number {
  const since = new Date(now - limits.windowMs);
  const check = (where: ReturnType<typeof and>, max: number) => {
    const [{ n }] = db.select({ n: count() }).from(loginFailures).where(where).all();
    if (n < max) return 0;
    // Locked until the oldest attempt that keeps the count at the limit leaves the window.
    const [oldest] = db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(where)
      .orderBy(loginFailures.at)
      .limit(1)
      .offset(n - max)
      .all();
    const unlockAt = oldest.at.getTime() + limits.windowMs;
    return Math.max(1, Math.ceil((unlockAt - now) / 60_000));
  };
  return Math.max(
    check(and(eq(loginFailures.email, email), gt(loginFailures.at, since)), limits.maxPerEmail),
    ip === null ? 0 : check(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)), limits.maxPerIp),
  );
}

export type LoginAttempt = { ok: true } | { ok: false; lockedForMinutes: number };

/**
 * Checks the limits and, when the caller may try, counts the attempt as a failure at once — one
 * IMMEDIATE transaction, so concurrent requests (in this process or another) see each other's
 * count. The caller verifies the password only when this says ok, and calls `loginSucceeded`
 * when it was right. Attempts refused here are not counted, so a lock ends when its window does.
 */
export function beginLoginAttempt(db: Db, email: string, ip: string | null, limits = loginLimits(), now = Date.now()): LoginAttempt {
  return db.transaction(
    (tx) => {
      tx.delete(loginFailures).where(lt(loginFailures.at, new Date(now - limits.windowMs))).run();
      const lockedForMinutes = loginLockMinutes(tx as unknown as Db, email, ip, limits, now);
      if (lockedForMinutes > 0) return { ok: false, lockedForMinutes } as const;
      tx.insert(loginFailures).values({ email, ip: ip ?? '', at: new Date(now) }).run();
      return { ok: true } as const;
    },
    { behavior: 'immediate' },
  );
}

/**
 * A right password: forget this email's failed attempts from this address (the reviewer's own
 * typos). Attempts on the email from other addresses stay, so they still count against those.
 */
export function loginSucceeded(db: Db, email: string, ip: string | null): void {
  db.delete(loginFailures)
    .where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip ?? '')))
    .run();
}

/** Counted attempts for an email in the current window (for tests and the accounts CLI). */
export function countLoginAttempts(db: Db, email: string, limits = loginLimits(), now = Date.now()): number {
  const [{ n }] = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, new Date(now - limits.windowMs))))
    .all();
  return n;
}
