import type { AgreementService } from '../agreements/index.js';
import { roundBlockers } from '../checkins/index.js';
import type { CheckinQuestion } from '../checkins/index.js';
import type { RhythmService } from '../rhythms/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { JobContext, JobQueue } from '../../shared/job-queue.js';
import type { MailSettings } from '../../shared/mailer.js';
import { newId } from '../../shared/new-id.js';
import { hashSecret, newSecret } from '../../shared/secrets.js';
import { composeDigest, maxDigestItems, nextDigestSlot } from './digest.domain.js';
import type { DigestDecision, DigestItem, DigestRound } from './digest.domain.js';
import { listClosedDecisions, listClosedRounds } from './digest-summaries.repository.js';
import { UnsubscribeLinkNotFound } from './digest.errors.js';
import * as repo from './digest.repository.js';
import type { Executor } from './digest.repository.js';

/** The job that sends one person's digest of one workspace at one slot; subject `workspace:person:slotAt`. */
export const digestJobKind = 'digest.send';

/** A send left 'sending' this long is taken for interrupted by a crash and marked failed. */
export const interruptedAfterMs = 15 * 60_000;

/** A recipient who was delivered something, as the deliveries module reports it. */
export interface DeliveredTo {
  workspaceId: string;
  personId: string;
  deliveredAt: number;
}

/**
 * Digests: one e-mail per person, workspace and digest slot summarising what was delivered since the
 * last one, the check-in rounds of their check-ins closed since then (team figures and blockers, never
 * per person) and the decisions they took part in closed since then. The job claims the slot in `digest_sends` in its own transaction, and the mail leaves only
 * after that commit (at most once: a crash between the commit and the SMTP answer leaves a 'sending' row
 * that a later run marks failed, never a second mail). Without mail settings nothing is scheduled.
 */
