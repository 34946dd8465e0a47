import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** The longest markdown the renderer accepts at all; posts are limited further by their schema. */
export const maxRenderLength = 1_000_000;

/** How deeply blocks and inline markup may nest before markdown-it stops nesting (quotes, lists, emphasis). */
export const maxMarkdownNesting = 20;

const linkRel = 'noopener noreferrer nofollow';

// Control characters and whitespace are stripped before the scheme is read, as browsers do, so that
// "\tjavascript:" or "java\u0000script:" cannot pass as a relative link. Only these schemes survive.
const allowedScheme = /^(https?|mailto):/;

/** Whether a link target (already entity-decoded by the parser) may become an `href`. */
export function isAllowedHref(url: string): boolean {
  const compact = url
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .toLowerCase();
  return allowedScheme.test(compact);
}

function createParser(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt('default', {
    html: false,
    linkify: true,
    typographer: false,
    maxNesting: maxMarkdownNesting,
  });
  md.validateLink = isAllowedHref;
  // Images would load from anywhere (tracking pixels); they become plain links to the image instead.
  md.renderer.rules.image = (tokens, idx, _options, _env, self) => {
    const token = tokens[idx]!;
    const src = token.attrGet('src') ?? '';
    const alt = self.renderInlineAsText(token.children ?? [], _options, _env) || src;
    return `<a href="${md.utils.escapeHtml(String(src))}">${md.utils.escapeHtml(String(alt))}</a>`;
  };
  md.core.ruler.push('channel_mention', markChannelMentions);
  md.renderer.rules.channel_mention = (tokens, idx) => {
    const token = tokens[idx]!;
    const kind = md.utils.escapeHtml(String((token.meta as { kind: ChannelMentionKind }).kind));
    return `<span class="mention" data-mention="${kind}">${md.utils.escapeHtml(token.content)}</span>`;
  };
  return md;
}

/** A mention of everyone in the channel, as Slack, Zulip and Mattermost spell it. */
export type ChannelMentionKind = 'channel' | 'all';

// `@channel` or `@all` as a word of its own: not inside an address (`a@all.example`), a longer name
// (`@allison`) or a dotted name (`@all.hands`); a sentence's full stop after it is fine. Any case.
const channelMentionPattern = /(?<![\p{L}\p{N}_@.+-])@(channel|all)(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}_])/giu;

type CoreState = Parameters<Parameters<InstanceType<typeof MarkdownIt>['core']['ruler']['push']>[1]>[0];
type InlineToken = NonNullable<CoreState['tokens'][number]['children']>[number];

/** Splits a text token at its whole-channel mentions; `null` when it has none. */
function splitAtMentions(state: CoreState, token: InlineToken): InlineToken[] | null {
  const text = token.content;
  const parts: InlineToken[] = [];
  let last = 0;
  const pushText = (content: string) => {
    if (content === '') return;
    const t = new state.Token('text', '', 0);
    t.content = content;
    parts.push(t);
  };
  for (const match of text.matchAll(channelMentionPattern)) {
    pushText(text.slice(last, match.index));
    const mention = new state.Token('channel_mention', 'span', 0);
    mention.content = match[0];
    mention.meta = { kind: match[1]!.toLowerCase() as ChannelMentionKind };
    parts.push(mention);
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return null;
  pushText(text.slice(last));
  return parts;
}

// A core rule after the inline parse: mentions in plain text become `channel_mention` tokens; code spans,
// code blocks and link texts are left alone (a mention there is quoted, not meant).
function markChannelMentions(state: CoreState): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: InlineToken[] = [];
    let linkDepth = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') linkDepth++;
      if (token.type === 'link_close') linkDepth--;
      const parts = token.type === 'text' && linkDepth === 0 ? splitAtMentions(state, token) : null;
      if (parts) out.push(...parts);
      else out.push(token);
    }
    block.children = out;
  }
}

const parser = createParser();

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    // Only the renderer makes spans (raw HTML is off): whole-channel mentions.
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    ol: ['start'],
    code: ['class'],
    span: ['class', 'data-mention'],
  },
  allowedClasses: { code: ['language-*'], span: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href;
      const safe: Record<string, string> = href !== undefined && isAllowedHref(href) ? { href } : {};
      return { tagName, attribs: { ...safe, rel: linkRel } };
    },
  },
};

/**
 * Renders post markdown to safe HTML: markdown-it without raw HTML, with linkify, then an allow-list
 * sanitizer as a second wall. Links keep only http, https and mailto targets and get
 * `rel="noopener noreferrer nofollow"`; images become links; nesting is capped by {@link maxMarkdownNesting}.
 *
 * @throws RangeError when the markdown is longer than {@link maxRenderLength}.
 */
export function renderMarkdown(markdown: string): string {
  if (markdown.length > maxRenderLength) throw new RangeError('markdown too long to render');
  return sanitizeHtml(parser.render(markdown), sanitizeOptions);
}

/**
 * The whole-channel mentions (`@channel`, `@all`) a post's markdown makes, each kind once, as the rendered
 * HTML marks them: never inside code or a link's text.
 *
 * @example
 * findChannelMentions('Heads up @channel: the deploy moves'); // ['channel']
 * findChannelMentions('`@all` is how Slack spells it');       // []
 */
export function findChannelMentions(markdown: string): ChannelMentionKind[] {
  if (markdown.length > maxRenderLength) throw new RangeError('markdown too long to render');
  const found = new Set<ChannelMentionKind>();
  for (const block of parser.parse(markdown, {}))
    for (const token of block.children ?? [])
      if (token.type === 'channel_mention') found.add((token.meta as { kind: ChannelMentionKind }).kind);
  return [...found];
}
