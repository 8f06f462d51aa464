// Where the SQLite file lives: DATABASE_URL (a path, optionally prefixed `file:`), default
// data/factmark.db. Kept apart from the client so light modules can ask without opening it.
import path from 'node:path';
import { env } from '../lib/env';

export const DEFAULT_DATABASE_PATH = 'data/factmark.db';

export function databasePath(): string {
  const configured = env().databaseUrl || DEFAULT_DATABASE_PATH;
  return path.resolve(configured.replace(/^file:/, ''));
}