export class DigestService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly agreements: Pick<AgreementService, 'currentAgreement'>,
    private readonly jobs: JobQueue<Executor>,
    private readonly mail: MailSettings | null,
  ) {}

  /** Whether digests are sent at all (mail is configured). */
  get isSending(): boolean {
    return this.mail !== null;
  }

  /** Registers the digest job on the queue. */
  registerJobs(): void {
    this.jobs.handle(digestJobKind, async (job, ctx) => {
      const [workspaceId, personId, slotAt] = job.subjectId.split(':');
      await this.runDigest({ workspaceId: workspaceId!, personId: personId! }, Number(slotAt), ctx);
    });
  }

  /**
   * Schedules the digest that will report these deliveries (in the deliveries' transaction): the first
   * digest slot after each one, per workspace and person, unless that job is pending already.
   */
  async scheduleFor(tx: Executor, delivered: readonly DeliveredTo[]): Promise<void> {
    if (!this.mail || delivered.length === 0) return;
    const latest = new Map<string, DeliveredTo>();
    for (const d of delivered) {
      const key = `${d.workspaceId}:${d.personId}`;
      if ((latest.get(key)?.deliveredAt ?? -1) < d.deliveredAt) latest.set(key, d);
    }
    // Sorted: concurrent writers take the job rows' locks in one order.
    for (const key of [...latest.keys()].sort()) {
      const d = latest.get(key)!;
      await this.scheduleAfter(tx, d, d.deliveredAt);
    }
  }

  private async scheduleAfter(
    tx: Executor,
    key: { workspaceId: string; personId: string },
    after: number,
  ): Promise<void> {
    if (!(await repo.isEnabled(tx, key.personId))) return;
    const { digestTimes } = await this.agreements.currentAgreement(key.workspaceId, undefined, tx);
    const profile = (await this.rhythms.deliveryProfiles([key.personId], tx)).get(key.personId)!;
    const slotAt = nextDigestSlot(profile, digestTimes, after);
    if (slotAt === null) return;
    const subjectId = `${key.workspaceId}:${key.personId}:${slotAt}`;
    await this.jobs.ensureScheduled(tx, {
      kind: digestJobKind,
      subjectId,
      workspaceId: key.workspaceId,
      dueAt: slotAt,
    });
  }

  /**
   * The digest job's work: claims the slot and, after the commit, sends the mail. A second run for the
   * same slot (another process, a retry, a duplicate job) finds the claim and does nothing.
   */
  async runDigest(
    key: { workspaceId: string; personId: string },
    slotAt: number,
    { tx, now, afterCommit }: JobContext<Executor>,
  ): Promise<void> {
    const mail = this.mail;
    if (!mail) return;
    await repo.failInterrupted(tx, now - interruptedAfterMs, now);
    const base = { id: newId(now), ...key, slotAt, messageId: null, error: null, claimedAt: now };
    if (!(await repo.isEnabled(tx, key.personId))) {
      await repo.claimSend(tx, {
        ...base,
        state: 'skipped',
        itemCount: 0,
        unsubscribeTokenHash: null,
        finishedAt: now,
      });
      return;
    }
    const recipient = await repo.findRecipient(tx, key.workspaceId, key.personId);
    if (!recipient) return;
    const since = (await repo.findPreviousSlot(tx, key, slotAt)) ?? 0;
    const { items, total } = await repo.listDelivered(tx, key, since, slotAt, maxDigestItems);
    const rounds = await listClosedRounds(tx, key, since, slotAt);
    const decisions = await listClosedDecisions(tx, key, since, slotAt);
    if (total + rounds.length + decisions.length === 0) return;
    const token = newSecret();
    const claimed = await repo.claimSend(tx, {
      ...base,
      state: 'sending',
      itemCount: total + rounds.length + decisions.length,
      unsubscribeTokenHash: hashSecret(token),
      finishedAt: null,
    });
    if (!claimed) return;
    // Delivered after the slot but before this run: the next digest reports them.
    if (await repo.hasDeliveredSince(tx, key, slotAt))
      await this.scheduleAfter(tx, key, Math.max(slotAt, now));
    const profile = (await this.rhythms.deliveryProfiles([key.personId], tx)).get(key.personId)!;
    const unsubscribeUrl = `${mail.publicUrl}/unsubscribe/${token}`;
    const content = composeDigest({
      workspaceName: recipient.workspaceName,
      recipientName: recipient.displayName,
      timeZone: profile.timeZone,
      items: items.map(toItem),
      total,
      rounds: rounds.map(toRound),
      decisions: decisions.map((d) => toDecision(d, mail.publicUrl)),
      unsubscribeUrl,
      settingsUrl: `${mail.publicUrl}/settings`,
    });
    const sendId = base.id;
    afterCommit(async () => {
      try {
        const { messageId } = await mail.mailer.send({
          to: { name: recipient.displayName, address: recipient.email },
          ...content,
          headers: {
            'List-Unsubscribe': `<${unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        });
        await repo.finishSend(this.db, sendId, {
          state: 'sent',
          messageId,
          error: null,
          finishedAt: this.clock.now(),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await repo.finishSend(this.db, sendId, {
          state: 'failed',
          messageId: null,
          error: message.slice(0, 500),
          finishedAt: this.clock.now(),
        });
        throw error;
      }
    });
  }

  /** Whether the caller receives digests. */
  async get(caller: Caller): Promise<{ enabled: boolean }> {
    return { enabled: await repo.isEnabled(this.db, caller.personId) };
  }

  /** Turns the caller's digests on or off. */
  async put(caller: Caller, enabled: boolean): Promise<{ enabled: boolean }> {
    await repo.setEnabled(this.db, caller.personId, enabled, this.clock.now());
    return { enabled };
  }

  /** The one-click unsubscribe of a digest's link (no login: the token is the credential). */
  async unsubscribe(token: string): Promise<void> {
    const send = await repo.findSendByTokenHash(this.db, hashSecret(token));
    if (!send) throw new UnsubscribeLinkNotFound();
    await repo.setEnabled(this.db, send.personId, false, this.clock.now());
  }

  /** Whether an unsubscribe link is valid (for the confirmation page). */
  async isUnsubscribeLink(token: string): Promise<boolean> {
    return (await repo.findSendByTokenHash(this.db, hashSecret(token))) !== undefined;
  }
}

function toRound(row: Awaited<ReturnType<typeof listClosedRounds>>[number]): DigestRound {
  return {
    title: row.title,
    date: row.localDate,
    asked: row.asked,
    answered: row.answered,
    blockers: roundBlockers(JSON.parse(row.questions) as CheckinQuestion[], row.answers),
  };
}

function toDecision(
  row: Awaited<ReturnType<typeof listClosedDecisions>>[number],
  publicUrl: string,
): DigestDecision {
  const outcome =
    row.outcome === 'adopted'
      ? 'adopted (nobody blocked)'
      : row.outcome === 'chosen'
        ? ((JSON.parse(row.options) as string[])[row.chosenOption ?? -1] ?? 'chosen')
        : (row.outcome ?? 'closed');
  return {
    question: row.question,
    outcome,
    closedAt: row.closedAt!,
    url: `${publicUrl}/threads/${encodeURIComponent(row.threadId)}`,
  };
}

function toItem(row: Awaited<ReturnType<typeof repo.listDelivered>>['items'][number]): DigestItem {
  return {
    kind: row.kind,
    threadTitle: row.threadTitle,
    authorName: row.authorName,
    deliveredAt: row.deliveredAt!,
    ask: row.askLevel === null ? null : { level: row.askLevel, dueAt: row.askDueAt },
    interrupt:
      row.interruptReason === null
        ? null
        : { reason: row.interruptReason, isEmergency: row.isEmergency === 1 },
  };
}
