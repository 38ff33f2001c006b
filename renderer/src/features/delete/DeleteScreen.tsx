/**
 * Bulk delete: choose the IDs (selected in Organizations, a file column, pasted, a saved list),
 * preview exactly what would be deleted (and what does not exist), then type the number to confirm.
 * The job starts with the previewed IDs and nothing else; the job panel shows the backup, then the
 * deleting, then the report and the backup file.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { DeletePreviewResult } from '../../../../shared/ipc-delete.ts';
import { MAX_DELETE_IDS } from '../../../../shared/ipc-delete.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { routeHref } from '../../routing.ts';
import { activeConnectionQuery } from '../connections/queries.ts';
import { formatCount } from '../jobs/format.ts';
import { clearSelection } from '../organizations/browse-state.ts';
import { ConfirmDelete } from './ConfirmDelete.tsx';
import { handOver, useHandedOver, type DeleteCandidates } from './delete-draft.ts';
import { deleteSpec, usePreviewDelete, useStartDelete } from './mutations.ts';
import { PreviewSummary } from './PreviewSummary.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { SourcePicker, type SourceKind } from './SourcePicker.tsx';
import './delete.css';

/** A preview together with what it was made from, so a change of either makes it stale. */
interface ShownPreview {
  readonly preview: DeletePreviewResult;
  readonly candidates: DeleteCandidates;
  readonly skipOpenDeals: boolean;
  readonly companyId: number;
}

/** The Bulk delete screen. */
export function DeleteScreen(): React.JSX.Element {
  const active = useQuery(activeConnectionQuery()).data ?? null;
  const handedOver = useHandedOver();
  const [kind, setKind] = useState<SourceKind>(handedOver ? 'selection' : 'paste');
  const [candidates, setCandidatesState] = useState<DeleteCandidates | null>(null);
  const [skipOpenDeals, setSkipOpenDeals] = useState(false);
  const [shown, setShown] = useState<ShownPreview | null>(null);
  const [started, setStarted] = useState<number | null>(null);
  const preview = usePreviewDelete();
  const start = useStartDelete();

  const setCandidates = useCallback((next: DeleteCandidates | null) => {
    setCandidatesState(next);
    setShown(null);
  }, []);

  if (!active) {
    return (
      <div className="screen">
        <h1>Bulk delete</h1>
        <p className="empty">
          Connect first:{' '}
          <a href={routeHref({ screen: 'connections' })}>choose the sandbox or your Pipedrive company</a>.
        </p>
      </div>
    );
  }
  const companyId = active.account.company.id;
  // A preview made for another company, list or option is not the one to confirm.
  const current =
    shown &&
    shown.candidates === candidates &&
    shown.skipOpenDeals === skipOpenDeals &&
    shown.companyId === companyId
      ? shown
      : null;
  const tooMany = (candidates?.ids.length ?? 0) > MAX_DELETE_IDS;

  const runPreview = (): void => {
    if (!candidates) return;
    setStarted(null);
    const made = { candidates, skipOpenDeals, companyId };
    preview.mutate(
      { ids: candidates.ids, skipOpenDeals },
      { onSuccess: (result) => setShown({ ...made, preview: result }) },
    );
  };

  return (
    <div className="screen">
      <header className="screen__header">
        <h1>Bulk delete</h1>
        <p className="muted">
          Delete organizations of <strong>{active.account.company.name}</strong> from a list. You see exactly
          what will be deleted before anything happens, a backup is written first, and you get a report.
        </p>
      </header>

      <section className="card del-step" aria-labelledby="del-step-1">
        <h2 id="del-step-1">1. Which organizations</h2>
        <SourcePicker kind={kind} handedOver={handedOver} onKind={setKind} onCandidates={setCandidates} />
        <label className="del-check">
          <input
            type="checkbox"
            checked={skipOpenDeals}
            onChange={(event) => {
              setSkipOpenDeals(event.target.checked);
              setShown(null);
            }}
          />
          Leave out organizations that still have open deals
        </label>
        {tooMany ? (
          <p className="alert alert--error" role="alert">
            {formatCount(candidates?.ids.length ?? 0)} IDs is more than one delete takes (
            {formatCount(MAX_DELETE_IDS)}); split the list.
          </p>
        ) : null}
        <div className="form__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={!candidates || tooMany || preview.isPending}
            onClick={runPreview}
          >
            {preview.isPending
              ? `Looking up ${formatCount(candidates?.ids.length ?? 0)} organizations…`
              : candidates
                ? `Preview ${formatCount(candidates.ids.length)} organizations`
                : 'Preview'}
          </button>
        </div>
        <ErrorMessage error={preview.error} title="The preview could not be made." />
      </section>

      {current ? (
        <section className="card del-step" aria-labelledby="del-step-2">
          <h2 id="del-step-2">2. Check the list</h2>
          <PreviewSummary preview={current.preview} />
          <PreviewTable preview={current.preview} />
        </section>
      ) : null}

      {current ? (
        <section className="card del-step del-step--danger" aria-labelledby="del-step-3">
          <h2 id="del-step-3">3. Confirm</h2>
          {current.preview.totals.willDelete === 0 ? (
            <p>Nothing to delete: none of these IDs is an organization that can be deleted.</p>
          ) : (
            <ConfirmDelete
              key={current.preview.idsToDelete.join(',').slice(0, 200) + current.preview.totals.willDelete}
              count={current.preview.totals.willDelete}
              busy={start.isPending}
              onConfirm={(typed) =>
                start.start(
                  deleteSpec(current.preview, typed, current.skipOpenDeals, current.candidates.source),
                  {
                    onSuccess: () => {
                      setStarted(current.preview.totals.willDelete);
                      setShown(null);
                      if (current.candidates === handedOver) {
                        // Those organizations are going: the Organizations screen starts afresh.
                        handOver(null);
                        clearSelection();
                      }
                    },
                  },
                )
              }
            />
          )}
          <ErrorMessage error={start.error} title="The delete did not start." />
        </section>
      ) : null}

      {started !== null ? (
        <p className="alert alert--success" role="status">
          The delete of {formatCount(started)} organizations has started: the backup is written first, then
          they are deleted. Follow it below; the report and the backup file are linked there when it ends.
        </p>
      ) : null}
    </div>
  );
}
