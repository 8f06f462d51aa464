// The signed-in user a request acts for, as every query module receives it.

/**
 * Reviewers annotate; editors also assign reviewers, request second checks, adjudicate and sign
 * articles off; admins can do all of that and manage accounts.
 */
export const ROLES = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', editor: 'Editor', reviewer: 'Reviewer' };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Viewer {
  id: number;
  name: string;
  email: string;
  role: Role;
}

/** Editors and admins run the desk's workflow (assign, second check, adjudicate, sign off). */
export function isEditor(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role === 'editor' || viewer.role === 'admin';
}
