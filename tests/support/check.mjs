// `npm test`'s first step: tsc and ESLint side by side (each waits on its own work, so together
// they take the longer one's time, not the sum), each one's output shown whole, failing if either does.
import { spawn } from 'node:child_process';

const run = (name, command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ name, code, output }));
  });

// tsc with a larger young generation: fewer scavenges of its many short-lived objects, about a
// tenth less CPU here (42 against 47 CPU-seconds) for the same check.
const tsc = run('tsc --noEmit', process.execPath, ['--max-semi-space-size=128', 'node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
const results = await Promise.all([tsc, run('eslint .', 'node_modules/.bin/eslint', ['.'])]);
for (const r of results) {
  if (r.output.trim()) process.stdout.write(`${r.output.trimEnd()}\n`);
  console.log(`${r.code === 0 ? 'ok' : 'FAILED'}: ${r.name}`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
