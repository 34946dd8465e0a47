// The server's field errors (`errors: [{ path, message }]` of a problem document) sorted to the fields of a
// form, so that each is shown next to its field ("body.rhythm.timeZone: not a time zone").
import { ApiError } from '../app/api-client';

/**
 * For each field, the server's errors whose path starts with one of its prefixes, as `"path: message"`;
 * `other` holds the rest (and the whole message when the server named no field).
 *
 * @example
 * ```ts
 * const errors = fieldErrors(save.error, { timeZone: ['body.rhythm.timeZone'] });
 * <TimeZoneField error={errors.timeZone} />
 * ```
 */
export function fieldErrors<F extends string>(
  error: unknown,
  fields: Record<F, readonly string[]>,
): Partial<Record<F | 'other', string>> {
  const out: Partial<Record<F | 'other', string>> = {};
  if (!error) return out;
  if (!(error instanceof ApiError)) {
    out.other = error instanceof Error ? error.message : String(error);
    return out;
  }
  const details = error.problem.errors ?? [];
  const add = (key: F | 'other', text: string) => {
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
  };
  for (const detail of details) {
    const path = detail.path ?? '';
    const text = path ? `${path}: ${detail.message ?? ''}` : (detail.message ?? '');
    const field = (Object.keys(fields) as F[]).find((key) =>
      fields[key].some(
        (prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`),
      ),
    );
    add(field ?? 'other', text);
  }
  if (details.length === 0) add('other', error.message);
  return out;
}
