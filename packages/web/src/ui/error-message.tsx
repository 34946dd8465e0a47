/** An error, announced to screen readers; renders nothing without one. Text only, never HTML. */
export function ErrorMessage({ error }: { error: Error | null | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error.message}
    </p>
  );
}
