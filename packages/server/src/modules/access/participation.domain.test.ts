import { describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/caller.js';
import { decideParticipation } from './participation.domain.js';
import type { ParticipationAction } from './participation.domain.js';

const caller = (role: Caller['role'], scope: Caller['scope'] = 'read-write'): Caller => ({
  personId: 'me',
  workspaceId: 'w',
  role,
  via: 'token',
  scope,
  credentialId: 't',
});
const visible = { visibility: 'private' as const, isMember: true, isArchived: false };
const hidden = { visibility: 'private' as const, isMember: false, isArchived: false };
const outcome = (decision: ReturnType<typeof decideParticipation>) =>
  decision.allowed ? 'allow' : decision.reason;

describe('decideParticipation', () => {
  it.each<[string, Caller, ParticipationAction, Parameters<typeof decideParticipation>[2], string]>([
    [
      'a hidden channel hides the round, even from an owner',
      caller('owner'),
      'ideation.read',
      { channel: hidden, isParticipant: true },
      'not_found',
    ],
    [
      'anyone who sees the channel reads',
      caller('guest'),
      'ideation.read',
      { channel: visible, isParticipant: false },
      'allow',
    ],
    [
      'an admin who is no participant may not add ideas',
      caller('admin'),
      'ideation.submit',
      { channel: visible, isParticipant: false },
      'forbidden',
    ],
    [
      'a participant dots',
      caller('guest'),
      'ideation.dot',
      { channel: visible, isParticipant: true },
      'allow',
    ],
    [
      'only its author edits an idea',
      caller('owner'),
      'idea.edit',
      { channel: visible, isParticipant: true, authorId: 'other' },
      'forbidden',
    ],
    [
      'the author edits it',
      caller('member'),
      'idea.edit',
      { channel: visible, isParticipant: true, authorId: 'me' },
      'allow',
    ],
    [
      'a read-only token may not answer',
      caller('member', 'read'),
      'checkin.answer',
      { channel: visible, isParticipant: true },
      'forbidden',
    ],
    [
      'nothing is written in an archived channel',
      caller('member'),
      'checkin.answer',
      { channel: { ...visible, isArchived: true }, isParticipant: true },
      'forbidden',
    ],
    [
      'a non-participant may not answer a check-in',
      caller('owner'),
      'checkin.answer',
      { channel: visible, isParticipant: false },
      'forbidden',
    ],
  ])('%s', (_name, who, action, facts, expected) => {
    expect(outcome(decideParticipation(who, action, facts))).toBe(expected);
  });
});
