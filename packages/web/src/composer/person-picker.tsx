// A combobox that picks people from the workspace by name (ARIA 1.2 combobox with a listbox): type to
// filter, arrows to move, Enter to pick, Escape to close. The picked show as removable chips.
import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Person } from './types';

const maxOptions = 8;

/** Picks people; `picked` are ids, shown as chips above the field. */
export function PersonPicker({
  label,
  people,
  picked,
  excluded = [],
  onPick,
  onRemove,
}: {
  label: string;
  people: Person[];
  picked: string[];
  /** Ids never offered (me). */
  excluded?: string[];
  onPick: (id: string) => void;
  onRemove: (id: string) => void;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const needle = query.trim().toLocaleLowerCase();
  const options = people
    .filter((person) => person.deactivatedAt === null)
    .filter((person) => !picked.includes(person.id) && !excluded.includes(person.id))
    .filter((person) => !needle || person.displayName.toLocaleLowerCase().includes(needle))
    .slice(0, maxOptions);
  const expanded = open && options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);
  const pick = (person: Person) => {
    onPick(person.id);
    setQuery('');
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((activeIndex + 1) % Math.max(options.length, 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive((activeIndex - 1 + options.length) % Math.max(options.length, 1));
    } else if (event.key === 'Enter' && expanded) {
      event.preventDefault();
      const person = options[activeIndex];
      if (person) pick(person);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
    }
  };
  const nameOf = (personId: string) =>
    people.find((person) => person.id === personId)?.displayName ?? 'Someone';
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      {picked.length > 0 ? (
        <ul className="chips" aria-label={`${label}: picked`}>
          {picked.map((personId) => (
            <li key={personId} className="chip">
              <span>{nameOf(personId)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${nameOf(personId)}`}
                onClick={() => onRemove(personId)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="picker-field">
        <input
          id={id}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded ? `${listId}-${activeIndex}` : undefined}
          autoComplete="off"
          value={query}
          placeholder="Type a name"
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={label} className="picker-list" hidden={!expanded}>
          {options.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className="picker-option"
              // Before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(person);
              }}
            >
              {person.displayName}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
