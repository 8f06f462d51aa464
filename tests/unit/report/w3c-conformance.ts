// A harness for the W3C Web Annotation conformance schemas in tests/fixtures/web-annotation (see its
// README): the 7 definition libraries registered under their draft-04 `id`, each assertion listed by
// a `.test` file compiled with ajv-draft-04 + ajv-formats, and an assertion passing when
// (instance validates) == (expectedResult !== 'invalid').
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

export const SUITE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/web-annotation');

export const MUST_TESTS = {
  annotation: 'annotations/annotationMusts.test',
  collection: 'collections/collectionMusts.test',
  page: 'collections/pages/pageMusts.test',
} as const;

interface Assertion {
  file: string;
  title: string;
  assertionType: string;
  expectValid: boolean;
  validate: ValidateFunction;
}

export interface AssertionResult {
  file: string;
  title: string;
  passed: boolean;
  errors: unknown;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function createAjv(): Ajv {
  // strict: false — the assertions carry non-schema keywords (assertionType, expectedResult, …).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const definitions = path.join(SUITE_ROOT, 'definitions');
  for (const name of readdirSync(definitions).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(readJson(path.join(definitions, name)));
  }
  return ajv;
}

let ajv: Ajv | null = null;
const cache = new Map<string, Assertion[]>();

function flatten(list: unknown[]): string[] {
  return list.flatMap((entry) => (Array.isArray(entry) ? flatten(entry) : [String(entry)]));
}

/** The assertions a `.test` file lists (a path with a slash is relative to the suite root). */
export function loadAssertions(testFile: string): Assertion[] {
  const cached = cache.get(testFile);
  if (cached) return cached;
  ajv ??= createAjv();
  const testPath = path.join(SUITE_ROOT, testFile);
  const spec = readJson(testPath);
  const assertions = flatten(spec.assertions as unknown[]).map((entry) => {
    const file = entry.includes('/') ? path.join(SUITE_ROOT, entry) : path.join(path.dirname(testPath), entry);
    const schema = readJson(file);
    const id = schema.id as string;
    const validate = ajv!.getSchema(id) ?? ajv!.compile(schema);
    return {
      file: path.relative(SUITE_ROOT, file),
      title: String(schema.title ?? id),
      assertionType: String(schema.assertionType ?? 'must'),
      expectValid: schema.expectedResult !== 'invalid',
      validate,
    };
  });
  cache.set(testFile, assertions);
  return assertions;
}

export function checkAssertions(instance: unknown, testFile: string): AssertionResult[] {
  return loadAssertions(testFile).map((a) => {
    const valid = a.validate(instance) as boolean;
    return { file: a.file, title: a.title, passed: valid === a.expectValid, errors: valid === a.expectValid ? null : a.validate.errors };
  });
}

/** The assertions an instance fails, for readable test failures. */
export function failedAssertions(instance: unknown, testFile: string): AssertionResult[] {
  return checkAssertions(instance, testFile).filter((r) => !r.passed);
}

export function readSample(relativePath: string): unknown {
  return readJson(path.join(SUITE_ROOT, relativePath));
}
