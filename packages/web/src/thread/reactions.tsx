// Reactions on a post: the ones given, as toggle buttons, and a menu to add another.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import type { Post } from '../composer/types';
import { ErrorMessage } from '../ui/error-message';

/** The reactions the server allows (posts/post.domain.ts), their glyph and their name in words. */
export const reactionChoices = [
  { emoji: '+1', glyph: '👍', name: 'thumbs up' },
  { emoji: '-1', glyph: '👎', name: 'thumbs down' },
  { emoji: 'heart', glyph: '❤️', name: 'heart' },
  { emoji: 'tada', glyph: '🎉', name: 'celebrate' },
  { emoji: 'laugh', glyph: '😄', name: 'laugh' },
  { emoji: 'eyes', glyph: '👀', name: 'eyes' },
  { emoji: 'rocket', glyph: '🚀', name: 'rocket' },
  { emoji: 'thinking', glyph: '🤔', name: 'thinking' },
  { emoji: 'pray', glyph: '🙏', name: 'thanks' },
  { emoji: 'clap', glyph: '👏', name: 'clap' },
  { emoji: 'check', glyph: '✅', name: 'check' },
  { emoji: 'question', glyph: '❓', name: 'question' },
] as const;

type Emoji = (typeof reactionChoices)[number]['emoji'];

const choiceOf = (emoji: string) => reactionChoices.find((choice) => choice.emoji === emoji);

/** The reactions of `post`, each a button that adds or removes mine, and "React" to add another. */
export function Reactions({ post }: { post: Post }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: async ({ emoji, add }: { emoji: Emoji; add: boolean }) => {
      const params = { params: { path: { id: post.id, emoji } } };
      return expectData(
        add
          ? await client.PUT('/api/v1/posts/{id}/reactions/{emoji}', params)
          : await client.DELETE('/api/v1/posts/{id}/reactions/{emoji}', params),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.threadPosts(post.threadId) }),
  });
  const given = post.reactions.filter((reaction) => reaction.count > 0);
  const unused = reactionChoices.filter(
    (choice) => !given.some((reaction) => reaction.emoji === choice.emoji && reaction.reactedByMe),
  );
  return (
    <div className="reactions">
      {given.map((reaction) => {
        const choice = choiceOf(reaction.emoji);
        const name = choice?.name ?? reaction.emoji;
        return (
          <button
            key={reaction.emoji}
            type="button"
            className="reaction"
            aria-pressed={reaction.reactedByMe}
            aria-label={`${name}: ${reaction.count}${reaction.reactedByMe ? ', yours included' : ''}`}
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({ emoji: reaction.emoji as Emoji, add: !reaction.reactedByMe })}
          >
            <span aria-hidden="true">{choice?.glyph ?? reaction.emoji}</span> {reaction.count}
          </button>
        );
      })}
      <details className="reaction-menu">
        <summary>React</summary>
        <div className="reaction-choices">
          {unused.map((choice) => (
            <button
              key={choice.emoji}
              type="button"
              aria-label={`React with ${choice.name}`}
              disabled={toggle.isPending}
              onClick={(event) => {
                event.currentTarget.closest('details')?.removeAttribute('open');
                toggle.mutate({ emoji: choice.emoji, add: true });
              }}
            >
              <span aria-hidden="true">{choice.glyph}</span>
            </button>
          ))}
        </div>
      </details>
      <ErrorMessage error={toggle.error} />
    </div>
  );
}
