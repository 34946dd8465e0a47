// The API shapes of ideation rounds, taken from the generated client's types.
import type { paths } from '@meanwhile/api-client';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A round as `GET /api/v1/ideation-rounds/{id}` shows it to me. */
export type Round = Json<paths['/api/v1/ideation-rounds/{id}']['get']['responses'][200]>;

/** The ideas I may see: before the reveal only mine; after it all, most dots first. */
export type IdeaList = Json<paths['/api/v1/ideation-rounds/{id}/ideas']['get']['responses'][200]>;

/** One idea. */
export type Idea = IdeaList['items'][number];

/** What opening a round sends. */
export type OpenRoundBody =
  paths['/api/v1/ideation-rounds']['post']['requestBody']['content']['application/json'];
