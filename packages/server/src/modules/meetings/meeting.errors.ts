import { DomainError } from '../../shared/domain-error.js';

/** A meeting that does not exist or is not the caller's: one answer. */
export class MeetingNotFound extends DomainError {
  constructor() {
    super('not_found', 'The meeting does not exist or is not visible to you.');
  }
}

/** The start comes before some invitee has had the notice; names the earliest allowed start. */
export class NoticeTooShort extends DomainError {
  constructor(earliestStart: number | null, noticeHours: number) {
    const message =
      earliestStart === null
        ? `an invitee has no ${noticeHours} working hours within 400 days, so no start gives them the notice`
        : `must be at or after ${new Date(earliestStart).toISOString()}: the earliest start that gives every invitee ${noticeHours} working hours of notice`;
    super('meeting_notice_too_short', `startsAt ${message}.`, {
      details: [{ path: 'body.startsAt', message }],
    });
  }
}

/** A time outside every sync window without a written reason. */
export class ReasonRequired extends DomainError {
  constructor() {
    const message = 'the time is outside every sync window or on a no-meeting day: give a written reason';
    super('meeting_reason_required', `outsideWindowReason: ${message}.`, {
      details: [{ path: 'body.outsideWindowReason', message }],
    });
  }
}

/** A cancelled or finished meeting cannot change. */
export class MeetingNotChangeable extends DomainError {
  constructor(why: string) {
    super('meeting_not_changeable', why);
  }
}

/** An invitee who is not an active member of the workspace, or not the caller's own meeting list. */
export class InvalidInvitee extends DomainError {
  constructor(message: string, path = 'body.invitees') {
    super('invalid_reference', `${path}: ${message}`, { details: [{ path, message }] });
  }
}

/** Another invalid field of a meeting request: a 400 naming it. */
export class InvalidMeetingField extends DomainError {
  constructor(path: string, message: string) {
    super('validation_failed', `${path}: ${message}`, { details: [{ path, message }] });
  }
}
