import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/**
 * A screen's `<h1>`: sets the document title, and takes focus when the screen opens so that a screen
 * reader announces the new screen and Tab starts from it.
 */
export function ScreenHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Meanwhile`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}
