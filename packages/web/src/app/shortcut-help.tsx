import { useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ShortcutContext, useShortcut } from './shortcuts';

/** `?` opens the list of the shortcuts in force; Escape or the button closes it and gives focus back. */
export function ShortcutHelp() {
  const registry = useContext(ShortcutContext);
  const [isOpen, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  useShortcut('?', 'Show keyboard shortcuts', () => {
    returnTo.current = document.activeElement;
    setOpen(true);
  });
  const shortcuts = useSyncExternalStore(
    (onChange) => registry?.subscribe(onChange) ?? (() => undefined),
    () => registry?.list() ?? [],
  );
  useEffect(() => {
    if (isOpen) closeRef.current?.focus();
  }, [isOpen]);
  if (!isOpen) return null;
  const close = () => {
    setOpen(false);
    if (returnTo.current instanceof HTMLElement) returnTo.current.focus();
  };
  return (
    <div
      className="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcut-help-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <dl className="shortcut-list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.key}>
            <dt>
              <kbd>{shortcut.key}</kbd>
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
      </dl>
      <button type="button" ref={closeRef} onClick={close}>
        Close
      </button>
    </div>
  );
}
