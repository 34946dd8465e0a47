// The API shapes of check-ins, taken from the generated client's types.
import type { paths } from '@meanwhile/api-client';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A check-in with its closed rounds' team figures. */
export type Checkin = Json<paths['/api/v1/checkins/{id}']['get']['responses'][200]>;

/** One of my check-in questions, for one local date. */
export type CheckinAsk = Json<paths['/api/v1/me/checkin-asks']['get']['responses'][200]>['items'][number];
