// The verdicts a reviewer can give a passage: defined once, imported everywhere.

export const STATUSES = ['verified', 'disputed', 'needs_source'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABEL: Record<Status, string> = {
  verified: 'Verified',
  disputed: 'Disputed',
  needs_source: 'Needs source',
};

/** Keyboard shortcut shown in the selection toolbar. */
export const STATUS_SHORTCUT: Record<Status, string> = {
  verified: '1',
  disputed: '2',
  needs_source: '3',
};

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}
