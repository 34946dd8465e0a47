// Keyboard movement through a list (`j` next, `k` previous): the items are marked with
// `data-roving-item` and can take focus (`tabIndex={-1}`); the hook registers the two shortcuts and moves
// focus from the focused item (or from the top when none is focused). Any screen can adopt it: the inbox
// for its items, the thread screen for its posts.
import { useCallback } from 'react';
import type { RefObject } from 'react';
import { useShortcut } from '../app/shortcuts';

/** The attribute that marks an item of a roving-focus list. */
export const rovingItemAttribute = 'data-roving-item';

/** Spread on each item: marks it and lets it take focus from script (Tab still goes to its controls). */
export const rovingItemProps = { [rovingItemAttribute]: '', tabIndex: -1 } as const;

/** The items of `container`, in document order. */
export function rovingItems(container: ParentNode | null): HTMLElement[] {
  if (!container) return [];
  return [...container.querySelectorAll<HTMLElement>(`[${rovingItemAttribute}]`)];
}

/** The item that holds the focus (itself or one of its controls), or null. */
export function focusedRovingItem(container: ParentNode | null): HTMLElement | null {
  const active = document.activeElement;
  if (!container || !(active instanceof HTMLElement)) return null;
  const item = active.closest<HTMLElement>(`[${rovingItemAttribute}]`);
  return item && container.contains(item) ? item : null;
}

/**
 * Focuses the item `delta` steps from the focused one (the first or last when none is focused), scrolling it
 * into view only as far as needed. Returns the item focused, or null when the list is empty.
 */
export function moveRovingFocus(container: ParentNode | null, delta: number): HTMLElement | null {
  const items = rovingItems(container);
  if (items.length === 0) return null;
  const current = focusedRovingItem(container);
  const index = current ? items.indexOf(current) : -1;
  const next =
    index === -1
      ? delta > 0
        ? 0
        : items.length - 1
      : Math.min(items.length - 1, Math.max(0, index + delta));
  const item = items[next]!;
  item.focus({ preventScroll: true });
  item.scrollIntoView?.({ block: 'nearest' });
  return item;
}

/**
 * Registers `j` / `k` (or other keys) to move between the items of the list in `containerRef`.
 *
 * @example
 * ```tsx
 * const listRef = useRef<HTMLDivElement>(null);
 * useRovingFocus(listRef, { noun: 'item' });
 * return <div ref={listRef}>{items.map((i) => <article key={i.id} {...rovingItemProps}>…</article>)}</div>;
 * ```
 */
export function useRovingFocus(
  containerRef: RefObject<HTMLElement | null>,
  {
    noun = 'item',
    nextKey = 'j',
    previousKey = 'k',
  }: { noun?: string; nextKey?: string; previousKey?: string } = {},
): { move(delta: number): HTMLElement | null; focused(): HTMLElement | null } {
  const move = useCallback((delta: number) => moveRovingFocus(containerRef.current, delta), [containerRef]);
  const focused = useCallback(() => focusedRovingItem(containerRef.current), [containerRef]);
  useShortcut(nextKey, `Next ${noun}`, () => move(1));
  useShortcut(previousKey, `Previous ${noun}`, () => move(-1));
  return { move, focused };
}
