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
  return md;
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
  ],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'], code: ['class'] },
  allowedClasses: { code: ['language-*'] },
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
