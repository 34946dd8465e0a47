// The meeting screens' server state: my meetings, each invitee's earliest allowed start, the people's
// time zones and the agreement's sync time; writes (request, respond, move, cancel) refresh the list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@meanwhile/api-client';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A meeting as the API shows it. */
export type Meeting = Json<paths['/api/v1/meetings/{id}']['get']['responses'][200]>;

/** What `POST /api/v1/meetings` takes. */
export type MeetingRequestBody =
  paths['/api/v1/meetings']['post']['requestBody']['content']['application/json'];

/** Each invitee's earliest allowed start for a meeting requested now. */
export type NoticeAnswer = Json<paths['/api/v1/meetings/notice']['get']['responses'][200]>;

/** An invitee's answer. */
export type MeetingResponse = 'yes' | 'no' | 'maybe';

/** My meetings (organised or invited) from a day ago, for the next 62 days (the API's most). */
export function useMeetings() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.meetings,
    queryFn: async () => {
      const from = new Date(Date.now() - 24 * 3_600_000).toISOString();
      const page = expectData(await client.GET('/api/v1/meetings', { params: { query: { from } } }));
      return [...page.items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
    },
  });
}

/** Each invitee's earliest allowed start for a meeting requested now; asked again as invitees change. */
export function useMeetingNotice(invitees: readonly string[]) {
  const { client } = useApi();
  const ids = [...invitees].sort();
  return useQuery({
    queryKey: queryKeys.meetingNotice(ids.join(',')),
    queryFn: async () =>
      expectData(
        await client.GET('/api/v1/meetings/notice', { params: { query: { invitees: ids.join(',') } } }),
      ),
    enabled: ids.length > 0,
    // The previous answer stays while the next comes: the list does not jump.
    placeholderData: (previous) => previous,
  });
}

/** Every member's display name and time zone by id (the team's availability, one hour of it). */
export function usePeopleZones() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.peopleZones,
    queryFn: async () => {
      const from = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
      const to = new Date(from.getTime() + 3_600_000);
      const answer = expectData(
        await client.GET('/api/v1/availability', {
          params: { query: { from: from.toISOString(), to: to.toISOString() } },
        }),
      );
      return new Map(
        answer.people.map((person) => [
          person.personId,
          { displayName: person.displayName, timeZone: person.timeZone },
        ]),
      );
    },
    staleTime: 5 * 60_000,
  });
}

/** The agreement (its sync windows and meeting days mark the form). */
export function useAgreementTerms() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.agreement,
    queryFn: async () => expectData(await client.GET('/api/v1/agreement')),
  });
}

/** Requests a meeting. */
export function useRequestMeeting() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MeetingRequestBody) =>
      expectData(await client.POST('/api/v1/meetings', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.meetings }),
  });
}

/** Answers a meeting request. */
export function useRespondToMeeting(id: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (response: MeetingResponse) =>
      expectData(
        await client.POST('/api/v1/meetings/{id}/response', {
          params: { path: { id } },
          body: { response },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.meetings }),
  });
}

/** Moves a meeting (its organiser or an admin). */
export function useMoveMeeting(id: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { startsAt: string; outsideWindowReason?: string }) =>
      expectData(await client.POST('/api/v1/meetings/{id}/move', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.meetings }),
  });
}

/** Cancels a meeting (its organiser or an admin). */
export function useCancelMeeting(id: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      expectData(await client.POST('/api/v1/meetings/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.meetings }),
  });
}
