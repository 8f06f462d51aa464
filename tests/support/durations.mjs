// Writes tests/support/durations.json — each test file's seconds (imports, hooks and tests) — from
// vitest's own record of its last run of each file (node_modules/.vite/vitest/*/results.json),
// for the longest-first order of tests/support/sequencer.mjs. Run it after a full `npm test` when
// files were added or changed weight; files the record lacks keep their earlier seconds.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const cacheRoot = path.join(root, 'node_modules/.vite/vitest');
const cacheFiles = fs.existsSync(cacheRoot) ? fs.readdirSync(cacheRoot).map((d) => path.join(cacheRoot, d, 'results.json')).filter((f) => fs.existsSync(f)) : [];
if (cacheFiles.length === 0) {
  console.error(`no vitest results under ${cacheRoot}: run npm test first`);
  process.exit(1);
}
const target = path.join(root, 'tests/support/durations.json');
const seconds = fs.existsSync(target) ? JSON.parse(fs.readFileSync(target, 'utf8')) : {};
for (const file of cacheFiles) {
  for (const [key, { duration }] of JSON.parse(fs.readFileSync(file, 'utf8')).results) {
    const testFile = key.slice(key.indexOf(':') + 1);
    if (fs.existsSync(path.join(root, testFile))) seconds[testFile] = Math.round(duration / 100) / 10;
  }
}
const sorted = Object.fromEntries(Object.entries(seconds).sort((a, b) => b[1] - a[1]));
fs.writeFileSync(target, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} files' seconds written to tests/support/durations.json`);
