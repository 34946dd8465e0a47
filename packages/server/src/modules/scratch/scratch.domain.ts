/** Fewest, default and most days a scratch thread lives before it is deleted (issue 6). */
export const scratchDays = { min: 1, default: 7, max: 90 } as const;

/** The most participants named when a scratch thread starts or grows, per request. */
export const maxScratchParticipants = 50;

const dayMs = 24 * 60 * 60 * 1000;

/** When a scratch thread started at `at` and kept `days` days expires (epoch ms). */
export function scratchExpiry(at: number, days: number): number {
  return at + days * dayMs;
}
