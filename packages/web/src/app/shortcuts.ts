// The keyboard-shortcut registry: screens register single keys (`j`, `k`, `e`, `r`…) while mounted; `?`
// lists what is registered now. Keys typed into a field, or with Ctrl/Alt/Meta, are never taken.
import { createContext, useContext, useEffect, useRef } from 'react';

/** One shortcut: the key (as `KeyboardEvent.key`), what it does in words, and the handler. */
export interface Shortcut {
  key: string;
  description: string;
  run: () => void;
}

/** Holds the shortcuts in force; the most recently registered one wins a key. */
export class ShortcutRegistry {
  private entries: Shortcut[] = [];
  private current: Shortcut[] = [];
  private listeners = new Set<() => void>();

  /** Adds a shortcut; returns the function that removes it. */
  register(shortcut: Shortcut): () => void {
    this.entries = [...this.entries, shortcut];
    this.notify();
    return () => {
      this.entries = this.entries.filter((entry) => entry !== shortcut);
      this.notify();
    };
  }

  /** The shortcuts in force, one per key, for the `?` list; the same array until the list changes. */
  list(): Shortcut[] {
    return this.current;
  }

  /** Runs the shortcut for this key press; returns whether one ran. */
  handle(event: KeyboardEvent): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return false;
    if (isTypingTarget(event.target)) return false;
    const shortcut = this.entries.findLast((entry) => entry.key === event.key);
    if (!shortcut) return false;
    event.preventDefault();
    shortcut.run();
    return true;
  }

  /** Calls `onChange` whenever the list changes; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }

  private notify(): void {
    const byKey = new Map<string, Shortcut>();
    for (const entry of this.entries) byKey.set(entry.key, entry);
    this.current = [...byKey.values()];
    for (const listener of this.listeners) listener();
  }
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** The registry of the running app (the shell provides it). */
export const ShortcutContext = createContext<ShortcutRegistry | null>(null);

/**
 * Registers a shortcut while the calling component is mounted.
 *
 * @example
 * ```tsx
 * useShortcut('j', 'Next item', () => move(+1));
 * ```
 */
export function useShortcut(key: string, description: string, run: () => void): void {
  const registry = useContext(ShortcutContext);
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    if (!registry) return undefined;
    return registry.register({ key, description, run: () => latest.current() });
  }, [registry, key, description]);
}
