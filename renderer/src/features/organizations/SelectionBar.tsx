/**
 * The selection, always in view above the table: how many organizations are ticked, "select all N
 * matching" (every match of the filter, read page by page from Pipedrive, not just the rows on screen),
 * clear, and the way into the delete preview.
 */
import { useRef, useState } from 'react';
import type { BrowseProgress } from '../../../../shared/ipc-delete.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { orgport, unwrap } from '../../api.ts';
import { formatCount } from '../jobs/format.ts';

/** Props of {@link SelectionBar}. */
export interface SelectionBarProps {
  readonly sessionId: string | null;
  readonly progress: BrowseProgress | null;
  readonly count: number;
  readonly report: (sessionId: string, progress: BrowseProgress) => void;
  readonly onSelectAll: (ids: ReadonlyArray<number>) => void;
  readonly onClear: () => void;
  readonly onDelete: () => void;
}

/** The selection bar. */
export function SelectionBar(props: SelectionBarProps): React.JSX.Element {
  const { sessionId, progress, count } = props;
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const stop = useRef(false);

  const selectAll = async (): Promise<void> => {
    if (!sessionId) return;
    setRunning(true);
    setError(null);
    stop.current = false;
    try {
      let done = progress?.complete === true;
      while (!done) {
        const next = await unwrap(orgport().advanceBrowse({ sessionId }));
        props.report(sessionId, next);
        done = next.complete;
        if (stop.current) return;
      }
      props.onSelectAll(await unwrap(orgport().browseIds({ sessionId })));
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(false);
    }
  };

  const matching = progress?.complete ? formatCount(progress.loaded) : null;
  return (
    <div className="orgs-selection" role="region" aria-label="Selection">
      <p className="orgs-selection__count" aria-live="polite" data-testid="selection-count">
        <strong>{formatCount(count)}</strong> selected
      </p>
      {running ? (
        <span className="orgs-selection__working" role="status">
          Finding every match… {formatCount(progress?.loaded ?? 0)} so far (
          {formatCount(progress?.scanned ?? 0)} looked at)
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              stop.current = true;
            }}
          >
            Stop
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button button--small"
          disabled={!sessionId || progress?.loaded === 0}
          onClick={() => void selectAll()}
        >
          {matching === null ? 'Select all matching' : `Select all ${matching} matching`}
        </button>
      )}
      <button
        type="button"
        className="button button--small button--quiet"
        disabled={count === 0}
        onClick={props.onClear}
      >
        Clear selection
      </button>
      <span className="orgs-selection__spacer" />
      <button
        type="button"
        className="button button--danger"
        disabled={count === 0 || running}
        onClick={props.onDelete}
      >
        Delete selected…
      </button>
      <ErrorMessage error={error} title="Not every match could be found." />
    </div>
  );
}
