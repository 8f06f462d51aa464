// Writes tests/support/durations.json — each test file's seconds in a full `npm test` — from a
// vitest JSON report (`npm test -- --reporter=json --outputFile.json=report.json`), for the
// longest-first order of tests/support/sequencer.ts. Re-run it when files are added or change weight.
import fs from 'node:fs';
import path from 'node:path';

const [reportFile] = process.argv.slice(2);
if (!reportFile) {
  console.error('usage: node tests/support/durations.mjs <vitest-json-report>');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '../..');
const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
const seconds = Object.fromEntries(
  report.testResults
    .map((file) => [path.relative(root, file.name), Math.round((file.endTime - file.startTime) / 100) / 10])
    .sort((a, b) => b[1] - a[1]),
);
fs.writeFileSync(path.join(root, 'tests/support/durations.json'), `${JSON.stringify(seconds, null, 2)}\n`);
console.log(`${Object.keys(seconds).length} files written to tests/support/durations.json`);
