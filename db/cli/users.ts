// The accounts CLI: `npm run user:<command> -- --email E [--name N --role R]`.
// Passwords come from FACTMARK_PASSWORD or a prompt that does not echo; never from argv.
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { DatabaseOpenError, openDatabase } from '../client';
import { createUser, listUsers, setUserDisabled, setUserPassword } from '../queries/users';
import { env } from '../../lib/env';
import type { Result } from '../../lib/errors';
import { isRole, ROLES } from '../../lib/viewer';

const USAGE = `Usage:
  npm run user:create -- --email E --name N --role reviewer|admin
  npm run user:list
  npm run user:disable -- --email E
  npm run user:enable -- --email E
  npm run user:password -- --email E
The password is read from FACTMARK_PASSWORD, or prompted for without echo.`;

function die(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) die('no password: set FACTMARK_PASSWORD or run in a terminal to be prompted.');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let muted = false;
  output._writeToOutput = (s: string) => {
    if (!muted) process.stdout.write(s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = env().cliPassword;
  if (fromEnv !== undefined) return fromEnv;
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) die('the passwords do not match.');
  return first;
}

function report<T>(result: Result<T>, success: (value: T) => string) {
  if (!result.ok) die(result.error.message);
  console.log(success(result.value));
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  let values: { email?: string; name?: string; role?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    die(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const needEmail = () => values.email ?? die(`--email is required.\n${USAGE}`);

  let handle;
  try {
    handle = openDatabase();
  } catch (error) {
    die(error instanceof DatabaseOpenError ? error.message : String(error));
  }
  const { db } = handle;
  switch (command) {
    case 'create': {
      const email = needEmail();
      if (!values.name) die('--name is required.');
      if (!values.role) die(`--role is required (${ROLES.join(', ')}).`);
      if (!isRole(values.role)) die(`unknown role "${values.role}": use ${ROLES.join(', ')}.`);
      const password = await readPassword();
      report(await createUser(db, { email, name: values.name, role: values.role, password }), (u) => `Created ${u.role} ${u.email} (${u.name}).`);
      break;
    }
    case 'list': {
      const rows = listUsers(db);
      if (rows.length === 0) console.log('No users yet.');
      for (const u of rows) console.log(`${u.email}\t${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}`);
      break;
    }
    case 'disable':
    case 'enable':
      report(setUserDisabled(db, needEmail(), command === 'disable'), (u) => `${u.email} is now ${u.disabled ? 'disabled' : 'enabled'}.`);
      break;
    case 'password':
      report(await setUserPassword(db, needEmail(), await readPassword()), (u) => `Password changed for ${u.email}.`);
      break;
    default:
      die(`unknown command "${command ?? ''}".\n${USAGE}`);
  }
  handle.sqlite.close();
}

void main();
