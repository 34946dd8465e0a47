import { describe, expect, it } from 'vitest';
import { findChannelMentions, renderMarkdown } from './post.markdown.js';

/** BAD_INPUT row 9: payloads that must never execute. */
export const xssPayloads = [
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](\tjavascript:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript&#58;alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](java\u0000script:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '<javascript:alert(1)>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '[x](https://ok.example/"onmouseover="alert(1))',
  '[x](https://ok.example/ "title\\" onmouseover=alert(1)")',
  '`<script>`  **<b onclick=alert(1)>**',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  '```html\n<script>alert(1)</script>\n```',
];

function assertSafe(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(img|svg|iframe|object|embed|style|form|input)/i);
  expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  // Only attributes inside tags matter; escaped text may well read `href="javascript:…"`.
  for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
    expect(href).toMatch(/^(https?:|mailto:)/);
  }
}

describe('renderMarkdown', () => {
  it('renders markdown to HTML', () => {
    expect(renderMarkdown('# Hi\n\n**bold** and `code`')).toBe(
      '<h1>Hi</h1>\n<p><strong>bold</strong> and <code>code</code></p>\n',
    );
  });

  it('lets only http, https and mailto links through, with rel="noopener noreferrer nofollow"', () => {
    expect(renderMarkdown('[a](https://example.com) <mailto:a@example.com> see https://example.org/x')).toBe(
      '<p><a href="https://example.com" rel="noopener noreferrer nofollow">a</a> ' +
        '<a href="mailto:a@example.com" rel="noopener noreferrer nofollow">mailto:a@example.com</a> see ' +
        '<a href="https://example.org/x" rel="noopener noreferrer nofollow">https://example.org/x</a></p>\n',
    );
    expect(renderMarkdown('[a](ftp://example.com) [b](/relative) [c](#top)')).toBe(
      '<p>[a](ftp://example.com) [b](/relative) [c](#top)</p>\n',
    );
  });

  it.each(xssPayloads)('neutralises %j', (payload) => {
    const html = renderMarkdown(payload);
    assertSafe(html);
    expect(html.toLowerCase()).not.toMatch(/<a\s[^>]*href="\s*(javascript|data|vbscript):/);
  });

  it('shows raw HTML as text rather than dropping or passing it', () => {
    expect(renderMarkdown('<b>hi</b>')).toBe('<p>&lt;b&gt;hi&lt;/b&gt;</p>\n');
  });

  it('turns images into plain links, so nothing loads from elsewhere', () => {
    expect(renderMarkdown('![cat](https://example.com/cat.png)')).toBe(
      '<p><a href="https://example.com/cat.png" rel="noopener noreferrer nofollow">cat</a></p>\n',
    );
  });

  it('refuses text beyond its length limit', () => {
    expect(() => renderMarkdown('x'.repeat(1_000_001))).toThrow(RangeError);
  });
});

// BAD_INPUT rows 7 and 8: inputs that make naive parsers quadratic. These tests check what comes out; how
// long they take (CPU time per 100 KB, against plain markdown-it) is measured by `npm run bench` (server,
// section `markdown`). A quadratic renderer would take minutes here and fail on the test timeout.
describe('renderMarkdown on pathological input', () => {
  it.each([
    ['`*`×50k then x', '*'.repeat(50_000) + 'x', /x<\/p>$/],
    ['`_`×50k then x', '_'.repeat(50_000) + 'x', /x<\/p>$/],
    // markdown-it stops nesting at its limit, so the innermost text is dropped, not the server.
    ['50k nested quotes', '>'.repeat(50_000) + ' x', /^<blockquote>/],
    ['50k unclosed brackets', '['.repeat(50_000), /^<p>\[+<\/p>$/],
    ['nested emphasis', '*a **b '.repeat(10_000), /<em>|<strong>|\*a/],
  ])('renders %s', (_name, input, shape) => {
    const html = renderMarkdown(input).trim();
    expect(html).toMatch(shape);
    expect(html).not.toMatch(/<(script|iframe|object)/i);
  });

  it('renders 20k list items as one list', () => {
    const html = renderMarkdown('- a\n'.repeat(20_000));
    expect(html.match(/<li>/g)).toHaveLength(20_000);
    expect(html.match(/<ul>/g)).toHaveLength(1);
  });
});

describe('whole-channel mentions', () => {
  it.each([
    ['Heads up @channel: deploy at 15:00', ['channel']],
    ['@All, @all and @channel.', ['all', 'channel']],
    ['**@all** read this', ['all']],
    ['> @channel in a quote', ['channel']],
    ['`@channel` in code', []],
    ['```\n@all\n```', []],
    ['[@all](https://example.com) as a link text', []],
    ['mail ops@all.example', []],
    ['@allison and @channels and @all.hands', []],
    ['no mention at all', []],
  ])('finds the whole-channel mentions of %j', (markdown, expected) => {
    expect(findChannelMentions(markdown)).toEqual(expected);
  });

  it('marks a whole-channel mention in the HTML, and nothing else becomes a span', () => {
    expect(renderMarkdown('Hi @channel!')).toBe(
      '<p>Hi <span class="mention" data-mention="channel">@channel</span>!</p>\n',
    );
    const html = renderMarkdown('<span class="mention" data-mention="x" onclick="alert(1)">@all</span>');
    expect(html).not.toMatch(/<span[^>]*onclick/);
    expect(html).toContain('&lt;span');
    expect(html).toContain('<span class="mention" data-mention="all">@all</span>');
  });
});
