/** A polite loading note (a screen's chunk or its data on the way). */
export function Loading({ what = 'Loading…' }: { what?: string }) {
  return (
    <p className="muted" role="status">
      {what}
    </p>
  );
}
