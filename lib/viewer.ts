// The signed-in user a request acts for, as every query module receives it.
export const ROLES = ['admin', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  id: number;
  name: string;
  email: string;
  role: Role;
}
