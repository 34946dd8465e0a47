import { useId } from 'react';
import type { InputHTMLAttributes } from 'react';

/** A labelled input with an optional hint; every other prop goes to the `<input>`. */
export function TextField({
  label,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      <input id={id} aria-describedby={hint ? hintId : undefined} {...input} />
    </div>
  );
}
