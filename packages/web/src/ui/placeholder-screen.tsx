import type { ReactNode } from 'react';
import { ScreenHeading } from './screen-heading';

/** A screen that is routed but not built yet: says what will be here. */
export function PlaceholderScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="screen">
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <p className="muted">{children}</p>
    </section>
  );
}
