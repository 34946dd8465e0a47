import { useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';

/**
 * A secret shown once (a new token, an invitation link): its title, the value in a read-only field, a Copy
 * button that falls back to selecting the value where there is no clipboard, and Done to dismiss it.
 *
 * @example
 * ```tsx
 * <SecretOnce title="Token created." label="The new token" value={token} what="the token" onDone={close} />
 * ```
 */
export function SecretOnce({
  title,
  label,
  value,
  what,
  copyLabel = 'Copy',
  onDone,
}: {
  /** What was created and how long the value works. */
  title: ReactNode;
  /** The field's accessible name. */
  label: string;
  value: string;
  /** The value as the fallback note names it, e.g. “the token”. */
  what: string;
  copyLabel?: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a refused permission): select it for Ctrl+C instead.
      valueRef.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="token-secret" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="token-secret-title">
        {title}
      </p>
      <div className="token-secret-row">
        <label htmlFor={`${id}-value`} className="visually-hidden">
          {label}
        </label>
        <input
          ref={valueRef}
          id={`${id}-value`}
          className="token-secret-value"
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="primary" onClick={() => void copy()}>
          {copyLabel}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
      <p role="status" className="hint">
        {copied === 'yes' ? 'Copied to the clipboard.' : null}
        {copied === 'no' ? `Could not copy: ${what} is selected, press Ctrl+C or ⌘C.` : null}
      </p>
    </div>
  );
}
