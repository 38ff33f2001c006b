/**
 * IDs pasted into a box: separated by commas, spaces or line breaks; `#123` and organization links
 * work too. Anything that is not an ID is listed with its place, never dropped quietly.
 */
import { useId, useState } from 'react';
import type { PastedIdsResult } from '../../../../shared/ipc-delete.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { orgport, unwrap } from '../../api.ts';
import { formatCount } from '../jobs/format.ts';
import type { DeleteCandidates } from './delete-draft.ts';

const JUNK_SHOWN = 8;

/** Props of {@link PasteSource}. */
export interface PasteSourceProps {
  readonly onCandidates: (candidates: DeleteCandidates | null) => void;
}

/** The paste box. */
export function PasteSource({ onCandidates }: PasteSourceProps): React.JSX.Element {
  const id = useId();
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<PastedIdsResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const check = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(orgport().parseDeleteIds({ text }));
      setParsed(result);
      onCandidates(result.ids.length > 0 ? { ids: result.ids, source: 'pasted IDs' } : null);
    } catch (failure) {
      setError(failure);
      onCandidates(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="del-source">
      <label htmlFor={`${id}-ids`} className="del-label">
        Organization IDs
      </label>
      <textarea
        id={`${id}-ids`}
        className="del-textarea"
        rows={6}
        placeholder={'123, 456\n#789\nhttps://yourcompany.pipedrive.com/organization/1011'}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setParsed(null);
          onCandidates(null);
        }}
      />
      <p className="help">Separate them with commas, spaces or line breaks. Repeats are counted once.</p>
      <div>
        <button
          type="button"
          className="button"
          disabled={text.trim() === '' || busy}
          onClick={() => void check()}
        >
          Read these IDs
        </button>
      </div>
      <ErrorMessage error={error} title="The IDs could not be read." />
      {parsed ? (
        <div className="del-read" role="status">
          <p>
            <strong>{formatCount(parsed.ids.length)}</strong> distinct IDs
            {parsed.duplicates > 0 ? `, ${formatCount(parsed.duplicates)} repeats left out` : ''}.
          </p>
          {parsed.junk.length > 0 ? (
            <div className="alert alert--warn">
              <strong>
                {formatCount(parsed.junk.length)} {parsed.junk.length === 1 ? 'item is' : 'items are'} not an
                organization ID and will not be used:
              </strong>
              <ul className="del-problems">
                {parsed.junk.slice(0, JUNK_SHOWN).map((junk) => (
                  <li key={`${junk.line}:${junk.column}`}>
                    “{junk.token}” (line {junk.line}, column {junk.column}): {junk.reason}
                  </li>
                ))}
                {parsed.junk.length > JUNK_SHOWN ? (
                  <li>…and {parsed.junk.length - JUNK_SHOWN} more</li>
                ) : null}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
