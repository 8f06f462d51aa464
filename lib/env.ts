// The one reader of process.env: every setting Factmark understands, parsed with zod. The server
// checks it at start (db/startup.ts) and stops with one line per bad variable; everything else
// imports typed values from `env()`. No `server-only` here: the CLI (tsx, no Next) uses it too.
import { z } from 'zod';

/** An unset variable and an empty one (`FOO=` in a .env file) mean the same: use the default. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const positiveInt = (what: string) => z.coerce.number({ message: `must be a whole number (${what})` }).int({ message: `must be a whole number (${what})` }).positive({ message: `must be above 0 (${what})` });

export const envSchema = z
  .object({
    NODE_ENV: optional(z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' })),
    /** Path of the SQLite file, optionally prefixed `file:`. */
    DATABASE_URL: optional(z.string()),
    /** The public URL of the app: its origin is the one state-changing requests must come from. */
    NEXTAUTH_URL: optional(
      z
        .url({ message: 'must be an absolute http:// or https:// URL, e.g. https://factmark.example.org' })
        .refine((u) => /^https?:\/\//i.test(u), { message: 'must start with http:// or https://' }),
    ),
    NEXTAUTH_SECRET: optional(z.string().min(32, { message: 'must be at least 32 characters (try `openssl rand -base64 32`)' })),
    PORT: optional(z.coerce.number({ message: 'must be a port number' }).int({ message: 'must be a port number' }).min(1, { message: 'must be a port number' }).max(65535, { message: 'must be a port number' })),
    /** How many reverse proxies in front of the app append to X-Forwarded-For (0: ignore it). */
    TRUST_PROXY: optional(
      z.coerce
        .number({ message: 'must be the number of reverse proxies in front of Factmark (0, 1, 2…)' })
        .int({ message: 'must be the number of reverse proxies in front of Factmark (0, 1, 2…)' })
        .min(0, { message: 'must be the number of reverse proxies in front of Factmark (0, 1, 2…)' })
        .max(10, { message: 'must be at most 10' }),
    ),
    LOGIN_WINDOW_MINUTES: optional(positiveInt('minutes')),
    LOGIN_MAX_FAILURES_PER_EMAIL: optional(positiveInt('attempts')),
    LOGIN_MAX_FAILURES_PER_IP: optional(positiveInt('attempts')),
    FACTMARK_DEMO: optional(z.enum(['0', '1'], { message: 'must be 1 (seed the demo content) or 0' })),
    /** The demo accounts' password; required for FACTMARK_DEMO=1 in production. */
    FACTMARK_DEMO_PASSWORD: optional(z.string().min(10, { message: 'must be at least 10 characters' })),
    IMPORT_ALLOWED_HOSTS: optional(z.string()),
    IMPORT_TIMEOUT_MS: optional(positiveInt('milliseconds')),
    /** Worker threads for PDF rendering and imports (lib/workers/pool.ts); default: the CPU count, at most 8. */
    WORKER_THREADS: optional(positiveInt('threads').max(32, { message: 'must be at most 32' })),
    /** Heavy tasks that may wait for a free worker; one more is answered 503 with Retry-After. */
    WORKER_QUEUE_SIZE: optional(positiveInt('tasks').max(1000, { message: 'must be at most 1000' })),
    /** Benchmarks only: `inline` runs the heavy tasks on the request thread, as before the pool. */
    FACTMARK_WORKERS: optional(z.enum(['pool', 'inline'], { message: 'must be pool (the default) or inline (benchmarks only)' })),
    /** Benchmarks only: 1 serves the event-loop delay at /api/bench/event-loop. */
    FACTMARK_BENCH_METRICS: optional(z.enum(['0', '1'], { message: 'must be 1 (serve the benchmark metrics) or 0' })),
    /** The password for the accounts CLI (db/cli/users.ts); an empty one is kept, and refused there. */
    FACTMARK_PASSWORD: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV === 'production' && e.FACTMARK_DEMO === '1' && !e.FACTMARK_DEMO_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['FACTMARK_DEMO_PASSWORD'],
        message: 'must be set when FACTMARK_DEMO=1 in production: the built-in demo passwords are published, so choose your own (at least 10 characters)',
      });
    }
  });

