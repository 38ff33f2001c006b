/**
 * Step 2, Check: every row converted and planned against Pipedrive — what will happen, what it costs,
 * and the grid to find and fix bad cells in place (the engine checks each fix again and the counts
 * follow). "Import N rows" starts the job with exactly what is shown, fixes included.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImportChoicesView, ImportOpened } from '../../../../shared/ipc-import.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorMessage } from '../../api.ts';
import { useNotify } from '../../notifications/useNotify.ts';
import { formatCount } from '../jobs/format.ts';
import { pinSettings } from './choices.ts';
import { IssueList } from './IssueList.tsx';
import { updateDraft } from './import-draft.ts';
import { useEditCell, useStartImport } from './mutations.ts';
import { OutcomeSummary } from './OutcomeSummary.tsx';
import { PreviewGrid } from './PreviewGrid.tsx';
import { importKeys } from './queries.ts';
import type { PreviewState } from './usePreview.ts';

/** Props of {@link CheckStep}. */
export interface CheckStepProps {
  readonly opened: ImportOpened;
  readonly choices: ImportChoicesView;
  readonly preview: PreviewState;
}

/** The Check step. */
export function CheckStep({ opened, choices, preview: state }: CheckStepProps): React.JSX.Element {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const client = useQueryClient();
  const notify = useNotify();
  const edit = useEditCell();
  const start = useStartImport();
  const preview = state.preview;
  const sessionId = opened.sessionId;

  const onEdit = async (rowNumber: number, column: string, text: string | null): Promise<void> => {
    try {
      const result = await edit.mutateAsync({ sessionId, rowNumber, column, text });
      state.afterEdit(result.preview);
      await client.invalidateQueries({ queryKey: importKeys.sessionRows(sessionId) });
    } catch (error) {
      notify({ tone: 'error', message: errorMessage(error) });
    }
  };

  const toSend = preview ? preview.outcomes.create + preview.outcomes.update + preview.outcomes.pending : 0;
  const canStart =
    preview !== null &&
    preview.ready &&
    !state.loading &&
    toSend > 0 &&
    (preview.mode === 'create' || preview.matched);

  return (
    <>
      <section className="card" aria-labelledby="check-title">
        <h2 id="check-title">Check before sending</h2>
        {preview ? (
          <OutcomeSummary preview={preview} matching={state.loading} />
        ) : (
          <p className="muted">{state.loading ? 'Checking every row…' : ''}</p>
        )}
        <ErrorMessage error={state.error} title="The preview could not be made." />
        {preview ? <IssueList issues={preview.issues} /> : null}
      </section>
      <section className="card card--grid" aria-labelledby="rows-title">
        <div className="grid-toolbar">
          <h2 id="rows-title">Rows</h2>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={problemsOnly}
              onChange={(e) => setProblemsOnly(e.target.checked)}
            />
            <span>Rows with problems only{preview ? ` (${formatCount(preview.problemRows)})` : ''}</span>
          </label>
          {state.loading ? <span className="help">Updating…</span> : null}
        </div>
        {preview ? (
          <PreviewGrid
            sessionId={sessionId}
            stamp={state.stamp}
            problemsOnly={problemsOnly}
            count={problemsOnly ? preview.problemRows : preview.rows}
            headers={opened.file.headers}
            summaries={preview.columns}
            onEdit={onEdit}
          />
        ) : null}
      </section>
      <div className="step-actions">
        <button
          type="button"
          className="button"
          onClick={() => updateDraft((d) => ({ ...d, step: 'columns' }))}
        >
          ← Columns
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!canStart || start.isPending}
          onClick={() =>
            start.mutate(
              { sessionId, choices },
              {
                onSuccess: (job) =>
                  updateDraft((d) => ({
                    ...d,
                    jobId: job.id,
                    step: 'run',
                    // Kept for "Fix the failed rows here", which reads them as this import did.
                    choices: preview ? pinSettings(choices, preview.columns) : choices,
                  })),
              },
            )
          }
        >
          {start.isPending ? 'Starting…' : `Import ${formatCount(toSend)} ${toSend === 1 ? 'row' : 'rows'}`}
        </button>
        {preview && preview.problemRows > 0 ? (
          <span className="help">
            Rows with problems are not sent; they go to the failed-rows report, ready to fix and import again.
          </span>
        ) : null}
      </div>
      <ErrorMessage error={start.error} title="The import did not start." />
    </>
  );
}
