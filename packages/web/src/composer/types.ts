// The API shapes the composer and the thread screen share, taken from the generated client's types.
import type { paths } from '@meanwhile/api-client';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A post as `GET /api/v1/threads/{id}/posts` lists it. */
export type Post = Json<paths['/api/v1/threads/{id}/posts']['get']['responses'][200]>['items'][number];

/** A thread as the API shows it. */
export type Thread = Json<paths['/api/v1/threads/{id}']['get']['responses'][200]>;

/** What the landing preview answers: each recipient's landing and, with an interrupt, my budget. */
export type LandingPreview = Json<paths['/api/v1/channels/{id}/landing-preview']['post']['responses'][200]>;

/** One recipient's landing: when it lands, and the ask's due time. */
export type RecipientLanding = LandingPreview['recipients'][number];

/** The draft the landing preview is asked about. */
export type LandingPreviewBody =
  paths['/api/v1/channels/{id}/landing-preview']['post']['requestBody']['content']['application/json'];

/** A member of the workspace. */
export type Person = Json<paths['/api/v1/people']['get']['responses'][200]>['items'][number];

/** The ask levels, most urgent first. */
export const askLevels = ['today', 'soon', 'normal', 'fyi'] as const;

/** One ask level. */
export type AskLevel = (typeof askLevels)[number];

/** Where a draft goes: a new thread in a channel, or a reply in a thread. */
export type ComposerTarget = { kind: 'channel'; channelId: string } | { kind: 'thread'; threadId: string };
