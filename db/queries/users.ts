// Reviewer accounts: creation, look-up, enabling/disabling and passwords (argon2id hashes only),
// and the session version that a password or role change, disabling or "sign out everywhere"
// bumps, ending every session issued before.
import { hash, verify } from '@node-rs/argon2';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { stripControlChars } from '../../lib/control-chars';
import { fail, ok, type Result } from '../../lib/errors';
import { toPage, type Page, type PageRequest } from '../../lib/paging';
import type { Db } from '../client';
import { prepared } from '../prepared';
import { ROLES, users, type Role, type UserRow } from '../schema';
import type { Viewer } from '../../lib/viewer';

export const MIN_PASSWORD_LENGTH = 10;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Email address is malformed.' }));
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(1024, { message: 'Password is too long.' });
/** A display name: control characters removed, whitespace collapsed, 1–200 characters. */
export const nameSchema = z
  .string()
  .transform((s) => stripControlChars(s).replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, { message: 'Name is required.' }).max(200, { message: 'Name is longer than 200 characters.' }));
export const roleSchema = z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}.` });

export const newUserSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    role: roleSchema,
    password: passwordSchema,
  })
  .strict();
export type NewUser = z.input<typeof newUserSchema>;

/** What the rest of the app sees of a user: never the password hash. */
export interface UserDto {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export function toUserDto(row: UserRow): UserDto {
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabled, createdAt: row.createdAt.toISOString() };
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Invalid input.';
}

export async function createUser(db: Db, input: NewUser): Promise<Result<UserDto>> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) return fail('unprocessable', firstIssue(parsed.error));
  const { email, name, role, password } = parsed.data;
  if (findUserByEmail(db, email)) return fail('conflict', `A user with the email ${email} already exists.`);
  const passwordHash = await hash(password);
  try {
    const [row] = db.insert(users).values({ email, name, role, passwordHash }).returning().all();
    return ok(toUserDto(row));
  } catch (error) {
    if (error instanceof Error && /UNIQUE/.test(error.message)) return fail('conflict', `A user with the email ${email} already exists.`);
    throw error;
  }
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

const userById = prepared((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare(),
);

/** Every request's session look-up (lib/server/session.ts). */
export function getUserById(db: Db, id: number): UserRow | undefined {
  return userById(db).get({ id });
}

/** Every account by email (the accounts CLI). */
export function listUsers(db: Db): UserDto[] {
  return db.select().from(users).orderBy(asc(users.email)).all().map(toUserDto);
}

/** Where the next page of accounts starts: after this email (emails are unique). */
export const userCursorSchema = z.object({ email: z.string() });
export type UserCursor = z.infer<typeof userCursorSchema>;

/** A page of accounts by email, for admins (a search of the unique email index). */
export function listUsersPage(db: Db, viewer: Viewer, page: PageRequest<UserCursor>): Result<Page<UserDto, UserCursor>> {
  if (viewer.role !== 'admin') return fail('forbidden', 'Only an admin can manage accounts.');
  const rows = db
    .select()
    .from(users)
    .where(page.after ? gt(users.email, page.after.email) : undefined)
    .orderBy(asc(users.email))
    .limit(page.limit + 1)
    .all();
  return ok(toPage(rows.map(toUserDto), page.limit, (u) => ({ email: u.email })));
}

const bumped = sql`${users.sessionVersion} + 1`;

export function setUserDisabled(db: Db, email: string, disabled: boolean): Result<UserDto> {
  const row = db
    .update(users)
    .set({ disabled, ...(disabled ? { sessionVersion: bumped } : {}), updatedAt: sql`(cast(unixepoch('subsec') * 1000 as integer))` })
    .where(eq(users.email, email.trim().toLowerCase()))
    .returning()
    .get();
  return row ? ok(toUserDto(row)) : fail('not_found', `No user with the email ${email}.`);
}

export async function setUserPassword(db: Db, email: string, password: string): Promise<Result<UserDto>> {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return fail('unprocessable', firstIssue(parsed.error));
  if (!findUserByEmail(db, email)) return fail('not_found', `No user with the email ${email}.`);
  const passwordHash = await hash(parsed.data);
  const row = db
    .update(users)
    .set({ passwordHash, sessionVersion: bumped, updatedAt: sql`(cast(unixepoch('subsec') * 1000 as integer))` })
    .where(eq(users.email, email.trim().toLowerCase()))
    .returning()
    .get();
  return ok(toUserDto(row!));
}

// A real hash of a random string: verifying against it when the email is unknown keeps the
// response time the same as for a wrong password, so timing does not reveal which emails exist.
let decoyHash: Promise<string> | undefined;

/** The user for an email + password, or undefined. Disabled users are refused. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const row = findUserByEmail(db, email);
  if (!row) {
    decoyHash ??= hash(crypto.randomUUID());
    await verify(await decoyHash, password).catch(() => false);
    return undefined;
  }
  const valid = await verify(row.passwordHash, password).catch(() => false);
  if (!valid || row.disabled) return undefined;
  return row;
}

export const userPatchSchema = z
  .object({
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one field to change.' });
export type UserPatch = z.infer<typeof userPatchSchema>;

/** Admins manage accounts; nobody can disable or demote themselves (no locking the desk out). */
export async function updateUser(db: Db, viewer: Viewer, id: number, patch: UserPatch): Promise<Result<UserDto>> {
  if (viewer.role !== 'admin') return fail('forbidden', 'Only an admin can manage accounts.');
  if (id === viewer.id && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
    return fail('unprocessable', 'You cannot disable or demote your own account; ask another admin.');
  }
  const { password, ...rest } = patch;
  const passwordHash = password === undefined ? undefined : await hash(password);
  // A new password or disabling ends the user's sessions; so does a role change (not a same-role save).
  const sessionVersion =
    passwordHash !== undefined || rest.disabled === true ? bumped : rest.role !== undefined ? sql`${users.sessionVersion} + (${users.role} <> ${rest.role})` : undefined;
  const row = db
    .update(users)
    .set({ ...rest, ...(passwordHash ? { passwordHash } : {}), ...(sessionVersion ? { sessionVersion } : {}), updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning()
    .get();
  return row ? ok(toUserDto(row)) : fail('not_found', `No user with id ${id}.`);
}

/** "Sign out everywhere": ends every session of a user. Users may do it for themselves, admins for anyone. */
export function signOutEverywhere(db: Db, viewer: Viewer, id: number): Result<true> {
  if (viewer.id !== id && viewer.role !== 'admin') return fail('forbidden', 'Only an admin can sign out another account.');
  const row = db.update(users).set({ sessionVersion: bumped }).where(eq(users.id, id)).returning({ id: users.id }).get();
  return row ? ok(true) : fail('not_found', `No user with id ${id}.`);
}
