// The API shapes of decisions and the decision log, taken from the generated client's types.
import type { paths } from '@meanwhile/api-client';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A decision as `GET /api/v1/decisions/{id}` shows it to me. */
export type Decision = Json<paths['/api/v1/decisions/{id}']['get']['responses'][200]>;

/** One participant of a decision, with their response when it is shown. */
export type DecisionParticipant = Decision['participants'][number];

/** What opening a decision sends. */
export type OpenDecisionBody =
  paths['/api/v1/threads/{id}/decisions']['post']['requestBody']['content']['application/json'];

/** My response: consent, a block with its reason, or a vote. */
export type ResponseBody =
  paths['/api/v1/decisions/{id}/response']['put']['requestBody']['content']['application/json'];

/** One entry of the decision log. */
export type LogEntry = Json<paths['/api/v1/decision-log']['get']['responses'][200]>['items'][number];

/** The decision log's filters, as the API takes them. */
export interface LogFilters {
  q?: string;
  from?: string;
  to?: string;
}

/** An instant in my zone and in the zone of the person it is about. */
export type InstantView = Decision['closesAt'];
