// Server state of an ideation round: the round (phase, my dots left), the ideas I may see, and the
// mutations (add, edit, dots, promote). After each, the round and its ideas are asked again: the server
// orders the ideas and counts my dots.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { subscribeLiveEvents } from '../app/live-events';
import { queryKeys } from '../app/query-keys';
import type { OpenRoundBody } from './types';

/** The round. */
export function useRound(roundId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.ideationRound(roundId),
    queryFn: async () =>
      expectData(await client.GET('/api/v1/ideation-rounds/{id}', { params: { path: { id: roundId } } })),
  });
}

/** Refreshes the round when a live event names it (the reveal: `ideation.revealed`). */
export function useRoundLiveUpdates(roundId: string): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      subscribeLiveEvents((event) => {
        if (event.payload.roundId === roundId)
          void queryClient.invalidateQueries({ queryKey: queryKeys.ideationRound(roundId) });
      }),
    [queryClient, roundId],
  );
}

/** The ideas I may see. */
export function useIdeas(roundId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.ideationIdeas(roundId),
    queryFn: async () =>
      expectData(
        await client.GET('/api/v1/ideation-rounds/{id}/ideas', { params: { path: { id: roundId } } }),
      ),
  });
}

/** What one can do on the board. */
export type IdeaAction =
  | { kind: 'add'; text: string; buildsOn?: string }
  | { kind: 'edit'; ideaId: string; text: string }
  | { kind: 'dots'; ideaId: string; dots: number }
  | { kind: 'promote'; ideaId: string; to: 'thread' | 'decision' };

/** Acts on the round's ideas; answers the promotion for `promote`, else nothing of interest. */
export function useIdeaAction(roundId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: IdeaAction) => {
      const idea = (id: string) => ({ params: { path: { id } } });
      switch (action.kind) {
        case 'add':
          expectData(
            await client.POST('/api/v1/ideation-rounds/{id}/ideas', {
              ...idea(roundId),
              body: { text: action.text, ...(action.buildsOn ? { buildsOn: action.buildsOn } : {}) },
            }),
          );
          return null;
        case 'edit':
          expectData(
            await client.PATCH('/api/v1/ideas/{id}', { ...idea(action.ideaId), body: { text: action.text } }),
          );
          return null;
        case 'dots':
          expectData(
            action.dots > 0
              ? await client.PUT('/api/v1/ideas/{id}/dots', {
                  ...idea(action.ideaId),
                  body: { dots: action.dots },
                })
              : await client.DELETE('/api/v1/ideas/{id}/dots', idea(action.ideaId)),
          );
          return null;
        case 'promote':
          return expectData(
            await client.POST('/api/v1/ideas/{id}/promote', {
              ...idea(action.ideaId),
              body: { to: action.to },
            }),
          );
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.ideationRound(roundId) }),
  });
}

/** Opens a round (from a thread). */
export function useOpenRound() {
  const { client } = useApi();
  return useMutation({
    mutationFn: async (body: OpenRoundBody) =>
      expectData(await client.POST('/api/v1/ideation-rounds', { body })),
  });
}