type RawEnv = z.infer<typeof envSchema>;

export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  databaseUrl: string | undefined;
  /** NEXTAUTH_URL without a trailing slash, or undefined. */
  appUrl: string | undefined;
  /** The origin of NEXTAUTH_URL (scheme://host[:port]), or undefined. */
  appOrigin: string | undefined;
  authSecret: string | undefined;
  port: number | undefined;
  trustProxyHops: number;
  login: { windowMs: number; maxPerEmail: number; maxPerIp: number };
  demo: boolean;
  demoPassword: string | undefined;
  importAllowedHosts: string | undefined;
  importTimeoutMs: number;
  workers: { threads: number | undefined; queueSize: number; inline: boolean };
  benchMetrics: boolean;
  cliPassword: string | undefined;
}

export type EnvResult = { ok: true; env: Env } | { ok: false; errors: string[] };

const KEYS = Object.keys(envSchema.shape) as (keyof RawEnv)[];

/** Parses an environment: the typed settings, or one line per bad variable (`NAME: why`). */
export function parseEnv(source: Record<string, string | undefined> = process.env): EnvResult {
  const raw: Record<string, string | undefined> = {};
  for (const key of KEYS) raw[key] = source[key];
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      if (!errors.has(name)) errors.set(name, `${name}: ${issue.message}`);
    }
    return { ok: false, errors: [...errors.values()] };
  }
  const e = parsed.data;
  const appUrl = e.NEXTAUTH_URL?.replace(/\/+$/, '');
  const nodeEnv = e.NODE_ENV ?? 'development';
  return {
    ok: true,
    env: {
      nodeEnv,
      production: nodeEnv === 'production',
      databaseUrl: e.DATABASE_URL?.trim(),
      appUrl,
      appOrigin: appUrl ? new URL(appUrl).origin : undefined,
      authSecret: e.NEXTAUTH_SECRET,
      port: e.PORT,
      trustProxyHops: e.TRUST_PROXY ?? 0,
      login: {
        windowMs: (e.LOGIN_WINDOW_MINUTES ?? 15) * 60_000,
        maxPerEmail: e.LOGIN_MAX_FAILURES_PER_EMAIL ?? 10,
        maxPerIp: e.LOGIN_MAX_FAILURES_PER_IP ?? 30,
      },
      demo: e.FACTMARK_DEMO === '1',
      demoPassword: e.FACTMARK_DEMO_PASSWORD,
      importAllowedHosts: e.IMPORT_ALLOWED_HOSTS,
      importTimeoutMs: e.IMPORT_TIMEOUT_MS ?? 10_000,
      workers: { threads: e.WORKER_THREADS, queueSize: e.WORKER_QUEUE_SIZE ?? 16, inline: e.FACTMARK_WORKERS === 'inline' },
      benchMetrics: e.FACTMARK_BENCH_METRICS === '1',
      cliPassword: e.FACTMARK_PASSWORD,
    },
  };
}

export class EnvError extends Error {
  constructor(readonly errors: string[]) {
    super(`Invalid environment:\n${errors.join('\n')}`);
  }
}

let cache: { key: string; env: Env } | undefined;

/**
 * The parsed settings. Re-parsed only when a variable changed (tests and the CLI set some at run
 * time); throws EnvError on a bad one — the server has already stopped on that at start.
 */
export function env(): Env {
  const key = KEYS.map((k) => process.env[k] ?? '\u0000').join('\u0001');
  if (cache?.key === key) return cache.env;
  const result = parseEnv(process.env);
  if (!result.ok) throw new EnvError(result.errors);
  cache = { key, env: result.env };
  return result.env;
}

/** Warnings about settings that work but are unsafe in production (printed at start). */
export function envWarnings(e: Env): string[] {
  const warnings: string[] = [];
  if (e.production && !e.appUrl?.startsWith('https://')) {
    warnings.push(
      `NEXTAUTH_URL is ${e.appUrl ? `"${e.appUrl}"` : 'not set'}, not an https:// URL: session cookies are not marked Secure and travel in clear text. Put the app behind TLS and set NEXTAUTH_URL to its https:// address.`,
    );
  }
  return warnings;
}
