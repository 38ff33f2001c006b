/**
 * The last step: type the number of organizations to delete. The button stays disabled until the
 * number typed is exactly that number, so no single click — and no stray Enter — can delete anything.
 */
import { useId, useState } from 'react';
import { formatCount } from '../jobs/format.ts';

/** Props of {@link ConfirmDelete}. */
export interface ConfirmDeleteProps {
  readonly count: number;
  readonly busy: boolean;
  readonly onConfirm: (typed: number) => void;
}

/** Reads a typed whole number, with or without thousands separators (`1234`, `1,234`, `1 234`). */
export function typedNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$|^\d{1,3}(?:[,\s\u00a0\u202f]\d{3})+$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(/\D/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

/** The typed confirmation and the Delete button. */
export function ConfirmDelete({ count, busy, onConfirm }: ConfirmDeleteProps): React.JSX.Element {
  const id = useId();
  const [typed, setTyped] = useState('');
  const value = typedNumber(typed);
  const matches = count > 0 && value === count;
  const noun = count === 1 ? 'organization' : 'organizations';
  return (
    <form
      className="del-confirm"
      onSubmit={(event) => {
        event.preventDefault();
        if (matches && !busy && value !== null) onConfirm(value);
      }}
    >
      <label htmlFor={`${id}-count`} className="del-label">
        {count === 1 ? 'To delete this organization' : `To delete these ${formatCount(count)} ${noun}`}, type{' '}
        {count} below
      </label>
      <div className="del-confirm__row">
        <input
          id={`${id}-count`}
          className="del-input del-confirm__input"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="button button--danger" disabled={!matches || busy}>
          {busy ? 'Starting…' : `Delete ${formatCount(count)} ${noun}`}
        </button>
      </div>
      <p id={`${id}-hint`} className="help" aria-live="polite">
        {typed.trim() === ''
          ? 'The button stays disabled until the number matches.'
          : matches
            ? 'The number matches. The backup is written first, then the organizations are deleted.'
            : `That is not ${count}: check the list above and type the number of organizations to be deleted.`}
      </p>
    </form>
  );
}
