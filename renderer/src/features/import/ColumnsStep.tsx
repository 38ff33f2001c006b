/**
 * Step 1, Columns: the file as read (with controls to read it otherwise), the mapping table with
 * profiles, and what to do with each row. The cells are converted as the mapping changes, so each
 * column shows how many of its values convert before the rows are checked in detail.
 */
import type { ImportChoicesView, ImportOpened, ImportReadChoice } from '../../../../shared/ipc-import.ts';
import type { ColumnSettings } from '../../../../shared/values/index.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatCount } from '../jobs/format.ts';
import { mappingConflicts } from './choices.ts';
import { FileSummary } from './FileSummary.tsx';
import { IssueList } from './IssueList.tsx';
import { updateDraft, type ImportDraft } from './import-draft.ts';
import { MappingTable } from './MappingTable.tsx';
import { ModeAndMatch } from './ModeAndMatch.tsx';
import { ProfileBar } from './ProfileBar.tsx';
import type { PreviewState } from './usePreview.ts';

/** Props of {@link ColumnsStep}. */
export interface ColumnsStepProps {
  readonly draft: ImportDraft;
  readonly opened: ImportOpened;
  readonly choices: ImportChoicesView;
  readonly preview: PreviewState;
  readonly onReread: (read: ImportReadChoice) => void;
}

function changeChoices(change: (choices: ImportChoicesView) => ImportChoicesView): void {
  updateDraft((d) => (d.choices ? { ...d, choices: change(d.choices) } : d));
}

/** The Columns step. */
export function ColumnsStep({
  draft,
  opened,
  choices,
  preview: state,
  onReread,
}: ColumnsStepProps): React.JSX.Element {
  const preview = state.preview;
  const conflicts = mappingConflicts(choices.mapping);
  const blocking = preview?.issues.some((i) => i.level === 'error') ?? false;
  const canGo = conflicts.size === 0 && !blocking && preview !== null && !state.loading;

  const setTarget = (column: string, target: string | null): void => {
    updateDraft((d) =>
      d.choices
        ? {
            ...d,
            choices: { ...d.choices, mapping: { ...d.choices.mapping, [column]: target } },
            touched: { ...d.touched, [column]: 'you' },
          }
        : d,
    );
  };
  const setSettings = (column: string, settings: Partial<ColumnSettings>): void =>
    changeChoices((c) => ({
      ...c,
      settings: { ...c.settings, [column]: { ...c.settings[column], ...settings } },
    }));

  return (
    <>
      <FileSummary
        key={opened.sessionId}
        file={opened.file}
        read={draft.read}
        busy={draft.opening}
        onReread={onReread}
      />
      <ErrorMessage error={draft.openError} title="The file could not be read that way." />
      <ProfileBar opened={opened} choices={choices} />
      <MappingTable
        opened={opened}
        choices={choices}
        touched={draft.touched}
        summaries={preview?.columns ?? null}
        onTarget={setTarget}
        onSettings={setSettings}
      />
      <ModeAndMatch
        choices={choices}
        targets={opened.targets}
        onChange={(change) => changeChoices((c) => ({ ...c, ...change }))}
      />
      <ErrorMessage error={state.error} title="The rows could not be checked." />
      {preview ? <IssueList issues={preview.issues.filter((i) => i.level === 'error' || !i.column)} /> : null}
      <div className="step-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!canGo}
          onClick={() => updateDraft((d) => ({ ...d, step: 'check' }))}
        >
          Check {formatCount(opened.file.rows)} rows →
        </button>
        {conflicts.size > 0 ? (
          <span className="help">Give each field one column to go on.</span>
        ) : state.loading ? (
          <span className="help">Converting the cells…</span>
        ) : null}
      </div>
    </>
  );
}
