// Shared fixtures for the import tests: the sample article as the product was specified with it.
import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '@/lib/errors';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures/import');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function sampleText(): string {
  return fs.readFileSync(path.join(ROOT, 'content/sample-article.txt'), 'utf8');
}

export const SAMPLE_HEADINGS = ['Symbolic Significance of Russian Support', 'Russia’s Role in Syria'];

/** The value of an ok result; fails the test with the error message otherwise. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The error of a failed result; fails the test when it succeeded. */
export function errorOf<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure, got ok');
  return result.error;
}
