// How rounds and ideas look through the API and the export. Authors appear only after the reveal of a named
// round; `mine` tells the author their own idea without naming anyone.
import type { IdeaRow, IdeationRoundRow } from '../../shared/database.js';
import { isRevealed } from './ideation.domain.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A round as the API shows it. */
export interface RoundView {
  id: string;
  channelId: string;
  threadId: string | null;
  prompt: string;
  openedBy: string;
  isAnonymous: boolean;
  dotsPerPerson: number;
  allowsStacking: boolean;
  windowHours: number;
  openedAt: string;
  revealAt: { at: string; epochMs: number };
  revealReason: string;
  phase: 'collecting' | 'voting';
  /** Empty in anonymous rounds, where only {@link participantCount} is shown. */
  participantIds: string[];
  participantCount: number;
  isParticipant: boolean;
  myDotsLeft: number;
}

/** An idea as the API shows it. */
export interface IdeaView {
  id: string;
  roundId: string;
  text: string;
  mine: boolean;
  author: { id: string; displayName: string } | null;
  buildsOn: string | null;
  dots: number | null;
  myDots: number;
  promotedThreadId: string | null;
  createdAt: string;
  editedAt: string | null;
}

/** The export of a round's results. */
export interface RoundExport {
  markdown: string;
  csv: string;
}

export function toRoundView(
  round: IdeationRoundRow,
  participantIds: string[],
  viewerId: string,
  dotsUsed: number,
  now: number,
): RoundView {
  const isParticipant = participantIds.includes(viewerId);
  return {
    id: round.id,
    channelId: round.channelId,
    threadId: round.threadId,
    prompt: round.prompt,
    openedBy: round.createdBy,
    isAnonymous: round.isAnonymous === 1,
    dotsPerPerson: Number(round.dotsPerPerson),
    allowsStacking: round.allowsStacking === 1,
    windowHours: Number(round.windowHours),
    openedAt: iso(Number(round.openedAt)),
    revealAt: { at: iso(Number(round.revealAt)), epochMs: Number(round.revealAt) },
    revealReason: `so that every participant gets ${round.windowHours} of their working hours`,
    phase: isRevealed({ revealAt: Number(round.revealAt) }, now) ? 'voting' : 'collecting',
    participantIds: round.isAnonymous === 1 ? [] : participantIds,
    participantCount: participantIds.length,
    isParticipant,
    myDotsLeft: isParticipant ? Number(round.dotsPerPerson) - dotsUsed : 0,
  };
}

export function toIdeaView(
  idea: IdeaRow,
  facts: { mine: boolean; authorName: string | null; dots: number | null; myDots: number },
): IdeaView {
  return {
    id: idea.id,
    roundId: idea.roundId,
    text: idea.text,
    mine: facts.mine,
    author: facts.authorName === null ? null : { id: idea.authorId, displayName: facts.authorName },
    buildsOn: idea.buildsOnId,
    dots: facts.dots,
    myDots: facts.myDots,
    promotedThreadId: idea.promotedThreadId,
    createdAt: iso(Number(idea.createdAt)),
    editedAt: idea.editedAt === null ? null : iso(Number(idea.editedAt)),
  };
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
// A cell starting with = + - @ is a formula to spreadsheets: prefixed so that it stays text.
const safeCell = (value: string) => csvCell(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The results (ideas already in results order) as markdown and CSV; no author column when anonymous. */
export function renderExport(round: IdeationRoundRow, ideas: readonly IdeaView[]): RoundExport {
  const named = round.isAnonymous === 0;
  const header = ['rank', 'dots', 'idea', 'builds_on', ...(named ? ['author'] : [])];
  const rows = ideas.map((idea, i) => [
    String(i + 1),
    String(idea.dots ?? 0),
    idea.text,
    idea.buildsOn ?? '',
    ...(named ? [idea.author?.displayName ?? ''] : []),
  ]);
  const csv = [header, ...rows].map((r) => r.map(safeCell).join(',')).join('\r\n') + '\r\n';
  const lines = ideas.map((idea, i) => {
    const by = named && idea.author ? ` — ${idea.author.displayName}` : '';
    return `${i + 1}. **${idea.dots ?? 0} dots** ${idea.text.replace(/\n+/g, ' ')}${by}`;
  });
  const markdown = `# ${round.prompt.replace(/\n+/g, ' ')}\n\n${lines.join('\n')}\n`;
  return { markdown, csv };
}
