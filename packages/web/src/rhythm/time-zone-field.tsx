// Time zone search: the browser's IANA zones (Intl.supportedValuesOf), filtered as the person types, in a
// list box; the chosen zone's current time beside it.
import { useId, useMemo, useState } from 'react';

let allZones: string[] | null = null;

/** Every IANA time zone the browser knows, `UTC` included. */
export function supportedTimeZones(): string[] {
  if (!allZones) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    allZones = zones.includes('UTC') ? zones : [...zones, 'UTC'];
  }
  return allZones;
}

const normalise = (text: string) => text.toLowerCase().replaceAll('_', ' ').trim();

/** The zones matching `query` (any part, spaces for underscores, case-insensitive), at most `limit`. */
export function filterTimeZones(zones: readonly string[], query: string, limit = 50): string[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return zones.slice(0, limit);
  return zones.filter((zone) => words.every((word) => normalise(zone).includes(word))).slice(0, limit);
}

function nowIn(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(Date.now());
  } catch {
    return null;
  }
}

/** The time zone field; `error` is the server's message about it, shown next to it. */
export function TimeZoneField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const matches = useMemo(() => filterTimeZones(supportedTimeZones(), query), [query]);
  const options = matches.includes(value) ? matches : [value, ...matches];
  const now = nowIn(value);
  return (
    <div className="field time-zone-field">
      <label htmlFor={`${id}-search`}>Find a time zone</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        autoComplete="off"
        aria-describedby={`${id}-count`}
        onChange={(event) => setQuery(event.target.value)}
      />
      <span id={`${id}-count`} className="hint" role="status">
        {query ? `${matches.length === 50 ? '50 or more' : matches.length} matching time zones` : ''}
      </span>
      <label htmlFor={`${id}-zone`}>Your time zone</label>
      <select
        id={`${id}-zone`}
        size={6}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-now`}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} className="error">
          {error}
        </span>
      ) : (
        <span id={`${id}-now`} className="hint">
          {now ? `Now ${now} there.` : ''}
        </span>
      )}
    </div>
  );
}
