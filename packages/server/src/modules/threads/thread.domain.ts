/** The longest thread title, in characters after trimming. */
export const maxThreadTitleLength = 200;

/**
 * A title suggested from the first line of a post (PRODUCT.md "Cheap titles"): markdown markers stripped,
 * whitespace collapsed, cut at a word boundary to fit. Empty when the post has no words.
 */
export function suggestTitle(markdown: string): string {
  const firstLine = markdown.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
  const plain = firstLine
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d{1,9}[.)])\s+/, '')
    .replace(/[*_`~[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxThreadTitleLength) return plain;
  const cut = plain.slice(0, maxThreadTitleLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}
