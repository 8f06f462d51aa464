// Failed sign-in bookkeeping for rate limiting, per email and per client IP, kept in SQLite so it
// survives restarts and is shared by every server process.
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { loginFailures } from '../schema';

export interface LoginLimits {
  windowMs: number;
  maxPerEmail: number;
  maxPerIp: number;
}

export function loginLimits(): LoginLimits {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    windowMs: num(process.env.LOGIN_WINDOW_MINUTES, 15) * 60_000,
    maxPerEmail: num(process.env.LOGIN_MAX_FAILURES_PER_EMAIL, 10),
    maxPerIp: num(process.env.LOGIN_MAX_FAILURES_PER_IP, 30),
  };
}

/** Minutes until the caller may try again, or 0 when not limited. */
export function loginLockMinutes(db: Db, email: string, ip: string | null, limits = loginLimits(), now = Date.now()): number {
  const since = new Date(now - limits.windowMs);
  const check = (where: ReturnType<typeof and>, max: number) => {
    const rows = db.select({ at: loginFailures.at }).from(loginFailures).where(where).orderBy(loginFailures.at).all();
    if (rows.length < max) return 0;
    // Locked until the oldest failure that keeps the count at the limit leaves the window.
    const unlockAt = rows[rows.length - max].at.getTime() + limits.windowMs;
    return Math.max(1, Math.ceil((unlockAt - now) / 60_000));
  };
  return Math.max(
    check(and(eq(loginFailures.email, email), gt(loginFailures.at, since)), limits.maxPerEmail),
    ip === null ? 0 : check(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)), limits.maxPerIp),
  );
}

export function recordLoginFailure(db: Db, email: string, ip: string | null, limits = loginLimits(), now = Date.now()): void {
  db.transaction((tx) => {
    tx.delete(loginFailures).where(lt(loginFailures.at, new Date(now - limits.windowMs))).run();
    tx.insert(loginFailures).values({ email, ip: ip ?? '', at: new Date(now) }).run();
  });
}

export function clearLoginFailures(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
}

