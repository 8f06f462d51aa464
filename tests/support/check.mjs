// `npm test`'s first step: tsc and ESLint side by side (each waits on its own work, so together
// they take the longer one's time, not the sum), each one's output shown whole, failing if either does.
import { spawn } from 'node:child_process';

const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ name: `${command} ${args.join(' ')}`, code, output }));
  });

const results = await Promise.all([run('node_modules/.bin/tsc', ['--noEmit', '-p', '.']), run('node_modules/.bin/eslint', ['.'])]);
for (const r of results) {
  if (r.output.trim()) process.stdout.write(`${r.output.trimEnd()}\n`);
  console.log(`${r.code === 0 ? 'ok' : 'FAILED'}: ${r.name}`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
