import { DomainError } from '../../shared/domain-error.js';

/** A channel that does not exist, belongs to another workspace, or is hidden from the caller: one answer. */
export class ChannelNotFound extends DomainError {
  constructor() {
    super('not_found', 'The channel does not exist or is not visible to you.');
  }
}

/** Another channel of the workspace has the same normalized name. */
export class ChannelNameTaken extends DomainError {
  constructor() {
    super('channel_name_taken', 'Another channel of this workspace already has this name.', {
      details: [{ path: 'body.name', message: 'is already taken (names compare case-insensitively)' }],
    });
  }
}

/** A person to add is not an active member of the workspace. */
export class PersonNotInWorkspace extends DomainError {
  constructor(path: string) {
    super('invalid_reference', 'The person is not an active member of this workspace.', {
      details: [{ path, message: 'is not an active member of this workspace' }],
    });
  }
}
