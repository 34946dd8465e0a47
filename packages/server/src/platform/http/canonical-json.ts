/**
 * JSON text of a value with object keys sorted at every level, so that two bodies that differ only in
 * key order (or whitespace) give the same text. Used to fingerprint requests.
 */
export function toCanonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, node: unknown) => {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(node).sort()) sorted[key] = (node as Record<string, unknown>)[key];
      return sorted;
    }) ?? ''
  );
}
