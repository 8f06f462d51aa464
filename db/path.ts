// Where the SQLite file lives: DATABASE_URL (a path, optionally prefixed `file:`), default
// data/factmark.db. Kept apart from the client so light modules can ask without opening it.
import path from 'node:path';

export const DEFAULT_DATABASE_PATH = 'data/factmark.db';

export function databasePath(): string {
  const configured = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_PATH;
  return path.resolve(configured.replace(/^file:/, ''));
}
