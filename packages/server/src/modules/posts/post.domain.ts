/** The longest post, in characters of markdown. */
export const maxPostLength = 40_000;
/** How many people one post may mention, and how many posts it may build on. */
export const maxMentions = 50;
export const maxBuildsOn = 20;

/** The reactions people may add: short names, so no arbitrary text is stored or shown. */
export const reactionEmoji = [
  '+1',
  '-1',
  'heart',
  'tada',
  'laugh',
  'eyes',
  'rocket',
  'thinking',
  'pray',
  'clap',
  'check',
  'question',
] as const;

/** One allowed reaction name. */
export type ReactionEmoji = (typeof reactionEmoji)[number];

/** Whether post `a` was written before post `b` (time, then id): a post may only build on earlier ones. */
export function isEarlier(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

/** The entity tag of a post version, as sent in `ETag`: `"3"`. */
export function postEtag(version: number): string {
  return `"${version}"`;
}

/**
 * Whether an `If-Match` header allows editing a post now at `version`: absent or `*` allows; otherwise one
 * of its strong tags must be the current one (weak `W/` tags never match, RFC 9110 §13.1.1).
 */
export function isIfMatchSatisfied(header: string | undefined, version: number): boolean {
  if (header === undefined || header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim() === postEtag(version));
}
