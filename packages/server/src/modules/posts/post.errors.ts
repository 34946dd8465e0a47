import { DomainError } from '../../shared/domain-error.js';

/** A post that does not exist, belongs to another workspace, or sits in a hidden channel: one answer. */
export class PostNotFound extends DomainError {
  constructor() {
    super('not_found', 'The post does not exist or is not visible to you.');
  }
}

/** A `buildsOn` id that is not an earlier, visible post of the workspace. */
export class InvalidBuildsOn extends DomainError {
  constructor(index: number) {
    super('invalid_reference', 'A post in `buildsOn` does not exist, is not visible, or is not earlier.', {
      details: [{ path: `body.buildsOn.${index}`, message: 'is not an earlier post you can see' }],
    });
  }
}

/** The post changed since the version named in `If-Match`. */
export class StalePost extends DomainError {
  constructor() {
    super('precondition_failed', 'The post changed since you read it; reload and edit again.');
  }
}

/** The post mentions a whole channel (`@channel`, `@all`) where the agreement does not allow it. */
export class ChannelMentionNotAllowed extends DomainError {
  constructor(mention: string) {
    super(
      'channel_mention_not_allowed',
      `Mentioning a whole channel (@${mention}) is not allowed by your workspace's agreement; name the people instead.`,
      {
        details: [
          {
            path: 'body.markdown',
            message: `mentions the whole channel (@${mention}), which the agreement does not allow`,
          },
        ],
      },
    );
  }
}

/** The post is a tombstone. */
export class PostDeleted extends DomainError {
  constructor() {
    super('conflict', 'The post was deleted.');
  }
}

/** An interrupt in a scratch thread: off-the-record thinking never interrupts anyone (issue 6). */
export class InterruptInScratch extends DomainError {
  constructor() {
    const message = 'a scratch thread never interrupts; send the post without `interrupt`';
    super('validation_failed', `body.interrupt: ${message}.`, {
      details: [{ path: 'body.interrupt', message }],
    });
  }
}
