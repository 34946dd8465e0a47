// Dates on the settings screen (sessions and tokens come as epoch milliseconds), through `Intl`.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "26 Nov 2026, 20:22" in the viewer's zone and locale. */
export function formatDateTime(ms: number): string {
  return dateTime.format(new Date(ms));
}

/** The instant as the `dateTime` attribute of a `<time>` element. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
